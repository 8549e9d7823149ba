#ifndef COMPDATA_SERVER_API_INGEST_SERVICE_H_
#define COMPDATA_SERVER_API_INGEST_SERVICE_H_

#include "compdata/v1/ingest_service.grpc.pb.h"
#include "core/ingest/official_table.h"
#include "server/api/ingest_reactor.h"

namespace compdata::api {

namespace internal {
using I = v1::IngestService;
// Every method on the raw callback API: the reactor parses each message
// itself, so one it cannot parse ends the call with an error instead of
// looking like the end of the stream.
using RawIngestService = I::WithRawCallbackMethod_IngestPostings<
    I::WithRawCallbackMethod_IngestSalaryReports<
        I::WithRawCallbackMethod_IngestRoles<
            I::WithRawCallbackMethod_IngestSkills<
                I::WithRawCallbackMethod_IngestRoleLevels<
                    I::WithRawCallbackMethod_IngestRoleTransitions<
                        I::WithRawCallbackMethod_ImportOfficialStatistics<
                            I::Service>>>>>>>;
}  // namespace internal

// The largest request message the server takes: an official table may be
// 4 MiB (ImportOfficialStatisticsRequest.table), plus room for the rest of
// its request, so a table just over the limit gets the documented
// INVALID_ARGUMENT rather than gRPC's RESOURCE_EXHAUSTED.
inline constexpr int kMaxRequestBytes =
    static_cast<int>(ingest::kMaxOfficialTableBytes) + 64 * 1024;

// Each call gets an IngestReactor (server/api/ingest_reactor.h); their work
// runs on the service's IngestWorkers, settings.workers being ignored.
class IngestServiceImpl final : public internal::RawIngestService {
 public:
  IngestServiceImpl(IngestSettings settings, IngestWorkers::Options workers);

  // Once the server has shut down (no call left): runs the steps still
  // queued and joins the workers. The destructor does it too.
  void Stop() { workers_.Stop(); }

  using Reactor = grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>;
  Reactor* IngestPostings(grpc::CallbackServerContext* ctx) override;
  Reactor* IngestSalaryReports(grpc::CallbackServerContext* ctx) override;
  Reactor* IngestRoles(grpc::CallbackServerContext* ctx) override;
  Reactor* IngestSkills(grpc::CallbackServerContext* ctx) override;
  Reactor* IngestRoleLevels(grpc::CallbackServerContext* ctx) override;
  Reactor* IngestRoleTransitions(grpc::CallbackServerContext* ctx) override;
  // Unary, on the workers too (official_import_handler.h).
  grpc::ServerUnaryReactor* ImportOfficialStatistics(
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,
      grpc::ByteBuffer* out) override;

 private:
  IngestWorkers workers_;
  const IngestSettings settings_;  // with workers = &workers_
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_SERVICE_H_
