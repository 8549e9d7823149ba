#include "db/statements.h"

#include "db/ingest_statements.h"
#include "db/official_statements.h"

namespace compdata::db {

const std::vector<Statement>& AllStatements() {
  static const std::vector<Statement>* all = new std::vector<Statement>{
      kDataVersion,
      kRoleAliases,
      kRoleProfileItems,
      kRoleAttributeScores,
      // Write path.
      kUpsertStagedPostings,
      kDeleteUpdatedPostingSkills,
      kInsertStagedPostingSkills,
      kUpsertStagedReports,
      kCountIngestResult,
      kEnsureMetro,
      kUpsertRole,
      kDeleteRoleDetails,
      kInsertRoleAlias,
      kInsertRoleProfileItem,
      kInsertRoleAttributeScore,
      kUpsertSkill,
      kDeleteSkillAliases,
      kInsertSkillAlias,
      kUpsertRoleLevel,
      kUpsertRoleTransition,
      kReferenceNames,
      // Official statistics.
      kUpsertOfficialTable,
      kDeleteOfficialWages,
      kInsertOfficialWage,
      kInsertOfficialLink,
      kCountOfficialWages,
  };
  return *all;
}

const std::vector<std::string_view>& SessionSetup() {
  // Once per session instead of once per batch: temporary tables live as
  // long as the connection, and are emptied at every commit.
  static const std::vector<std::string_view>* setup =
      new std::vector<std::string_view>{kCreateStagingSql};
  return *setup;
}

}  // namespace compdata::db
