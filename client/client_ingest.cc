// Client's ingest methods: the streams (each binds RunIngest to its RPC)
// and the official statistics import.

#include "client/client.h"

namespace compdata {
namespace {

template <typename Request, typename Response, typename Record>
IngestOutcome Run(
    v1::IngestService::Stub* stub,
    std::unique_ptr<grpc::ClientReaderWriter<Request, Response>> (
        v1::IngestService::Stub::*open)(grpc::ClientContext*),
    google::protobuf::RepeatedPtrField<Record>* (Request::*records)(),
    const std::function<bool(Record*)>& next, const IngestRunOptions& options) {
  return RunIngest<Request, Response, Record>(
      [&](grpc::ClientContext* ctx) { return (stub->*open)(ctx); }, records,
      next, options);
}

}  // namespace

IngestOutcome Client::IngestPostings(const RecordSource<v1::JobPosting>& next,
                                     const IngestRunOptions& options) const {
  return Run(ingest_stub_.get(), &v1::IngestService::Stub::IngestPostings,
             &v1::IngestPostingsRequest::mutable_postings, next, options);
}

IngestOutcome Client::IngestSalaryReports(
    const RecordSource<v1::SalaryReport>& next,
    const IngestRunOptions& options) const {
  return Run(ingest_stub_.get(), &v1::IngestService::Stub::IngestSalaryReports,
             &v1::IngestSalaryReportsRequest::mutable_reports, next, options);
}

IngestOutcome Client::IngestRoles(const RecordSource<v1::Role>& next,
                                  const IngestRunOptions& options) const {
  return Run(ingest_stub_.get(), &v1::IngestService::Stub::IngestRoles,
             &v1::IngestRolesRequest::mutable_roles, next, options);
}

IngestOutcome Client::IngestSkills(const RecordSource<v1::Skill>& next,
                                   const IngestRunOptions& options) const {
  return Run(ingest_stub_.get(), &v1::IngestService::Stub::IngestSkills,
             &v1::IngestSkillsRequest::mutable_skills, next, options);
}

IngestOutcome Client::IngestRoleLevels(const RecordSource<v1::RoleLevel>& next,
                                       const IngestRunOptions& options) const {
  return Run(ingest_stub_.get(), &v1::IngestService::Stub::IngestRoleLevels,
             &v1::IngestRoleLevelsRequest::mutable_levels, next, options);
}

IngestOutcome Client::IngestRoleTransitions(
    const RecordSource<v1::RoleTransition>& next,
    const IngestRunOptions& options) const {
  return Run(
      ingest_stub_.get(), &v1::IngestService::Stub::IngestRoleTransitions,
      &v1::IngestRoleTransitionsRequest::mutable_transitions, next, options);
}

absl::StatusOr<v1::ImportOfficialStatisticsResponse>
Client::ImportOfficialStatistics(
    const v1::ImportOfficialStatisticsRequest& request) const {
  v1::ImportOfficialStatisticsResponse response;
  auto ctx = NewContext();
  absl::Status status = FromGrpcStatus(
      ingest_stub_->ImportOfficialStatistics(ctx.get(), request, &response));
  if (!status.ok()) return status;
  return response;
}

}  // namespace compdata
