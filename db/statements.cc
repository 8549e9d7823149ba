#include "db/statements.h"

namespace compdata::db {

const std::vector<Statement>& AllStatements() {
  static const std::vector<Statement>* all = new std::vector<Statement>{
      kDataVersion, kListRoles,        kCountRoles,          kFindRole,
      kRoleAliases, kRoleProfileItems, kRoleAttributeScores,
  };
  return *all;
}

}  // namespace compdata::db
