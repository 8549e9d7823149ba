#ifndef COMPDATA_DB_DATA_VERSION_H_
#define COMPDATA_DB_DATA_VERSION_H_

#include <pqxx/pqxx>

#include "core/engine/model.h"

namespace compdata::db {

// The data version as of `txn`'s snapshot (the data_state view: a count of
// the writing transactions it sees, 0003_change_feed.sql).
engine::DataVersion ReadDataVersion(pqxx::work& txn);

}  // namespace compdata::db

#endif  // COMPDATA_DB_DATA_VERSION_H_
