// Official statistics against a real PostgreSQL: an import is stored as
// published, replaces the same table's earlier import whole, writes nothing
// when it fails or is a dry run, and reaches a snapshot through the change
// feed by itself: a record write does not reload it, and it reloads nothing
// else.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "core/ingest/official_import.h"
#include "db/change_loader.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "db/official_writer.h"
#include "db/snapshot_loader.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::TestDatabase;
using Snap = std::shared_ptr<const engine::Snapshot>;

constexpr char kHeader[] =
    "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,"
    "A_PCT90\n";
constexpr char kSoftware[] =
    "15-1252,Software Developers,\"1,656,880\",\"144,570.50\",79850,103050,"
    "133080,169710,#\n";
constexpr char kData[] =
    "15-2051,Data Scientists,**,*,63650,83020,112590,*,*\n";
constexpr char kResearch[] =
    "15-1221,Computer and Information Research Scientists,36600,158740,84370,"
    "108960,140910,184580,#\n";

class OfficialStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(ApplyMigrations(db_.url(), EmbeddedMigrations()), IsOk());
    db_.Exec(
        "INSERT INTO roles (slug, title) VALUES ('software-engineer', "
        "'Software Engineer'), ('data-scientist', 'Data Scientist');"
        "INSERT INTO role_aliases (alias_key, alias, role_id) SELECT "
        "'software developer', 'Software Developer', id FROM roles WHERE "
        "slug = 'software-engineer';");
    auto pool = ConnectionPool::Create(PoolOptions{db_.url(), 2});
    ASSERT_THAT(pool, IsOk());
    pool_ = std::move(*pool);
    writer_ = std::make_unique<PgOfficialTableWriter>(pool_.get());
  }

  v1::ImportOfficialStatisticsRequest Request(
      const std::string& rows,
      const std::string& area = "United States") const {
    v1::ImportOfficialStatisticsRequest r;
    r.set_source("US BLS OEWS");
    r.set_reference_period("May 2024");
    r.set_area(area);
    r.set_currency("USD");
    r.set_table(absl::StrCat(kHeader, rows));
    r.mutable_top_coded_value()->set_currency_code("USD");
    r.mutable_top_coded_value()->set_units(239200);
    for (const auto& [code, role] :
         {std::pair<const char*, const char*>{"15-1252", "software developer"},
          {"15-2051", "data-scientist"}}) {
      if (rows.find(code) == std::string::npos) continue;
      v1::OccupationLink* link = r.add_links();
      link->set_occupation_code(code);
      link->set_role(role);
    }
    return r;
  }

  v1::ImportOfficialStatisticsResponse Import(
      const v1::ImportOfficialStatisticsRequest& request) {
    auto response = ingest::ImportOfficialStatistics(request, *writer_);
    EXPECT_THAT(response, IsOk());
    return response.ok() ? *response : v1::ImportOfficialStatisticsResponse();
  }

  std::string Query(const std::string& sql) const {
    return db_.QueryValue(sql);
  }
  std::string Version() const {
    return Query("SELECT version FROM data_state");
  }

  TestDatabase db_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<PgOfficialTableWriter> writer_;
};

TEST_F(OfficialStatisticsTest, StoresTheTableAsPublishedAndReplacesItWhole) {
  const std::string before = Version();
  v1::ImportOfficialStatisticsResponse first =
      Import(Request(absl::StrCat(kSoftware, kData, kResearch)));
  EXPECT_EQ(first.rows(), 3);
  EXPECT_EQ(first.links(), 2);
  EXPECT_EQ(first.replaced_rows(), 0);
  EXPECT_FALSE(first.dry_run());
  EXPECT_EQ(Query("SELECT count(*) FROM official_wages"), "3");
  EXPECT_EQ(Query("SELECT mean_kind || ' ' || mean_cents || ' ' || p90_kind ||"
                  " ' ' || p90_cents || ' ' || employment FROM official_wages"
                  " WHERE occupation_code = '15-1252'"),
            "exact 14457050 at_least 23920000 1656880");
  EXPECT_EQ(Query("SELECT mean_kind || ' ' || coalesce(mean_cents::text, "
                  "'null') || ' ' || coalesce(employment::text, 'null') FROM "
                  "official_wages WHERE occupation_code = '15-2051'"),
            "not_available null null");
  EXPECT_EQ(Query("SELECT top_coded_cents FROM official_tables"), "23920000");
  // One data change, of the official kind only.
  EXPECT_EQ(std::stoll(Version()), std::stoll(before) + 1);
  EXPECT_EQ(Query("SELECT official::text || ' ' || reference::text FROM "
                  "data_changes ORDER BY txid DESC LIMIT 1"),
            "true false");

  // The same table again, smaller: the old rows and their links are gone.
  const std::string old_ids = Query(
      "SELECT string_agg(id::text, ',' ORDER BY id) FROM "
      "official_wages");
  v1::ImportOfficialStatisticsResponse second = Import(Request(kSoftware));
  EXPECT_EQ(second.rows(), 1);
  EXPECT_EQ(second.links(), 1);
  EXPECT_EQ(second.replaced_rows(), 3);
  EXPECT_EQ(Query("SELECT count(*) FROM official_wages"), "1");
  EXPECT_EQ(Query("SELECT count(*) FROM official_wage_roles"), "1");
  EXPECT_EQ(Query("SELECT count(*) FROM official_tables"), "1");
  EXPECT_EQ(Query(absl::StrCat("SELECT count(*) FROM official_wages WHERE id "
                               "IN (",
                               old_ids, ")")),
            "0");

  // Another area is another table.
  EXPECT_EQ(Import(Request(kData, "California")).replaced_rows(), 0);
  EXPECT_EQ(Query("SELECT count(*) FROM official_wages"), "2");
}

TEST_F(OfficialStatisticsTest, AFailedImportLeavesTheEarlierOneWhole) {
  Import(Request(absl::StrCat(kSoftware, kData)));
  const std::string version = Version();
  const std::string rows = Query(
      "SELECT string_agg(id || occupation_code, ',' ORDER BY id) FROM "
      "official_wages");
  // Valid until its last statement: a link to a role deleted meanwhile.
  auto roles = writer_->LoadRoleIndex();
  ASSERT_THAT(roles, IsOk());
  auto import = ingest::ValidateOfficialImport(
      Request(absl::StrCat(kResearch, kSoftware)), *roles);
  ASSERT_THAT(import, IsOk());
  import->links.emplace_back("15-1221", 987654);
  EXPECT_FALSE(writer_->Replace(*import).ok());
  EXPECT_EQ(Version(), version);
  EXPECT_EQ(Query("SELECT string_agg(id || occupation_code, ',' ORDER BY id) "
                  "FROM official_wages"),
            rows);
  EXPECT_EQ(Query("SELECT count(*) FROM official_wage_roles"), "2");
}

TEST_F(OfficialStatisticsTest, ADryRunCountsAndWritesNothing) {
  Import(Request(absl::StrCat(kSoftware, kData, kResearch)));
  const std::string version = Version();
  v1::ImportOfficialStatisticsRequest dry = Request(kSoftware);
  dry.set_dry_run(true);
  v1::ImportOfficialStatisticsResponse response = Import(dry);
  EXPECT_TRUE(response.dry_run());
  EXPECT_EQ(response.rows(), 1);
  EXPECT_EQ(response.links(), 1);
  EXPECT_EQ(response.replaced_rows(), 3);
  EXPECT_EQ(Version(), version);
  EXPECT_EQ(Query("SELECT count(*) FROM official_wages"), "3");
}

TEST_F(OfficialStatisticsTest, TheChangeFeedReloadsOfficialRowsAlone) {
  Import(Request(absl::StrCat(kSoftware, kData)));
  auto loaded = LoadSnapshot(*pool_);
  ASSERT_THAT(loaded, IsOk());
  const Snap s0 = *loaded;
  ASSERT_NE(s0->official, nullptr);
  ASSERT_EQ(s0->official->rows.size(), 2u);
  const int32_t swe = s0->role_by_key.at("software engineer");
  ASSERT_EQ(engine::OfficialStatisticsOf(*s0, swe, "USD").size(), 1u);

  // A record write: applied as a new part, the official rows shared.
  db_.Exec(
      "INSERT INTO job_postings (source, source_id, role_id, company, remote, "
      "currency, pay_period, pay_min, pay_max, annual_min, annual_max, "
      "posted_at) SELECT 's', '1', id, 'Acme', false, 'USD', 'year', 100000, "
      "120000, 100000, 120000, now() FROM roles WHERE slug = "
      "'software-engineer'");
  auto next = LoadChanges(*pool_, *s0);
  ASSERT_THAT(next, IsOk());
  const Snap s1 = *next;
  EXPECT_EQ(s1->posting_count(), 1);
  EXPECT_EQ(s1->official.get(), s0->official.get());

  // An import: the rows read anew, the record parts shared.
  Import(Request(absl::StrCat(kResearch, kSoftware, kData)));
  next = LoadChanges(*pool_, *s1);
  ASSERT_THAT(next, IsOk());
  const Snap s2 = *next;
  EXPECT_NE(s2->official.get(), s1->official.get());
  ASSERT_EQ(s2->official->rows.size(), 3u);
  EXPECT_EQ(s2->parts.size(), s1->parts.size());
  for (size_t i = 0; i < s2->parts.size(); ++i) {
    EXPECT_EQ(s2->parts[i].records, s1->parts[i].records);
  }
  EXPECT_EQ(s2->roles.size(), s1->roles.size());
  // In answer order (by code here), as a full load has them.
  EXPECT_EQ(s2->official->rows[0].occupation.code, "15-1221");
  EXPECT_EQ(s2->official->rows[2].occupation.code, "15-2051");
  auto full = LoadSnapshot(*pool_);
  ASSERT_THAT(full, IsOk());
  EXPECT_EQ((*full)->version.version, s2->version.version);
  ASSERT_EQ((*full)->official->rows.size(), 3u);
  EXPECT_EQ((*full)->official->by_role, s2->official->by_role);

  // Reference data changes: the official rows stay, still linked.
  db_.Exec("INSERT INTO roles (slug, title) VALUES ('ml-engineer', 'MLE')");
  next = LoadChanges(*pool_, *s2);
  ASSERT_THAT(next, IsOk());
  EXPECT_EQ((*next)->official.get(), s2->official.get());
  EXPECT_EQ(engine::OfficialStatisticsOf(**next, swe, "USD").size(), 1u);
}

}  // namespace
}  // namespace compdata::db
