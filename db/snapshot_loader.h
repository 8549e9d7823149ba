#ifndef COMPDATA_DB_SNAPSHOT_LOADER_H_
#define COMPDATA_DB_SNAPSHOT_LOADER_H_

#include <memory>
#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "core/engine/snapshot.h"
#include "core/engine/snapshot_builder.h"
#include "db/pool.h"

namespace compdata::db {

// Reads the whole database in one REPEATABLE READ snapshot (so the image is
// consistent with the data version it carries) and builds the engine's
// Snapshot. Bulk tables are streamed with COPY.
absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadSnapshot(
    ConnectionPool& pool);

// Every reference table (roles with their details, levels, transitions,
// skills, metros) into `builder`, in id order.
void LoadReference(pqxx::work& txn, engine::SnapshotBuilder& builder);

}  // namespace compdata::db

#endif  // COMPDATA_DB_SNAPSHOT_LOADER_H_
