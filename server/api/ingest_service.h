#ifndef COMPDATA_SERVER_API_INGEST_SERVICE_H_
#define COMPDATA_SERVER_API_INGEST_SERVICE_H_

#include "compdata/v1/ingest_service.grpc.pb.h"
#include "server/api/ingest_reactor.h"

namespace compdata::api {

// Each call gets an IngestReactor (server/api/ingest_reactor.h).
class IngestServiceImpl final : public v1::IngestService::CallbackService {
 public:
  explicit IngestServiceImpl(IngestSettings settings) : settings_(settings) {}

  grpc::ServerBidiReactor<v1::IngestPostingsRequest,
                          v1::IngestPostingsResponse>*
  IngestPostings(grpc::CallbackServerContext* ctx) override;
  grpc::ServerBidiReactor<v1::IngestSalaryReportsRequest,
                          v1::IngestSalaryReportsResponse>*
  IngestSalaryReports(grpc::CallbackServerContext* ctx) override;
  grpc::ServerBidiReactor<v1::IngestRolesRequest, v1::IngestRolesResponse>*
  IngestRoles(grpc::CallbackServerContext* ctx) override;
  grpc::ServerBidiReactor<v1::IngestSkillsRequest, v1::IngestSkillsResponse>*
  IngestSkills(grpc::CallbackServerContext* ctx) override;
  grpc::ServerBidiReactor<v1::IngestRoleLevelsRequest,
                          v1::IngestRoleLevelsResponse>*
  IngestRoleLevels(grpc::CallbackServerContext* ctx) override;
  grpc::ServerBidiReactor<v1::IngestRoleTransitionsRequest,
                          v1::IngestRoleTransitionsResponse>*
  IngestRoleTransitions(grpc::CallbackServerContext* ctx) override;

 private:
  const IngestSettings settings_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_SERVICE_H_
