#ifndef COMPDATA_DB_OFFICIAL_LOADER_H_
#define COMPDATA_DB_OFFICIAL_LOADER_H_

#include <pqxx/pqxx>

#include "core/engine/snapshot_builder.h"

namespace compdata::db {

// Every official row and link into `builder` (after the reference data, so
// links find their roles), replacing the previous snapshot's. Read whole:
// there are hundreds; only a full load or an official change reads them.
void LoadOfficial(pqxx::work& txn, engine::SnapshotBuilder& builder);

}  // namespace compdata::db

#endif  // COMPDATA_DB_OFFICIAL_LOADER_H_
