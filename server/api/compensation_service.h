#ifndef COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
#define COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compdata/v1/compensation_service.grpc.pb.h"
#include "core/engine/snapshot.h"
#include "server/api/bearer_auth.h"
#include "server/api/figures.h"
#include "server/api/lru_cache.h"
#include "server/api/query_context.h"
#include "server/api/read_answer.h"
#include "server/api/service_defaults.h"
#include "server/metrics/call_observer.h"

namespace compdata::api {

struct CompensationServiceOptions {
  int privacy_floor = kDefaultPrivacyFloor;
  size_t response_cache_entries = kDefaultResponseCacheEntries;
  // Checked before every answer; nullptr or no tokens = open.
  const BearerAuth* auth = nullptr;
  // How far behind the database the snapshot may be; sent with every
  // answer as the header compdata-staleness-ms when set.
  std::function<absl::Duration()> staleness;
  // Records every call (metrics, call logs); nullptr = none.
  server::metrics::CallObserver* calls = nullptr;
};

using SnapshotSource = std::function<std::shared_ptr<const engine::Snapshot>()>;

namespace internal {
using S = v1::CompensationService;
// Every method on the raw callback API: the handlers see the wire bytes, so a
// cached answer goes out as the bytes it was cached as (no parse, no
// re-serialisation) and a fresh one is serialised once, for the wire and the
// cache alike.
using RawCompensationService =
    S::WithRawCallbackMethod_ListRoles<S::WithRawCallbackMethod_GetRole<
        S::WithRawCallbackMethod_GetSalaryDistribution<
            S::WithRawCallbackMethod_CompareRoles<
                S::WithRawCallbackMethod_GetSkillOverlap<
                    S::WithRawCallbackMethod_GetSkillPremiums<
                        S::WithRawCallbackMethod_GetCareerPath<
                            S::WithRawCallbackMethod_GetSalaryTrend<
                                S::WithRawCallbackMethod_EvaluateOffer<
                                    S::WithRawCallbackMethod_GetRelatedRoles<
                                        S::WithRawCallbackMethod_BatchRead<
                                            S::Service>>>>>>>>>>>;
}  // namespace internal

// Thin handlers on the callback API: each takes the current snapshot and
// runs its Answer* function (read_handlers.h) inline, through AnswerRead
// (read_answer.h: read_mask, known_version, answer_version); no call
// blocks. BatchRead streams one answer per item from one snapshot
// (batch_read_reactor.h).
class CompensationServiceImpl final : public internal::RawCompensationService {
 public:
  CompensationServiceImpl(SnapshotSource snapshots,
                          CompensationServiceOptions options);

  using Reactor = grpc::ServerUnaryReactor;
  using Ctx = grpc::CallbackServerContext;
  using Bytes = grpc::ByteBuffer;
  Reactor* ListRoles(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetRole(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetSalaryDistribution(Ctx* ctx, const Bytes* in,
                                 Bytes* out) override;
  Reactor* CompareRoles(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetSkillOverlap(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetSkillPremiums(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetCareerPath(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetSalaryTrend(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* EvaluateOffer(Ctx* ctx, const Bytes* in, Bytes* out) override;
  Reactor* GetRelatedRoles(Ctx* ctx, const Bytes* in, Bytes* out) override;
  grpc::ServerWriteReactor<Bytes>* BatchRead(Ctx* ctx,
                                             const Bytes* in) override;

  // The response cache's and the figure memos' counts, by name.
  std::vector<std::pair<std::string, CacheStats>> CacheStatistics() const;

 private:
  enum Method {
    kListRoles,
    kGetRole,
    kGetSalaryDistribution,
    kCompareRoles,
    kGetSkillOverlap,
    kGetSkillPremiums,
    kGetCareerPath,
    kGetSalaryTrend,
    kEvaluateOffer,
    kGetRelatedRoles,
    kBatchRead,
    kMethods
  };
  // Records the call and finishes it with Answer's status.
  template <typename Request, typename Response>
  Reactor* Serve(Method method, Ctx* ctx, const Bytes* in, Bytes* out,
                 AnswerFn<Request, Response> answer);
  template <typename Request, typename Response>
  absl::Status Answer(Method method, Ctx* ctx, const Bytes* in, Bytes* out,
                      AnswerFn<Request, Response> answer);
  // Auth, then the current snapshot (UNAVAILABLE before the first).
  absl::StatusOr<std::shared_ptr<const engine::Snapshot>> Admit(Ctx* ctx);
  // The context every answer from `snapshot` for this call is computed in.
  QueryContext QueryFor(Ctx* ctx, const engine::Snapshot& snapshot);
  // The serialised answer to a request of `method` given as its wire
  // bytes: from the response cache, else computed (AnswerRead) and cached.
  template <typename Request, typename Response>
  absl::StatusOr<grpc::Slice> AnswerBytes(Method method,
                                          const QueryContext& query,
                                          absl::string_view raw,
                                          AnswerFn<Request, Response> answer);
  // The BatchReadResponse bytes of item `index`: its answer as its unary
  // RPC gives it, or its error; not OK only for an error that ends the
  // call (deadline, cancel).
  absl::StatusOr<grpc::ByteBuffer> AnswerItem(const QueryContext& query,
                                              const v1::BatchReadItem& item,
                                              int index);

  const SnapshotSource snapshots_;
  const CompensationServiceOptions options_;
  std::array<server::metrics::MethodCounters*, kMethods> counters_{};
  // The newest data version read so far: every cache key holds a version,
  // so entries of older ones can never be asked for again and are dropped
  // when a newer snapshot is first read (under continuous ingest they
  // otherwise filled every cache to its cap: +17 MB in a 5-minute soak).
  std::atomic<int64_t> newest_version_{-1};
  void DropOlderVersions(int64_t version);
  // Per answer, once its snapshot is known: the caches' version, the
  // staleness header.
  void BeforeAnswer(Ctx* ctx, int64_t version);
  // Serialized answers by (rpc, data version, minute, request bytes): a
  // snapshot never changes, so an entry is exact until it ages out. Only
  // answers computed twice are kept: one-off requests pass by.
  LruCache<grpc::Slice> responses_;
  // Demand figures by role and filter: CompareRoles and GetSkillOverlap
  // requests that differ only in pay fields share them.
  DemandCache demand_;
  // Medians by role and filter, all levels: pay-by-level tables, ladders.
  MedianCache medians_;
  // Tracked postings by family and filter: CompareRoles' share denominator.
  CountCache tracked_;
  // Verdicts by roles and filter: comparisons that differ in nothing else
  // (extra percentiles, top_n, read_mask) share them and their sentences.
  VerdictCache verdicts_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
