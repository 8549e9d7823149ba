#include "server/api/ingest_service.h"

#include "core/ingest/record_kinds.h"

namespace compdata::api {

IngestServiceImpl::Reactor* IngestServiceImpl::IngestPostings(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::PostingsKind>(settings_, ctx);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSalaryReports(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::ReportsKind>(settings_, ctx);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoles(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RolesKind>(settings_, ctx);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSkills(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::SkillsKind>(settings_, ctx);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleLevels(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleLevelsKind>(settings_, ctx);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleTransitions(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleTransitionsKind>(settings_, ctx);
}

}  // namespace compdata::api
