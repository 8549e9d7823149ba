#include "db/embedded_migrations.h"

#include <gtest/gtest.h>

namespace compdata::db {
namespace {

TEST(EmbeddedMigrationsTest, NumberedFromOneWithoutGaps) {
  const auto& migrations = EmbeddedMigrations();
  ASSERT_FALSE(migrations.empty());
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1)
        << migrations[i].name;
    EXPECT_FALSE(migrations[i].sql.empty()) << migrations[i].name;
  }
}

}  // namespace
}  // namespace compdata::db
