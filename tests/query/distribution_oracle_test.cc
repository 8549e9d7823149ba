// GetSalaryDistribution against SQL: for random requests over seeded random
// data sets, every percentile, the mean, min, max, count and the quality
// envelope equal what PostgreSQL computes from the same rows
// (percentile_cont, numeric avg), to the cent, with the privacy floor (D7).

#include <gtest/gtest.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/query/expectations.h"
#include "tests/query/model.h"
#include "tests/query/oracle_fixture.h"
#include "tests/query/random_requests.h"

namespace compdata::testing::query {
namespace {

constexpr int kRequests = 150;

struct Case {
  std::string role;       // slug
  std::string role_name;  // as requested (slug or alias, any case)
  Filter filter;
  std::vector<double> requested;  // as sent (may be empty)
  std::vector<double> expected;   // as the answer must list them
  PayFigures sql;
};

std::string Describe(const Case& c) {
  return absl::StrCat("role=", c.role_name, " filter=", c.filter.DebugString(),
                      " percentiles=[", absl::StrJoin(c.requested, ","), "]");
}

// An unset filter and no percentiles: every USD record of the role, total
// pay, both sources, percentiles {10, 25, 50, 75, 90}.
void ExpectDefaultsMatchSql(const Reader& reader, SqlOracle& oracle) {
  for (const std::string& role : OracleRoles()) {
    SCOPED_TRACE(role);
    const PayFigures f = oracle.Pay(role, Filter(), DefaultPercentiles());
    ASSERT_GT(f.n, 100);
    v1::GetSalaryDistributionRequest request;
    request.set_role(role);
    auto response = reader.Distribution(request);
    ASSERT_TRUE(IsOk(response));
    ExpectDistribution(response->distribution(), response->quality(), f,
                       DefaultPercentiles(), "USD", kDefaultPrivacyFloor);
    // Duplicates are returned twice, in the order given.
    request.add_percentiles(90);
    request.add_percentiles(10);
    request.add_percentiles(90);
    const PayFigures g = oracle.Pay(role, Filter(), {90, 10, 90});
    response = reader.Distribution(request);
    ASSERT_TRUE(IsOk(response));
    ExpectDistribution(response->distribution(), response->quality(), g,
                       {90, 10, 90}, "USD", kDefaultPrivacyFloor);
  }
}

using DistributionOracleTest = OracleTest;

TEST_P(DistributionOracleTest, EveryFigureMatchesSql) {
  // 1. The oracle itself: the SQL figures equal the figures recomputed in C++
  //    from the generated records (no server involved).
  std::vector<Case> cases;
  int shown = 0, below_floor = 0, no_data = 0;
  for (int i = 0; i < kRequests; ++i) {
    Case c;
    c.role = OracleRoles()[rng_() % OracleRoles().size()];
    c.role_name = RandomRoleName(rng_, c.role);
    c.filter = RandomFilter(rng_, data_, /*pay_fields=*/true);
    c.requested = RandomPercentiles(rng_);
    c.expected = c.requested.empty() ? DefaultPercentiles() : c.requested;
    c.sql = oracle_->Pay(c.role, c.filter, c.expected);
    const PayFigures model = ModelPay(data_, c.role, c.filter, c.expected);
    EXPECT_EQ(ComparePay(c.sql, model), "") << Describe(c);
    switch (SuppressionFor(c.sql, kDefaultPrivacyFloor)) {
      case v1::SUPPRESSION_REASON_NO_DATA:
        ++no_data;
        break;
      case v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR:
        ++below_floor;
        break;
      default:
        ++shown;
    }
    cases.push_back(std::move(c));
  }
  std::printf(
      "data set %llu: %d requests: %d shown, %d below the floor, %d "
      "without data\n",
      static_cast<unsigned long long>(GetParam()), kRequests, shown,
      below_floor, no_data);
  for (size_t i = 0; i < 3 && i < cases.size(); ++i) {
    const PayFigures& f = cases[i].sql;
    std::printf(
        "  %s\n    n=%lld (postings %lld, reports %lld) min=%.2f "
        "max=%.2f mean=%.4f percentiles=[%s]\n",
        Describe(cases[i]).c_str(), static_cast<long long>(f.n),
        static_cast<long long>(f.postings), static_cast<long long>(f.reports),
        f.min, f.max, f.mean, absl::StrJoin(f.percentiles, ", ").c_str());
  }
  // The requests must exercise every outcome of D7.
  EXPECT_GE(shown, 20);
  EXPECT_GE(below_floor, 3);
  EXPECT_GE(no_data, 3);
  ASSERT_FALSE(HasFailure()) << "the oracle disagrees with the model";

  // 2. The server, on the same data version.
  ASSERT_TRUE(WaitForIngested());
  FailureBudget budget;
  for (const Case& c : cases) {
    SCOPED_TRACE(Describe(c));
    v1::GetSalaryDistributionRequest request;
    request.set_role(c.role_name);
    *request.mutable_filter() = c.filter.ToProto();
    for (double p : c.requested) request.add_percentiles(p);
    auto response = reader_->Distribution(request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->role().slug(), c.role);
    EXPECT_FALSE(response->role().title().empty());
    EXPECT_EQ(response->metadata().data_version(), version_);
    EXPECT_TRUE(response->metadata().has_as_of());
    EXPECT_EQ(response->metadata().privacy_floor(), kDefaultPrivacyFloor);
    ExpectDistribution(response->distribution(), response->quality(), c.sql,
                       c.expected, c.filter.EffectiveCurrency(),
                       kDefaultPrivacyFloor);
    if (budget.Failed()) {
      std::printf("answer: %s\n", response->ShortDebugString().c_str());
    }
    if (budget.Exhausted()) return;
  }
  ExpectDefaultsMatchSql(*reader_, *oracle_);
}

INSTANTIATE_TEST_SUITE_P(DataSets, DistributionOracleTest,
                         ::testing::ValuesIn(kOracleSeeds));

}  // namespace
}  // namespace compdata::testing::query
