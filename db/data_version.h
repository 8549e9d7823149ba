#ifndef COMPDATA_DB_DATA_VERSION_H_
#define COMPDATA_DB_DATA_VERSION_H_

#include <pqxx/pqxx>

#include "core/engine/model.h"

namespace compdata::db {

// The data version as of `txn`'s snapshot (data_state, bumped by triggers).
engine::DataVersion ReadDataVersion(pqxx::work& txn);

}  // namespace compdata::db

#endif  // COMPDATA_DB_DATA_VERSION_H_
