// The change feed against a real PostgreSQL: a snapshot brought forward by
// LoadChanges answers exactly as a full load of the same database, after
// every kind of write (inserts, updates in place, skill edits, deletes,
// reference edits) and whatever order concurrent transactions commit in.

#include "db/change_loader.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <random>

#include "absl/strings/str_cat.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "db/snapshot_loader.h"
#include "tests/support/snapshot_figures.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::SnapshotFigures;
using ::compdata::testing::StatusIs;
using ::compdata::testing::TestDatabase;
using Snap = std::shared_ptr<const engine::Snapshot>;

// A posting insert: role by slug, pay in whole units, a day of 2025.
std::string PostingSql(const std::string& source_id, const std::string& role,
                       int pay, int day, const std::string& company = "Acme") {
  return absl::StrCat(
      "INSERT INTO job_postings (source, source_id, role_id, company, "
      "metro_id, remote, seniority, currency, pay_period, pay_min, pay_max, "
      "annual_min, annual_max, posted_at) SELECT 's', '",
      source_id, "', r.id, '", company,
      "', (SELECT min(id) FROM metros), false, 'senior', 'USD', 'year', ", pay,
      ", ", pay + 1000, ", ", pay, ", ", pay + 1000,
      ", '2025-01-01Z'::timestamptz + interval '", day,
      " days' FROM roles r WHERE r.slug = '", role, "';");
}

std::string ReportSql(const std::string& source_id, const std::string& role,
                      int base, int bonus) {
  return absl::StrCat(
      "INSERT INTO salary_reports (source, source_id, role_id, currency, "
      "base, annual_base, bonus, reported_at) SELECT 'r', '",
      source_id, "', id, 'USD', ", base, ", ", base, ", ", bonus,
      ", '2025-03-01Z' FROM roles WHERE slug = '", role, "';");
}

class ChangeLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(ApplyMigrations(db_.url(), EmbeddedMigrations()), IsOk());
    db_.Exec(R"sql(
      INSERT INTO roles (slug, title) VALUES
        ('ai-engineer', 'AI Engineer'), ('software-engineer', 'Software Engineer');
      INSERT INTO skills (slug, display_name) VALUES
        ('python', 'Python'), ('rag', 'RAG'), ('go', 'Go');
    )sql");
    std::string sql;
    for (int i = 0; i < 60; ++i) {
      sql += PostingSql(absl::StrCat("p", i),
                        i % 2 ? "ai-engineer" : "software-engineer",
                        90000 + 977 * i, i % 150, i % 3 ? "Acme" : "Globex");
      sql += ReportSql(absl::StrCat("r", i),
                       i % 3 ? "ai-engineer" : "software-engineer",
                       100000 + 1301 * i, 500 * (i % 7));
    }
    sql +=
        "INSERT INTO posting_skills SELECT p.id, s.id FROM job_postings p, "
        "skills s WHERE (p.id + s.id) % 2 = 0;";
    db_.Exec(sql);
    auto pool = ConnectionPool::Create(PoolOptions{db_.url(), 2});
    ASSERT_THAT(pool, IsOk());
    pool_ = std::move(*pool);
    auto first = LoadSnapshot(*pool_);
    ASSERT_THAT(first, IsOk());
    current_ = *first;
  }

  // Brings current_ forward and checks it against a full load.
  void ApplyAndCompare() {
    auto next = LoadChanges(*pool_, *current_);
    ASSERT_THAT(next, IsOk());
    auto full = LoadSnapshot(*pool_);
    ASSERT_THAT(full, IsOk());
    EXPECT_EQ((*next)->version.version, (*full)->version.version);
    EXPECT_EQ((*next)->posting_count(), (*full)->posting_count());
    EXPECT_EQ((*next)->report_count(), (*full)->report_count());
    ASSERT_EQ(SnapshotFigures(**next), SnapshotFigures(**full));
    current_ = *next;
  }

  TestDatabase db_;
  std::unique_ptr<ConnectionPool> pool_;
  Snap current_;
};

TEST_F(ChangeLoaderTest, EveryKindOfWriteAppliesAsAFullLoadReadsIt) {
  const Snap start = current_;
  // New records.
  db_.Exec(PostingSql("new1", "ai-engineer", 150000, 20) +
           ReportSql("new-r1", "software-engineer", 175000, 9000));
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  // The base part is shared, not rebuilt.
  EXPECT_EQ(current_->parts.front().records, start->parts.front().records);
  // Updates in place: new pay, new role, new metro, new skills.
  db_.Exec(R"sql(
    UPDATE job_postings SET annual_min = 300000, annual_max = 310000,
      pay_min = 300000, pay_max = 310000 WHERE source_id = 'p3';
    UPDATE job_postings SET role_id = (SELECT id FROM roles
      WHERE slug = 'software-engineer') WHERE source_id = 'p5';
    UPDATE job_postings SET metro_id = NULL WHERE source_id = 'p7';
    UPDATE salary_reports SET annual_base = 50000, base = 50000,
      bonus = 0 WHERE source_id = 'r4';
  )sql");
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  // Skills edited on their own, the posting row untouched.
  db_.Exec(R"sql(
    DELETE FROM posting_skills WHERE posting_id =
      (SELECT id FROM job_postings WHERE source_id = 'p10');
    INSERT INTO posting_skills SELECT p.id, s.id FROM job_postings p, skills s
      WHERE p.source_id = 'p11' ON CONFLICT DO NOTHING;
  )sql");
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  // Deletes.
  db_.Exec(R"sql(
    DELETE FROM job_postings WHERE source_id IN ('p12', 'new1');
    DELETE FROM salary_reports WHERE source_id = 'r13';
  )sql");
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  EXPECT_EQ(current_->posting_count(), 59);
}

// Reference edits are read whole and keep the record parts: a new alias
// resolves, a new role appears in ListRoles order, records of it count.
TEST_F(ChangeLoaderTest, ReferenceEditsApplyWithoutReloadingRecords) {
  const Snap start = current_;
  db_.Exec(
      "INSERT INTO role_aliases (alias_key, alias, role_id) SELECT 'mle', "
      "'MLE', id FROM roles WHERE slug = 'ai-engineer';"
      "INSERT INTO roles (slug, title) VALUES ('data-scientist', 'Data "
      "Scientist');" +
      PostingSql("ds1", "data-scientist", 120000, 30));
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  EXPECT_EQ(current_->parts.front().records, start->parts.front().records);
  EXPECT_TRUE(current_->role_by_key.contains("mle"));
  ASSERT_EQ(current_->roles_by_slug.size(), 3u);
  EXPECT_EQ(current_->roles[current_->roles_by_slug[1]].slug, "data-scientist");
}

// A deleted role or a truncated table moves or drops indexes the parts
// hold: only a full load is exact, and LoadChanges says so.
TEST_F(ChangeLoaderTest, DeletedReferenceOrTruncationNeedsAFullLoad) {
  db_.Exec("INSERT INTO roles (slug, title) VALUES ('tmp', 'Tmp')");
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  db_.Exec("DELETE FROM roles WHERE slug = 'tmp'");
  EXPECT_THAT(LoadChanges(*pool_, *current_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  auto full = LoadSnapshot(*pool_);
  ASSERT_THAT(full, IsOk());
  current_ = *full;
  db_.Exec("TRUNCATE salary_reports");
  EXPECT_THAT(LoadChanges(*pool_, *current_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

// Transaction ids are taken at the first write, not at commit: a
// transaction that started writing first and commits last must still be
// read by the load after its commit.
TEST_F(ChangeLoaderTest, ATransactionCommittingLateIsNotMissed) {
  pqxx::connection early_conn(db_.url());
  pqxx::work early(early_conn);
  early.exec(PostingSql("early", "ai-engineer", 111000, 5));
  db_.Exec(PostingSql("later", "ai-engineer", 222000, 6));
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());  // sees "later" only
  const int64_t before = current_->posting_count();
  early.commit();
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
  EXPECT_EQ(current_->posting_count(), before + 1);
}

// Writers do not queue on the data version: a second writer commits while
// the first is still open, and the version counts both.
TEST_F(ChangeLoaderTest, ConcurrentWritersDoNotWaitForEachOther) {
  const int64_t version =
      std::stoll(db_.QueryValue("SELECT version FROM data_state"));
  pqxx::connection first_conn(db_.url());
  pqxx::work first(first_conn);
  first.exec(PostingSql("w1", "ai-engineer", 100000, 1));
  pqxx::connection second_conn(db_.url());
  {
    pqxx::work second(second_conn);
    // Blocking on a lock would fail this statement instead of hanging.
    second.exec("SET LOCAL lock_timeout = '2s'");
    second.exec(PostingSql("w2", "ai-engineer", 100500, 2));
    second.commit();
  }
  first.commit();
  EXPECT_EQ(std::stoll(db_.QueryValue("SELECT version FROM data_state")),
            version + 2);
  ASSERT_NO_FATAL_FAILURE(ApplyAndCompare());
}

// A random sequence of writes (records and reference data), each applied
// and checked.
TEST_F(ChangeLoaderTest, RandomWritesStayEqualToAFullLoad) {
  std::mt19937 rng(99);
  for (int step = 0; step < 12; ++step) {
    std::string sql;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 6); ++k) {
      const int i = static_cast<int>(rng() % 80);
      const std::string role = rng() % 2 ? "ai-engineer" : "software-engineer";
      switch (rng() % 5) {
        case 0:  // insert or replace a posting's pay and role
          sql += absl::StrCat("DELETE FROM job_postings WHERE source_id = 'x",
                              i, "';");
          sql += PostingSql(absl::StrCat("x", i), role,
                            80000 + static_cast<int>(rng() % 90000),
                            static_cast<int>(rng() % 200));
          break;
        case 1:
          sql += absl::StrCat(
              "UPDATE job_postings SET role_id = (SELECT id FROM roles WHERE "
              "slug = '",
              role, "'), annual_max = annual_max + ", rng() % 5000,
              " WHERE source_id = 'p", i % 60, "';");
          break;
        case 2:
          sql +=
              absl::StrCat("UPDATE salary_reports SET bonus = ", rng() % 20000,
                           ", role_id = (SELECT id FROM roles WHERE slug = '",
                           role, "') WHERE source_id = 'r", i % 60, "';");
          break;
        case 3:  // reference data: an alias, a role, a skill
          sql += absl::StrCat(
              "INSERT INTO role_aliases (alias_key, alias, role_id) SELECT "
              "'alias ",
              step, " ", k, "', 'Alias', id FROM roles WHERE slug = '", role,
              "' ON CONFLICT DO NOTHING;"
              "INSERT INTO roles (slug, title) VALUES ('role-",
              step, "-", k,
              "', 'R') ON CONFLICT DO NOTHING;"
              "INSERT INTO skills (slug, display_name) VALUES ('skill-",
              step, "-", k, "', 'S') ON CONFLICT DO NOTHING;");
          break;
        default:
          sql += absl::StrCat(
              "DELETE FROM posting_skills WHERE posting_id = (SELECT id FROM "
              "job_postings WHERE source_id = 'p",
              i % 60, "') AND skill_id = (SELECT min(id) FROM skills);");
      }
    }
    db_.Exec(sql);
    ASSERT_NO_FATAL_FAILURE(ApplyAndCompare()) << "step " << step;
  }
}

}  // namespace
}  // namespace compdata::db
