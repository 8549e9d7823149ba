#include "db/migrator.h"

#include <gtest/gtest.h>

#include <thread>

#include "db/embedded_migrations.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::StatusIs;
using ::compdata::testing::TestDatabase;

int LatestVersion() { return EmbeddedMigrations().back().version; }

TEST(MigratorTest, AppliesEveryMigrationOnAnEmptyDatabase) {
  TestDatabase db;
  auto report = ApplyMigrations(db.url(), EmbeddedMigrations());
  ASSERT_THAT(report, IsOk());
  EXPECT_EQ(report->applied.size(), EmbeddedMigrations().size());
  EXPECT_EQ(report->current_version, LatestVersion());
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(EmbeddedMigrations().size()));
  // The schema is really there: a table and the data-version trigger.
  const int64_t before =
      std::stoll(db.QueryValue("SELECT version FROM data_state"));
  db.Exec(
      "INSERT INTO roles (slug, title) VALUES ('ai-engineer', 'AI Engineer')");
  EXPECT_EQ(std::stoll(db.QueryValue("SELECT version FROM data_state")),
            before + 1);
}

TEST(MigratorTest, ReapplyingIsANoOp) {
  TestDatabase db;
  ASSERT_THAT(ApplyMigrations(db.url(), EmbeddedMigrations()), IsOk());
  const std::string applied_at = db.QueryValue(
      "SELECT string_agg(applied_at::text, ',') FROM schema_migrations");
  auto again = ApplyMigrations(db.url(), EmbeddedMigrations());
  ASSERT_THAT(again, IsOk());
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->current_version, LatestVersion());
  EXPECT_EQ(
      db.QueryValue(
          "SELECT string_agg(applied_at::text, ',') FROM schema_migrations"),
      applied_at);
}

TEST(MigratorTest, ConcurrentMigratorsApplyEachMigrationExactlyOnce) {
  TestDatabase db;
  constexpr int kMigrators = 4;
  std::vector<absl::StatusOr<MigrationReport>> reports(kMigrators);
  std::vector<std::thread> threads;
  for (int i = 0; i < kMigrators; ++i) {
    threads.emplace_back([&, i] {
      reports[i] = ApplyMigrations(db.url(), EmbeddedMigrations());
    });
  }
  for (auto& t : threads) t.join();
  std::map<int, int> times_applied;
  for (const auto& report : reports) {
    ASSERT_THAT(report, IsOk());
    EXPECT_EQ(report->current_version, LatestVersion());
    for (int v : report->applied) ++times_applied[v];
  }
  for (const Migration& m : EmbeddedMigrations()) {
    EXPECT_EQ(times_applied[m.version], 1) << m.name;
  }
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM schema_migrations"),
            std::to_string(EmbeddedMigrations().size()));
}

TEST(MigratorTest, AFailingMigrationLeavesNothingBehind) {
  TestDatabase db;
  const std::vector<Migration> migrations = {
      {1, "0001_ok.sql", "CREATE TABLE first_table (x int)"},
      {2, "0002_broken.sql",
       "CREATE TABLE half_done (x int); SELECT no_such_column FROM "
       "first_table"},
  };
  EXPECT_THAT(ApplyMigrations(db.url(), migrations),
              StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(db.QueryValue(
                "SELECT string_agg(version::text, ',') FROM schema_migrations"),
            "1");
  EXPECT_EQ(db.QueryValue("SELECT to_regclass('half_done')::text"), "");
  EXPECT_EQ(db.QueryValue("SELECT to_regclass('first_table')::text"),
            "first_table");
}

TEST(MigratorTest, AnEditedAppliedMigrationIsRefused) {
  TestDatabase db;
  std::vector<Migration> migrations = {
      {1, "0001_a.sql", "CREATE TABLE a (x int)"}};
  ASSERT_THAT(ApplyMigrations(db.url(), migrations), IsOk());
  migrations[0].sql = "CREATE TABLE a (x bigint)";
  EXPECT_THAT(ApplyMigrations(db.url(), migrations),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(MigratorTest, VersionsFromANewerBinaryAreReportedNotFatal) {
  TestDatabase db;
  ASSERT_THAT(
      ApplyMigrations(db.url(), {{1, "0001_a.sql", "CREATE TABLE a (x int)"},
                                 {2, "0002_b.sql", "CREATE TABLE b (x int)"}}),
      IsOk());
  auto older =
      ApplyMigrations(db.url(), {{1, "0001_a.sql", "CREATE TABLE a (x int)"}});
  ASSERT_THAT(older, IsOk());
  EXPECT_EQ(older->unknown, std::vector<int>{2});
  EXPECT_EQ(older->current_version, 2);
}

TEST(MigratorTest, UnreachableDatabaseIsUnavailable) {
  EXPECT_THAT(ApplyMigrations("postgresql://postgres@127.0.0.1:1/none",
                              EmbeddedMigrations()),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace compdata::db
