#include "server/api/ingest_service.h"

#include "core/ingest/record_kinds.h"
#include "server/api/api_counters.h"
#include "server/api/official_import_handler.h"

namespace compdata::api {
namespace {

IngestSettings WithWorkers(IngestSettings settings, IngestWorkers* workers) {
  settings.workers = workers;
  return settings;
}

}  // namespace

IngestServiceImpl::IngestServiceImpl(IngestSettings settings,
                                     IngestWorkers::Options workers)
    : workers_(workers), settings_(WithWorkers(settings, &workers_)) {}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestPostings(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::PostingsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kPosting),
      "/compdata.v1.IngestService/IngestPostings", Scope::kIngest);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSalaryReports(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::ReportsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kSalaryReport),
      "/compdata.v1.IngestService/IngestSalaryReports", Scope::kIngest);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoles(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RolesKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRole),
      "/compdata.v1.IngestService/IngestRoles", Scope::kAdmin);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestSkills(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::SkillsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kSkill),
      "/compdata.v1.IngestService/IngestSkills", Scope::kAdmin);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleLevels(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleLevelsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRoleLevel),
      "/compdata.v1.IngestService/IngestRoleLevels", Scope::kAdmin);
}

IngestServiceImpl::Reactor* IngestServiceImpl::IngestRoleTransitions(
    grpc::CallbackServerContext* ctx) {
  return new IngestReactor<ingest::RoleTransitionsKind>(
      settings_, ctx, &Ingested().of(IngestKind::kRoleTransition),
      "/compdata.v1.IngestService/IngestRoleTransitions", Scope::kAdmin);
}

grpc::ServerUnaryReactor* IngestServiceImpl::ImportOfficialStatistics(
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,
    grpc::ByteBuffer* out) {
  return ServeImportOfficialStatistics(settings_, ctx, in, out);
}

}  // namespace compdata::api
