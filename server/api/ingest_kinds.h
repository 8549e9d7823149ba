#ifndef COMPDATA_SERVER_API_INGEST_KINDS_H_
#define COMPDATA_SERVER_API_INGEST_KINDS_H_

// One traits struct per ingest RPC: its messages, the record's stream key
// (for DUPLICATE_IN_STREAM), its validator and its batch writer.

#include <string>

#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "compdata/v1/ingest_service.grpc.pb.h"
#include "core/ingest/validate.h"
#include "db/ingest_writer.h"

namespace compdata::api {

// Key of a record identified by a role name plus something else: the role
// is resolved first, so a slug and its alias count as the same role.
inline std::string RoleKey(const ingest::ReferenceIndex& index,
                           const std::string& role) {
  auto id = index.roles.Find(role);
  return id.has_value() ? absl::StrCat("#", *id) : NormalizeKey(role);
}

struct PostingsKind {
  using Request = v1::IngestPostingsRequest;
  using Response = v1::IngestPostingsResponse;
  using Record = v1::JobPosting;
  using Row = ingest::PostingRow;
  static constexpr const char* kKeyField = "source_id";
  static const auto& Records(const Request& r) { return r.postings(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex&) {
    return absl::StrCat(r.source(), "\x1f", r.source_id());
  }
  static std::string SourceId(const Record& r) { return r.source_id(); }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time now) {
    return ingest::ValidatePosting(r, *index, now);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WritePostings(txn, rows);
  }
};

struct ReportsKind {
  using Request = v1::IngestSalaryReportsRequest;
  using Response = v1::IngestSalaryReportsResponse;
  using Record = v1::SalaryReport;
  using Row = ingest::ReportRow;
  static constexpr const char* kKeyField = "source_id";
  static const auto& Records(const Request& r) { return r.reports(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex&) {
    return absl::StrCat(r.source(), "\x1f", r.source_id());
  }
  static std::string SourceId(const Record& r) { return r.source_id(); }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time now) {
    return ingest::ValidateReport(r, *index, now);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WriteReports(txn, rows);
  }
};

struct RolesKind {
  using Request = v1::IngestRolesRequest;
  using Response = v1::IngestRolesResponse;
  using Record = v1::Role;
  using Row = ingest::RoleRow;
  static constexpr const char* kKeyField = "slug";
  static const auto& Records(const Request& r) { return r.roles(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex&) {
    return r.slug();
  }
  static std::string SourceId(const Record& r) { return r.slug(); }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time) {
    return ingest::ValidateRole(r, index);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WriteRoles(txn, rows);
  }
};

struct SkillsKind {
  using Request = v1::IngestSkillsRequest;
  using Response = v1::IngestSkillsResponse;
  using Record = v1::Skill;
  using Row = ingest::SkillRow;
  static constexpr const char* kKeyField = "slug";
  static const auto& Records(const Request& r) { return r.skills(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex&) {
    return r.slug();
  }
  static std::string SourceId(const Record& r) { return r.slug(); }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time) {
    return ingest::ValidateSkill(r, index);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WriteSkills(txn, rows);
  }
};

struct RoleLevelsKind {
  using Request = v1::IngestRoleLevelsRequest;
  using Response = v1::IngestRoleLevelsResponse;
  using Record = v1::RoleLevel;
  using Row = ingest::RoleLevelRow;
  static constexpr const char* kKeyField = "level";
  static const auto& Records(const Request& r) { return r.levels(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex& index) {
    return absl::StrCat(RoleKey(index, r.role()), "/", r.level());
  }
  static std::string SourceId(const Record& r) {
    return absl::StrCat(r.role(), "/", r.level());
  }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time) {
    return ingest::ValidateRoleLevel(r, *index);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WriteRoleLevels(txn, rows);
  }
};

struct RoleTransitionsKind {
  using Request = v1::IngestRoleTransitionsRequest;
  using Response = v1::IngestRoleTransitionsResponse;
  using Record = v1::RoleTransition;
  using Row = ingest::RoleTransitionRow;
  static constexpr const char* kKeyField = "to_role";
  static const auto& Records(const Request& r) { return r.transitions(); }
  static std::string Key(const Record& r, const ingest::ReferenceIndex& index) {
    return absl::StrCat(RoleKey(index, r.from_role()), ">",
                        RoleKey(index, r.to_role()));
  }
  static std::string SourceId(const Record& r) {
    return absl::StrCat(r.from_role(), ">", r.to_role());
  }
  static ingest::Validated<Row> Validate(const Record& r,
                                         ingest::ReferenceIndex* index,
                                         absl::Time) {
    return ingest::ValidateRoleTransition(r, *index);
  }
  static ingest::UpsertCounts Write(pqxx::work& txn,
                                    const std::vector<Row>& rows) {
    return db::WriteRoleTransitions(txn, rows);
  }
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_KINDS_H_
