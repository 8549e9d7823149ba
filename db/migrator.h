#ifndef COMPDATA_DB_MIGRATOR_H_
#define COMPDATA_DB_MIGRATOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace compdata::db {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call, in order
  int current_version = 0;   // highest version recorded after the call
  // Versions recorded in the database that this binary does not know (a
  // newer binary migrated it); reported, not an error, so rollbacks work.
  std::vector<int> unknown;
};

// Brings the database at `url` up to date. Holds a session advisory lock for
// the whole run, so concurrent migrators apply each migration exactly once;
// each migration commits in its own transaction together with its
// schema_migrations row. An applied migration whose SQL has changed since
// (checksum mismatch) is FAILED_PRECONDITION: history is never rewritten.
absl::StatusOr<MigrationReport> ApplyMigrations(
    const std::string& url, const std::vector<Migration>& migrations);

}  // namespace compdata::db

#endif  // COMPDATA_DB_MIGRATOR_H_
