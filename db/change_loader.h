#ifndef COMPDATA_DB_CHANGE_LOADER_H_
#define COMPDATA_DB_CHANGE_LOADER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/engine/snapshot.h"
#include "db/pool.h"

namespace compdata::db {

// The next version of `previous`, read as only the rows that changed since
// its change cursor (0003_change_feed.sql), in one REPEATABLE READ
// transaction: its cost follows the change, not the database. Records not
// changed are shared with `previous`.
//
// Reference tables, when any changed, are read whole (they are small) and
// the record parts kept, since ids only grow. Official statistics are read
// whole when they changed, and otherwise shared with `previous`.
// FailedPrecondition when only a full load is exact: a record table was
// truncated, a role, skill or metro was deleted, or `previous` has no cursor.
absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadChanges(
    ConnectionPool& pool, const engine::Snapshot& previous);

}  // namespace compdata::db

#endif  // COMPDATA_DB_CHANGE_LOADER_H_
