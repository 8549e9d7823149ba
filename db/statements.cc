#include "db/statements.h"

#include "db/ingest_statements.h"

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
  };
  return *all;
}

}  // namespace compdata::db
