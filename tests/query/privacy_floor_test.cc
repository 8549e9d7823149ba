// The privacy floor (D7) through GetSalaryDistribution: for every filter over
// (role, seniority, metro, company), with data source REPORTS and the
// default (postings and reports pooled), a statistic whose sample holds 1..4
// reports (counted with SQL) is withheld, every other one is shown and
// equals SQL; a server started with --privacy_floor=2 shows the group of 2.

#include <gtest/gtest.h>

#include <cstdio>

#include "tests/query/expectations.h"
#include "tests/query/privacy_fixture.h"

namespace compdata::testing::query {
namespace {

const std::vector<double> kPercentiles = {25, 50, 75};

// Runs the whole grid against `reader` with `floor`; returns how many
// answers were withheld by the floor.
int CheckGrid(const Reader& reader, SqlOracle& oracle, int floor,
              const std::string& version) {
  int withheld = 0;
  FailureBudget budget;
  for (const std::string& role : PrivacyRoles()) {
    for (Filter f : PrivacyGrid(/*with_levels=*/true)) {
      for (auto source :
           {v1::DATA_SOURCE_REPORTS, v1::DATA_SOURCE_UNSPECIFIED}) {
        f.source = source;
        SCOPED_TRACE(role + " " + f.DebugString());
        const PayFigures sql = oracle.Pay(role, f, kPercentiles);
        v1::GetSalaryDistributionRequest request;
        request.set_role(role);
        *request.mutable_filter() = f.ToProto();
        for (double p : kPercentiles) request.add_percentiles(p);
        auto response = reader.Distribution(request);
        EXPECT_TRUE(IsOk(response));
        if (!response.ok()) return withheld;
        EXPECT_EQ(response->metadata().data_version(), version);
        EXPECT_EQ(response->metadata().privacy_floor(), floor);
        ExpectDistribution(response->distribution(), response->quality(), sql,
                           kPercentiles, "USD", floor);
        if (sql.reports >= 1 && sql.reports < floor) ++withheld;
        if (budget.Exhausted()) return withheld;
      }
    }
  }
  return withheld;
}

using PrivacyFloorTest = PrivacyTest;

TEST_F(PrivacyFloorTest, SmallGroupsAreWithheldInEveryFilterCombination) {
  // The grid must contain groups of every size 1..4 (counted with SQL).
  std::vector<int> sizes(kDefaultPrivacyFloor, 0);
  for (const std::string& role : PrivacyRoles()) {
    for (Filter f : PrivacyGrid(/*with_levels=*/true)) {
      f.source = v1::DATA_SOURCE_REPORTS;
      const PayFigures sql = oracle_->Pay(role, f, {50});
      if (sql.reports < kDefaultPrivacyFloor) ++sizes[sql.reports];
    }
  }
  std::printf("grid cells with 0..4 reports: %d %d %d %d %d (of %zu)\n",
              sizes[0], sizes[1], sizes[2], sizes[3], sizes[4],
              2 * PrivacyGrid(true).size());
  for (int k = 1; k < kDefaultPrivacyFloor; ++k) {
    EXPECT_GE(sizes[k], 3) << "too few cells with " << k << " reports";
  }
  ASSERT_FALSE(HasFailure());

  ASSERT_TRUE(WaitForIngested());
  const int withheld =
      CheckGrid(*reader_, *oracle_, kDefaultPrivacyFloor, version_);
  EXPECT_GE(withheld, 30);
}

TEST_F(PrivacyFloorTest, ConfiguredFloorOfTwoShowsTheGroupOfTwo) {
  const Filter two = GroupFilter(kGroupOfTwo);
  const Filter one = GroupFilter(kGroupOfOne);
  ASSERT_EQ(oracle_->Pay(kGroupOfTwo.role, two, {50}).reports, 2);
  ASSERT_EQ(oracle_->Pay(kGroupOfOne.role, one, {50}).reports, 1);
  auto floor2 = ServerProcess::Start(db_.url(), {"--privacy_floor=2"});
  ASSERT_NE(floor2, nullptr);
  auto client = Client::Create(ClientOptions{floor2->target()});
  ASSERT_TRUE(client.ok());
  Reader reader2((*client)->channel());
  ASSERT_TRUE(WaitForIngested());
  ASSERT_TRUE(reader2.WaitForVersion(version_));

  for (bool pooled : {false, true}) {
    Filter f = two;
    if (pooled) f.source = v1::DATA_SOURCE_UNSPECIFIED;
    SCOPED_TRACE(f.DebugString());
    const PayFigures sql = oracle_->Pay(kGroupOfTwo.role, f, kPercentiles);
    v1::GetSalaryDistributionRequest request;
    request.set_role(kGroupOfTwo.role);
    *request.mutable_filter() = f.ToProto();
    for (double p : kPercentiles) request.add_percentiles(p);
    // Default floor 5: withheld.
    auto withheld = reader_->Distribution(request);
    ASSERT_TRUE(IsOk(withheld));
    EXPECT_EQ(withheld->quality().suppression_reason(),
              v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR);
    EXPECT_FALSE(withheld->distribution().has_mean());
    // Floor 2: shown, equal to SQL.
    auto shown = reader2.Distribution(request);
    ASSERT_TRUE(IsOk(shown));
    EXPECT_EQ(shown->metadata().privacy_floor(), 2);
    EXPECT_EQ(shown->quality().suppression_reason(),
              v1::SUPPRESSION_REASON_UNSPECIFIED);
    ExpectDistribution(shown->distribution(), shown->quality(), sql,
                       kPercentiles, "USD", 2);
  }
  // The group of one stays withheld under floor 2.
  {
    const PayFigures sql =
        oracle_->Pay(kGroupOfOne.role, one, DefaultPercentiles());
    v1::GetSalaryDistributionRequest request;
    request.set_role(kGroupOfOne.role);
    *request.mutable_filter() = one.ToProto();
    auto response = reader2.Distribution(request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->quality().suppression_reason(),
              v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR);
    ExpectDistribution(response->distribution(), response->quality(), sql,
                       DefaultPercentiles(), "USD", 2);
  }
  // And the whole grid obeys floor 2.
  CheckGrid(reader2, *oracle_, 2, version_);
}

}  // namespace
}  // namespace compdata::testing::query
