#include "db/role_reader.h"

#include <gtest/gtest.h>

#include "common/status_util.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::StatusIs;
using ::compdata::testing::TestDatabase;

class RoleReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(ApplyMigrations(db_.url(), EmbeddedMigrations()), IsOk());
    db_.Exec(R"sql(
      INSERT INTO roles (slug, title, family, summary) VALUES
        ('ai-engineer', 'AI Engineer', 'ai', 'Builds AI systems.'),
        ('ml-engineer', 'ML Engineer', 'ai', ''),
        ('software-engineer', 'Software Engineer', 'software', '');
      INSERT INTO role_aliases (alias_key, alias, role_id)
        SELECT 'ai ml engineer', 'AI/ML Engineer', id FROM roles WHERE slug = 'ml-engineer';
      INSERT INTO role_profile_items (role_id, kind, position, item)
        SELECT id, 'responsibility', p, t FROM roles,
          (VALUES (1, 'Train models'), (0, 'Design systems')) v(p, t)
        WHERE slug = 'ai-engineer';
      INSERT INTO role_attribute_scores (role_id, attribute, score)
        SELECT id, 'technical_depth', 9.5 FROM roles WHERE slug = 'ai-engineer';
    )sql");
    auto pool = ConnectionPool::Create(PoolOptions{db_.url(), 2});
    ASSERT_THAT(pool, IsOk());
    pool_ = std::move(*pool);
  }

  TestDatabase db_;
  std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(RoleReaderTest, ListsInSlugOrderPageByPage) {
  RoleReader reader(pool_.get());
  auto first = reader.List("", "", 2, absl::InfiniteFuture());
  ASSERT_THAT(first, IsOk());
  ASSERT_EQ(first->roles.size(), 2u);
  EXPECT_EQ(first->roles[0].slug, "ai-engineer");
  EXPECT_EQ(first->roles[1].slug, "ml-engineer");
  EXPECT_TRUE(first->has_more);
  EXPECT_EQ(first->total_size, 3);
  auto second = reader.List("", "ml-engineer", 2, absl::InfiniteFuture());
  ASSERT_THAT(second, IsOk());
  ASSERT_EQ(second->roles.size(), 1u);
  EXPECT_EQ(second->roles[0].slug, "software-engineer");
  EXPECT_FALSE(second->has_more);
}

TEST_F(RoleReaderTest, FiltersByFamilyAndFillsProfiles) {
  RoleReader reader(pool_.get());
  auto page = reader.List("ai", "", 10, absl::InfiniteFuture());
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->roles.size(), 2u);
  EXPECT_EQ(page->total_size, 2);
  const engine::Role& ai = page->roles[0];
  EXPECT_EQ(ai.summary, "Builds AI systems.");
  EXPECT_EQ(ai.profile.responsibilities,
            (std::vector<std::string>{"Design systems", "Train models"}));
  ASSERT_EQ(ai.profile.attribute_scores.size(), 1u);
  EXPECT_DOUBLE_EQ(ai.profile.attribute_scores[0].score, 9.5);
  EXPECT_EQ(page->roles[1].aliases, std::vector<std::string>{"AI/ML Engineer"});
}

TEST_F(RoleReaderTest, FindsBySlugOrNormalisedAlias) {
  RoleReader reader(pool_.get());
  auto by_slug = reader.Find("software-engineer", absl::InfiniteFuture());
  ASSERT_THAT(by_slug, IsOk());
  EXPECT_EQ(by_slug->first.title, "Software Engineer");
  auto by_alias = reader.Find("  ai/ML   engineer", absl::InfiniteFuture());
  ASSERT_THAT(by_alias, IsOk());
  EXPECT_EQ(by_alias->first.slug, "ml-engineer");
  auto missing = reader.Find("astronaut", absl::InfiniteFuture());
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(FieldOf(missing.status()), "role");
}

TEST_F(RoleReaderTest, AnswersCarryTheDataVersion) {
  RoleReader reader(pool_.get());
  auto before = reader.List("", "", 10, absl::InfiniteFuture());
  ASSERT_THAT(before, IsOk());
  db_.Exec(
      "INSERT INTO roles (slug, title) VALUES ('data-engineer', 'Data "
      "Engineer')");
  auto after = reader.List("", "", 10, absl::InfiniteFuture());
  ASSERT_THAT(after, IsOk());
  EXPECT_GT(after->version.version, before->version.version);
  EXPECT_GE(after->version.as_of, before->version.as_of);
  EXPECT_EQ(after->total_size, 4);
}

}  // namespace
}  // namespace compdata::db
