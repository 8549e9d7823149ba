#ifndef COMPDATA_DB_ROLE_READER_H_
#define COMPDATA_DB_ROLE_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "db/pool.h"
#include "server/engine/model.h"

namespace compdata::db {

struct RolePage {
  std::vector<engine::Role> roles;
  bool has_more = false;
  int64_t total_size = 0;
  engine::DataVersion version;
};

// Reads roles with their aliases and editorial profiles, each answer in one
// transaction together with the data version it saw.
class RoleReader {
 public:
  explicit RoleReader(ConnectionPool* pool) : pool_(pool) {}

  // Roles ordered by slug, after `after_slug` ("" = from the start).
  absl::StatusOr<RolePage> List(const std::string& family,
                                const std::string& after_slug, int limit,
                                absl::Time deadline) const;

  // By slug, or by any alias after NormalizeKey. NOT_FOUND when neither.
  absl::StatusOr<std::pair<engine::Role, engine::DataVersion>> Find(
      const std::string& slug_or_alias, absl::Time deadline) const;

 private:
  ConnectionPool* pool_;
};

}  // namespace compdata::db

#endif  // COMPDATA_DB_ROLE_READER_H_
