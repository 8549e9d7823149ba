#include "db/data_version.h"

#include "db/statements.h"

namespace compdata::db {

engine::DataVersion ReadDataVersion(pqxx::work& txn) {
  pqxx::row row = txn.exec_prepared1(std::string(kDataVersion.name));
  return engine::DataVersion{
      row["version"].as<int64_t>(),
      absl::FromUnixMicros(row["changed_us"].as<int64_t>())};
}

}  // namespace compdata::db
