#include "server/api/ingest_service.h"

#include "core/ingest/record_kinds.h"

namespace compdata::api {

grpc::ServerBidiReactor<v1::IngestPostingsRequest, v1::IngestPostingsResponse>*
IngestServiceImpl::IngestPostings(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::PostingsKind>(settings_, ctx);
}

grpc::ServerBidiReactor<v1::IngestSalaryReportsRequest,
                        v1::IngestSalaryReportsResponse>*
IngestServiceImpl::IngestSalaryReports(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::ReportsKind>(settings_, ctx);
}

grpc::ServerBidiReactor<v1::IngestRolesRequest, v1::IngestRolesResponse>*
IngestServiceImpl::IngestRoles(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RolesKind>(settings_, ctx);
}

grpc::ServerBidiReactor<v1::IngestSkillsRequest, v1::IngestSkillsResponse>*
IngestServiceImpl::IngestSkills(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::SkillsKind>(settings_, ctx);
}

grpc::ServerBidiReactor<v1::IngestRoleLevelsRequest,
                        v1::IngestRoleLevelsResponse>*
IngestServiceImpl::IngestRoleLevels(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleLevelsKind>(settings_, ctx);
}

grpc::ServerBidiReactor<v1::IngestRoleTransitionsRequest,
                        v1::IngestRoleTransitionsResponse>*
IngestServiceImpl::IngestRoleTransitions(grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleTransitionsKind>(settings_, ctx);
}

}  // namespace compdata::api
