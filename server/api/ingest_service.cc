#include "server/api/ingest_service.h"

#include "core/ingest/record_kinds.h"
#include "server/api/api_counters.h"

namespace compdata::api {

IngestServiceImpl::Reactor* IngestServiceImpl::IngestPostings(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::PostingsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kPosting));
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSalaryReports(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::ReportsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kSalaryReport));
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoles(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RolesKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRole));
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSkills(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::SkillsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kSkill));
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleLevels(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleLevelsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRoleLevel));
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleTransitions(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleTransitionsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRoleTransition));
}

}  // namespace compdata::api
