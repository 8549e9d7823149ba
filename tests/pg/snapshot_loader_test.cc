#include "db/snapshot_loader.h"

#include <gtest/gtest.h>

#include "common/normalize.h"
#include "core/engine/privacy.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::TestDatabase;

class SnapshotLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(ApplyMigrations(db_.url(), EmbeddedMigrations()), IsOk());
    db_.Exec(R"sql(
      INSERT INTO roles (slug, title, family, summary) VALUES
        ('software-engineer', 'Software Engineer', 'software', ''),
        ('ai-engineer', 'AI Engineer', 'ai', 'Builds AI systems.');
      INSERT INTO role_aliases (alias_key, alias, role_id)
        SELECT 'ai eng', 'AI Eng', id FROM roles WHERE slug = 'ai-engineer';
      INSERT INTO role_profile_items (role_id, kind, position, item)
        SELECT id, 'responsibility', p, t FROM roles,
          (VALUES (1, 'Train models'), (0, 'Design systems')) v(p, t)
        WHERE slug = 'ai-engineer';
      INSERT INTO role_levels (role_id, level, seniority, title)
        SELECT id, 2, 'mid', 'AI Engineer' FROM roles WHERE slug = 'ai-engineer';
      INSERT INTO role_levels (role_id, level, seniority, title)
        SELECT id, 1, 'entry', 'Junior AI Engineer' FROM roles
        WHERE slug = 'ai-engineer';
      INSERT INTO skills (slug, display_name) VALUES ('rag', 'RAG'), ('python', 'Python');
      INSERT INTO skill_aliases (alias_key, alias, skill_id)
        SELECT 'retrieval augmented generation', 'retrieval augmented generation', id
        FROM skills WHERE slug = 'rag';
      INSERT INTO job_postings (source, source_id, role_id, company, metro_id,
          remote, seniority, currency, pay_period, pay_min, pay_max,
          annual_min, annual_max, posted_at, expires_at)
        SELECT 's', 'p' || i, r.id, E'Acme\tCorp', m.id, i % 2 = 0, 'senior',
          'USD', 'year', 100000.01, 100000.02, 100000.01, 100000.02,
          '2025-06-01T12:00:00.5Z', CASE WHEN i = 3 THEN '2025-07-01Z'::timestamptz END
        FROM generate_series(1, 3) i, roles r, metros m
        WHERE r.slug = 'ai-engineer' AND m.slug = 'san-francisco';
      INSERT INTO job_postings (source, source_id, role_id, posted_at)
        SELECT 's', 'nopay', id, '2025-06-02Z' FROM roles WHERE slug = 'ai-engineer';
      INSERT INTO posting_skills (posting_id, skill_id)
        SELECT p.id, s.id FROM job_postings p, skills s WHERE p.source_id = 'p1';
      INSERT INTO salary_reports (source, source_id, role_id, currency,
          base, annual_base, bonus, equity_per_year, reported_at, pay_period)
        SELECT 'r', 'r1', id, 'EUR', 5000, 60000, 1000.5, 0.25, '2025-05-01Z', 'month'
        FROM roles WHERE slug = 'software-engineer';
    )sql");
    auto pool = ConnectionPool::Create(PoolOptions{db_.url(), 2});
    ASSERT_THAT(pool, IsOk());
    pool_ = std::move(*pool);
  }

  TestDatabase db_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(SnapshotLoaderTest, LoadsEveryTableFaithfully) {
  auto loaded = LoadSnapshot(*pool_);
  ASSERT_THAT(loaded, IsOk());
  const engine::Snapshot& s = **loaded;
  EXPECT_EQ(s.version.version,
            std::stoll(db_.QueryValue("SELECT version FROM data_state")));
  ASSERT_EQ(s.roles.size(), 2u);
  // Indexes in id order (they only grow); ListRoles reads slug order.
  EXPECT_EQ(s.roles[1].slug, "ai-engineer");
  EXPECT_EQ(s.roles_by_slug, (std::vector<int32_t>{1, 0}));
  EXPECT_EQ(s.roles[1].profile.responsibilities,
            (std::vector<std::string>{"Design systems", "Train models"}));
  EXPECT_EQ(s.role_by_key.at(NormalizeKey("AI ENG")), 1);
  EXPECT_EQ(s.role_by_key.at(NormalizeKey("Software Engineer")), 0);
  ASSERT_EQ(s.levels[1].size(), 2u);
  EXPECT_EQ(s.levels[1][0].title, "Junior AI Engineer");
  EXPECT_EQ(s.levels[1][1].seniority, 2);
  EXPECT_EQ(s.skill_by_key.at("retrieval augmented generation"),
            s.skill_by_key.at("rag"));
  EXPECT_TRUE(s.metro_by_key.contains("sf"));

  ASSERT_EQ(s.parts.size(), 1u);  // a full load is one part
  const engine::RecordPart& part = *s.parts[0].records;
  const engine::PostingColumns& p = part.postings;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(s.companies[p.company[0]], "Acme\tCorp");
  EXPECT_EQ(p.seniority[0], 3);
  EXPECT_EQ(p.posted_at[0] % 1000000, 500000);  // microseconds kept
  EXPECT_EQ(p.expires_at[0], engine::kNoExpiry);
  EXPECT_NE(p.expires_at[2], engine::kNoExpiry);
  EXPECT_EQ(p.currency[3], -1);  // no advertised pay
  EXPECT_EQ(p.skill_offsets[1] - p.skill_offsets[0], 2u);
  EXPECT_EQ(p.skills.size(), 2u);  // p1's two skills, each once

  const int16_t eur = s.currency_by_code.at("EUR");
  const engine::PayGroup& total = part.Group(
      0, engine::Source::kReports, engine::Component::kTotal, eur, 0, false);
  ASSERT_EQ(total.values.size(), 1u);
  // D10: the exact cent sum 60000 + 1000.50 + 0.25, then banded.
  EXPECT_DOUBLE_EQ(total.values[0], engine::BandedCents(6100075) / 100.0);
  EXPECT_NE(total.values[0], 61000.75);
  const int16_t usd = s.currency_by_code.at("USD");
  // The exact midpoint of the range.
  EXPECT_DOUBLE_EQ(part.Group(1, engine::Source::kPostings,
                              engine::Component::kBase, usd, 3, false)
                       .values[0],
                   100000.015);
  // Postings 1 and 3 are on site, posting 2 remote.
  EXPECT_EQ(part.Group(1, engine::Source::kPostings, engine::Component::kBase,
                       usd, 3, false)
                .values.size(),
            2u);
  EXPECT_EQ(part.Group(1, engine::Source::kPostings, engine::Component::kBase,
                       usd, 3, true)
                .values.size(),
            1u);
}

// A pool of one connection cannot stream posting_skills alongside the other
// tables; it reads them afterwards, in the same transaction.
TEST_F(SnapshotLoaderTest, OneConnectionLoadsPostingSkillsToo) {
  auto one = ConnectionPool::Create(PoolOptions{db_.url(), 1});
  ASSERT_THAT(one, IsOk());
  auto loaded = LoadSnapshot(**one);
  ASSERT_THAT(loaded, IsOk());
  const engine::PostingColumns& p = (*loaded)->parts[0].records->postings;
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p.skill_offsets[1] - p.skill_offsets[0], 2u);
  EXPECT_EQ(p.skills.size(), 2u);  // p1's two skills, each once
}

}  // namespace
}  // namespace compdata::db
