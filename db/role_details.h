#ifndef COMPDATA_DB_ROLE_DETAILS_H_
#define COMPDATA_DB_ROLE_DETAILS_H_

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "core/engine/model.h"

namespace compdata::db {

// Fills aliases and editorial profiles of `roles` (ids set) with three
// set-based queries.
void FillRoleDetails(pqxx::work& txn, std::vector<engine::Role>& roles);

}  // namespace compdata::db

#endif  // COMPDATA_DB_ROLE_DETAILS_H_
