// Official statistics through a real server: the sample OEWS table imported
// with ImportOfficialStatistics reaches the serving snapshot like any other
// change (a new data version), and GetSalaryDistribution and CompareRoles
// return its rows beside our own figures; a bad table is INVALID_ARGUMENT
// naming its lines, and changes nothing.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/client.h"
#include "common/file_util.h"
#include "google/rpc/error_details.pb.h"
#include "tests/support/ingest_data.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata {
namespace {

using ::compdata::testing::Eventually;
using ::compdata::testing::ServerProcess;
using ::compdata::testing::SourcePath;
using ::compdata::testing::TestDatabase;

v1::ImportOfficialStatisticsRequest SampleImport() {
  v1::ImportOfficialStatisticsRequest r;
  r.set_source("US BLS OEWS");
  r.set_reference_period("May 2024");
  r.set_area("United States");
  r.set_currency("USD");
  auto table =
      ReadFileToString(SourcePath("db/seed/official/oews_national_sample.csv"));
  EXPECT_TRUE(table.ok()) << table.status();
  r.set_table(table.value_or(""));
  r.mutable_top_coded_value()->set_currency_code("USD");
  r.mutable_top_coded_value()->set_units(239200);
  for (const auto& [code, role] :
       {std::pair<const char*, const char*>{"15-1252", "software-engineer"},
        {"15-1252", "Software Developer"},  // an alias of the same role
        {"15-2051", "data-scientist"},
        {"15-2099", "data-scientist"},
        {"15-1221", "ml-researcher"}}) {
    v1::OccupationLink* link = r.add_links();
    link->set_occupation_code(code);
    link->set_role(role);
  }
  return r;
}

// "table: line N: ..." for every violation of a failed call.
std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  auto details = RpcStatusDetails(status);
  if (!details.has_value()) return out;
  for (const auto& any : details->details()) {
    google::rpc::BadRequest bad;
    if (!any.UnpackTo(&bad)) continue;
    for (const auto& v : bad.field_violations()) {
      out.push_back(v.field() + ": " + v.description());
    }
  }
  return out;
}

class OfficialStatisticsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(db_.url());
    ASSERT_NE(server_, nullptr);
    auto client = Client::Create(ClientOptions(server_->target()));
    ASSERT_TRUE(client.ok());
    client_ = std::move(*client);
    testing::LoadSeed(*client_);
  }

  v1::GetSalaryDistributionResponse Distribution(
      const std::string& role, const std::string& currency = "") {
    v1::GetSalaryDistributionRequest request;
    request.set_role(role);
    request.mutable_filter()->set_currency(currency);
    auto response = client_->GetSalaryDistribution(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.value_or(v1::GetSalaryDistributionResponse());
  }

  // Whether the serving snapshot holds every committed change (reads
  // follow the snapshot, which follows the database).
  bool Settled() {
    return CurrentVersion() ==
           "v" + db_.QueryValue("SELECT version FROM data_state");
  }

  // grpc_server_handled_total of ImportOfficialStatistics with `code`.
  double HandledImports(const std::string& code) {
    auto text = testing::HttpGet(server_->metrics_port(), "/metrics");
    if (!text.ok()) return -1;
    for (absl::string_view line : absl::StrSplit(*text, '\n')) {
      if (absl::StartsWith(line, "grpc_server_handled_total{") &&
          absl::StrContains(line, "grpc_method=\"ImportOfficialStatistics\"") &&
          absl::StrContains(line, absl::StrCat("grpc_code=\"", code, "\""))) {
        double value = -1;
        (void)absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &value);
        return value;
      }
    }
    return -1;
  }

  std::string CurrentVersion() {
    auto version = client_->ListRoles(v1::ListRolesRequest());
    return version.ok() ? version->metadata().data_version() : "";
  }

  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

TEST_F(OfficialStatisticsE2eTest, ImportedRowsAreServedBesideOurFigures) {
  ASSERT_TRUE(Eventually([&] { return Settled(); }));
  const v1::GetSalaryDistributionResponse before =
      Distribution("software-engineer");
  EXPECT_EQ(before.official_statistics_size(), 0);

  auto imported = client_->ImportOfficialStatistics(SampleImport());
  ASSERT_TRUE(imported.ok()) << imported.status();
  EXPECT_EQ(imported->rows(), 10);
  EXPECT_EQ(imported->links(), 4);  // the alias named the same role
  EXPECT_EQ(imported->replaced_rows(), 0);
  // A data change like any other: a new version, picked up by the snapshot.
  ASSERT_TRUE(Eventually([&] {
    return Distribution("software-engineer").official_statistics_size() == 1;
  }));
  const v1::GetSalaryDistributionResponse after =
      Distribution("software-engineer");
  EXPECT_NE(after.metadata().data_version(), before.metadata().data_version());
  EXPECT_EQ(after.distribution().SerializeAsString(),
            before.distribution().SerializeAsString());
  const v1::OfficialWageStatistics& swe = after.official_statistics(0);
  EXPECT_EQ(swe.label(),
            "US BLS OEWS, May 2024, United States: Software Developers "
            "(15-1252)");
  EXPECT_EQ(swe.employment(), 1'656'880);
  EXPECT_EQ(swe.mean().kind(), v1::OFFICIAL_VALUE_KIND_EXACT);
  EXPECT_EQ(swe.mean().value().units(), 144'570);
  EXPECT_EQ(swe.percentiles(2).value().value().units(), 133'080);

  // data-scientist: two rows by code; 15-2099 mostly not published.
  const v1::GetSalaryDistributionResponse ds = Distribution("data-scientist");
  ASSERT_EQ(ds.official_statistics_size(), 2);
  EXPECT_EQ(ds.official_statistics(0).occupation_code(), "15-2051");
  const v1::OfficialWageStatistics& other = ds.official_statistics(1);
  EXPECT_EQ(other.occupation_code(), "15-2099");
  EXPECT_FALSE(other.has_employment());
  EXPECT_EQ(other.mean().kind(), v1::OFFICIAL_VALUE_KIND_NOT_AVAILABLE);
  EXPECT_FALSE(other.mean().has_value());
  EXPECT_EQ(other.percentiles(4).value().kind(),
            v1::OFFICIAL_VALUE_KIND_NOT_AVAILABLE);

  // CompareRoles: each role its own rows; "#" is AT_LEAST the top code.
  v1::CompareRolesRequest compare;
  compare.add_roles("ml-researcher");
  compare.add_roles("software-engineer");
  compare.add_roles("ai-engineer");
  auto compared = client_->CompareRoles(compare);
  ASSERT_TRUE(compared.ok()) << compared.status();
  ASSERT_EQ(compared->roles(0).official_statistics_size(), 1);
  const v1::OfficialWageStatistics& research =
      compared->roles(0).official_statistics(0);
  EXPECT_EQ(research.occupation_code(), "15-1221");
  EXPECT_EQ(research.percentiles(4).value().kind(),
            v1::OFFICIAL_VALUE_KIND_AT_LEAST);
  EXPECT_EQ(research.percentiles(4).value().value().units(), 239'200);
  EXPECT_EQ(compared->roles(1).official_statistics_size(), 1);
  EXPECT_EQ(compared->roles(2).official_statistics_size(), 0);

  // Another currency: the USD table is not shown.
  EXPECT_EQ(Distribution("software-engineer", "EUR").official_statistics_size(),
            0);
  compare.mutable_filter()->set_currency("EUR");
  compared = client_->CompareRoles(compare);
  ASSERT_TRUE(compared.ok());
  EXPECT_EQ(compared->roles(0).official_statistics_size(), 0);

  // Imported again: replaced whole, counted.
  auto again = client_->ImportOfficialStatistics(SampleImport());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->replaced_rows(), 10);
  // Recorded like any call.
  EXPECT_EQ(HandledImports("OK"), 2);
}

TEST_F(OfficialStatisticsE2eTest, ABadTableIsRefusedByLineAndChangesNothing) {
  ASSERT_TRUE(Eventually([&] { return Settled(); }));
  auto imported = client_->ImportOfficialStatistics(SampleImport());
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_TRUE(Eventually([&] {
    return Distribution("software-engineer").official_statistics_size() == 1;
  }));
  const std::string version = CurrentVersion();

  v1::ImportOfficialStatisticsRequest bad = SampleImport();
  bad.set_table(
      "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,"
      "A_PCT90\n"
      "15-1252,Software Developers,1000,150000,80000,100000,130000,170000,"
      "210000\n"
      "15-2051,Data Scientists,1000,-5,1,2,3,4,5\n"
      "15-1221,Research Scientists,1000,5,1,2,3,4\n"
      "15-2099,Other,1000,5,1,2,3,4,5.001\n");
  const absl::StatusOr<v1::ImportOfficialStatisticsResponse> refused =
      client_->ImportOfficialStatistics(bad);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Violations(refused.status()),
            (std::vector<std::string>{
                "table: line 3: A_MEAN: \"-5\" is negative",
                "table: line 4: 8 fields; the header has 9",
                "table: line 5: A_PCT90: \"5.001\" has more than 2 decimals"}));
  // A table that is not UTF-8 reaches the check too, which names its line.
  bad.set_table(
      "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,"
      "A_PCT90\n15-1252,Caf\xE9,1,5,1,2,3,4,5\n");
  bad.clear_links();
  EXPECT_EQ(Violations(client_->ImportOfficialStatistics(bad).status()),
            (std::vector<std::string>{
                "table: line 2: OCC_TITLE: not valid UTF-8",
                "links: at least one link (occupation code -> role) is "
                "needed"}));
  // A table just over 4 MiB reaches the check (the server takes requests a
  // little larger than the table's limit) and is refused by it.
  bad.set_table(std::string(4 * 1024 * 1024 + 1, 'x'));
  EXPECT_EQ(Violations(client_->ImportOfficialStatistics(bad).status()),
            (std::vector<std::string>{
                "table: the table is 4194305 bytes; the limit is 4 MiB "
                "(4194304 bytes)",
                "links: at least one link (occupation code -> role) is "
                "needed"}));
  // Nothing changed: the same version, the same rows.
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(CurrentVersion(), version);
  EXPECT_EQ(Distribution("data-scientist").official_statistics_size(), 2);
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM official_wages"), "10");
  EXPECT_EQ(HandledImports("InvalidArgument"), 3);
}

TEST_F(OfficialStatisticsE2eTest, ADryRunIsJudgedButNotWritten) {
  ASSERT_TRUE(Eventually([&] { return Settled(); }));
  const std::string version = CurrentVersion();
  v1::ImportOfficialStatisticsRequest dry = SampleImport();
  dry.set_dry_run(true);
  auto response = client_->ImportOfficialStatistics(dry);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_TRUE(response->dry_run());
  EXPECT_EQ(response->rows(), 10);
  absl::SleepFor(absl::Milliseconds(300));
  EXPECT_EQ(CurrentVersion(), version);
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM official_wages"), "0");
}

}  // namespace
}  // namespace compdata
