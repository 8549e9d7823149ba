#ifndef COMPDATA_CORE_INGEST_RECORD_KINDS_H_
#define COMPDATA_CORE_INGEST_RECORD_KINDS_H_

// One traits struct per ingest RPC: its messages, the record's stream key
// (for DUPLICATE_IN_STREAM) and its validator. A new record kind adds one
// here, a Validate* function, a row type and a BatchWriter::Write overload.

#include <string>

#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "compdata/v1/ingest_service.pb.h"
#include "core/ingest/validate.h"

namespace compdata::ingest {

// Key of a record identified by a role name plus something else: the role
// is resolved first, so a slug and its alias count as the same role.
inline std::string RoleKey(const ReferenceIndex& index,
                           const std::string& role) {
  auto id = index.roles.Find(role);
  return id.has_value() ? absl::StrCat("#", *id) : NormalizeKey(role);
}

struct PostingsKind {
  using Request = v1::IngestPostingsRequest;
  using Response = v1::IngestPostingsResponse;
  using Record = v1::JobPosting;
  using Row = PostingRow;
  static constexpr const char* kKeyField = "source_id";
  static const auto& Records(const Request& r) { return r.postings(); }
  static std::string Key(const Record& r, const ReferenceIndex&) {
    return absl::StrCat(r.source(), "\x1f", r.source_id());
  }
  static std::string SourceId(const Record& r) { return r.source_id(); }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time now) {
    return ValidatePosting(r, *index, now);
  }
};

struct ReportsKind {
  using Request = v1::IngestSalaryReportsRequest;
  using Response = v1::IngestSalaryReportsResponse;
  using Record = v1::SalaryReport;
  using Row = ReportRow;
  static constexpr const char* kKeyField = "source_id";
  static const auto& Records(const Request& r) { return r.reports(); }
  static std::string Key(const Record& r, const ReferenceIndex&) {
    return absl::StrCat(r.source(), "\x1f", r.source_id());
  }
  static std::string SourceId(const Record& r) { return r.source_id(); }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time now) {
    return ValidateReport(r, *index, now);
  }
};

struct RolesKind {
  using Request = v1::IngestRolesRequest;
  using Response = v1::IngestRolesResponse;
  using Record = v1::Role;
  using Row = RoleRow;
  static constexpr const char* kKeyField = "slug";
  static const auto& Records(const Request& r) { return r.roles(); }
  static std::string Key(const Record& r, const ReferenceIndex&) {
    return r.slug();
  }
  static std::string SourceId(const Record& r) { return r.slug(); }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time) {
    return ValidateRole(r, index);
  }
};

struct SkillsKind {
  using Request = v1::IngestSkillsRequest;
  using Response = v1::IngestSkillsResponse;
  using Record = v1::Skill;
  using Row = SkillRow;
  static constexpr const char* kKeyField = "slug";
  static const auto& Records(const Request& r) { return r.skills(); }
  static std::string Key(const Record& r, const ReferenceIndex&) {
    return r.slug();
  }
  static std::string SourceId(const Record& r) { return r.slug(); }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time) {
    return ValidateSkill(r, index);
  }
};

struct RoleLevelsKind {
  using Request = v1::IngestRoleLevelsRequest;
  using Response = v1::IngestRoleLevelsResponse;
  using Record = v1::RoleLevel;
  using Row = RoleLevelRow;
  static constexpr const char* kKeyField = "level";
  static const auto& Records(const Request& r) { return r.levels(); }
  static std::string Key(const Record& r, const ReferenceIndex& index) {
    return absl::StrCat(RoleKey(index, r.role()), "/", r.level());
  }
  static std::string SourceId(const Record& r) {
    return absl::StrCat(r.role(), "/", r.level());
  }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time) {
    return ValidateRoleLevel(r, *index);
  }
};

struct RoleTransitionsKind {
  using Request = v1::IngestRoleTransitionsRequest;
  using Response = v1::IngestRoleTransitionsResponse;
  using Record = v1::RoleTransition;
  using Row = RoleTransitionRow;
  static constexpr const char* kKeyField = "to_role";
  static const auto& Records(const Request& r) { return r.transitions(); }
  static std::string Key(const Record& r, const ReferenceIndex& index) {
    return absl::StrCat(RoleKey(index, r.from_role()), ">",
                        RoleKey(index, r.to_role()));
  }
  static std::string SourceId(const Record& r) {
    return absl::StrCat(r.from_role(), ">", r.to_role());
  }
  static Validated<Row> Validate(const Record& r, ReferenceIndex* index,
                                 absl::Time) {
    return ValidateRoleTransition(r, *index);
  }
};

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_RECORD_KINDS_H_
