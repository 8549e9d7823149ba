#ifndef COMPDATA_DB_INGEST_WRITER_H_
#define COMPDATA_DB_INGEST_WRITER_H_

#include <pqxx/pqxx>
#include <vector>

#include "absl/status/statusor.h"
#include "core/ingest/reference_index.h"
#include "core/ingest/rows.h"

namespace compdata::db {

// Each writes one batch inside the caller's transaction and says how many
// rows were new and how many replaced an existing row with the same key.
// Any failure throws (libpqxx) and the caller's transaction rolls back whole.
ingest::UpsertCounts WritePostings(pqxx::work& txn,
                                   const std::vector<ingest::PostingRow>& rows);
ingest::UpsertCounts WriteReports(pqxx::work& txn,
                                  const std::vector<ingest::ReportRow>& rows);
ingest::UpsertCounts WriteRoles(pqxx::work& txn,
                                const std::vector<ingest::RoleRow>& rows);
ingest::UpsertCounts WriteSkills(pqxx::work& txn,
                                 const std::vector<ingest::SkillRow>& rows);
ingest::UpsertCounts WriteRoleLevels(
    pqxx::work& txn, const std::vector<ingest::RoleLevelRow>& rows);
ingest::UpsertCounts WriteRoleTransitions(
    pqxx::work& txn, const std::vector<ingest::RoleTransitionRow>& rows);

// Every role, skill and metro name (slug, title, aliases) with its id.
ingest::ReferenceIndex LoadReferenceIndex(pqxx::work& txn);

}  // namespace compdata::db

#endif  // COMPDATA_DB_INGEST_WRITER_H_
