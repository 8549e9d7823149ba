#ifndef COMPDATA_DB_SNAPSHOT_LOADER_H_
#define COMPDATA_DB_SNAPSHOT_LOADER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "core/engine/snapshot.h"
#include "db/pool.h"

namespace compdata::db {

// Reads the whole database in one REPEATABLE READ snapshot (so the image is
// consistent with the data version it carries) and builds the engine's
// Snapshot. Bulk tables are streamed with COPY.
absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadSnapshot(
    ConnectionPool& pool);

}  // namespace compdata::db

#endif  // COMPDATA_DB_SNAPSHOT_LOADER_H_
