#ifndef COMPDATA_DB_EMBEDDED_MIGRATIONS_H_
#define COMPDATA_DB_EMBEDDED_MIGRATIONS_H_

#include <vector>

#include "db/migrator.h"

namespace compdata::db {

// db/migrations/*.sql compiled into the binary, ordered by version.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace compdata::db

#endif  // COMPDATA_DB_EMBEDDED_MIGRATIONS_H_
