#ifndef COMPDATA_TESTS_QUERY_CONSISTENCY_FIXTURE_H_
#define COMPDATA_TESTS_QUERY_CONSISTENCY_FIXTURE_H_

// A server holding one seeded random data set, and helpers that ask
// GetSalaryDistribution for the figure another RPC shows, to compare them on
// the same data version.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "tests/query/data_gen.h"
#include "tests/query/expectations.h"
#include "tests/query/query_fixture.h"
#include "tests/query/random_requests.h"

namespace compdata::testing::query {

inline ::testing::AssertionResult SameQuality(const v1::Quality& a,
                                              const v1::Quality& b) {
  if (a.sample_size() == b.sample_size() &&
      a.posting_count() == b.posting_count() &&
      a.report_count() == b.report_count() &&
      a.confidence() == b.confidence() &&
      a.suppression_reason() == b.suppression_reason()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << a.ShortDebugString() << " vs " << b.ShortDebugString();
}

// Both unset, or both set and equal.
inline ::testing::AssertionResult SameOptionalMoney(
    bool has_a, const google::type::Money& a, bool has_b,
    const google::type::Money& b) {
  if (has_a != has_b) {
    return ::testing::AssertionFailure()
           << "one is set, the other not: " << a.ShortDebugString() << " / "
           << b.ShortDebugString();
  }
  return has_a ? SameMoney(a, b) : ::testing::AssertionSuccess();
}

// `has` and `money` equal the value of percentile entry i of `d` (a missing
// entry counts as unset; its absence is reported where it is fetched).
inline ::testing::AssertionResult SamePercentile(
    bool has, const google::type::Money& money, const v1::PayDistribution& d,
    int i) {
  if (i >= d.percentiles_size()) {
    return SameOptionalMoney(has, money, false, google::type::Money());
  }
  return SameOptionalMoney(has, money, d.percentiles(i).has_value(),
                           d.percentiles(i).value());
}

class ConsistencyTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    DataSetSpec spec;
    spec.seed = 5;
    spec.postings = 2000;
    spec.reports = 1200;
    spec.span = absl::Hours(24 * 400);
    data_ = GenerateDataSet(spec, absl::Now());
    IngestPostings(data_.postings);
    IngestReports(data_.reports);
    ASSERT_FALSE(HasFailure());
    ASSERT_TRUE(WaitForIngested());
  }

  // GetSalaryDistribution; a test failure (and nullopt) when not OK; a test
  // failure when not on version_ or not listing the requested percentiles.
  std::optional<v1::GetSalaryDistributionResponse> Distribution(
      const std::string& role, const v1::SalaryFilter& filter,
      const std::vector<double>& percentiles) {
    v1::GetSalaryDistributionRequest request;
    request.set_role(role);
    *request.mutable_filter() = filter;
    for (double p : percentiles) request.add_percentiles(p);
    auto response = reader_->Distribution(request);
    EXPECT_TRUE(IsOk(response)) << request.ShortDebugString();
    if (!response.ok()) return std::nullopt;
    EXPECT_EQ(response->metadata().data_version(), version_);
    // The contract lists the requested percentiles even when withheld; the
    // callers index them.
    const size_t listed = percentiles.empty() ? 5 : percentiles.size();
    EXPECT_EQ(response->distribution().percentiles_size(),
              static_cast<int>(listed))
        << request.ShortDebugString();
    return *response;
  }

  // The median answer of `role` at `level` under `filter`.
  std::optional<v1::GetSalaryDistributionResponse> AtLevel(
      const std::string& role, v1::SalaryFilter filter,
      v1::SeniorityLevel level) {
    filter.clear_seniority_levels();
    filter.add_seniority_levels(level);
    return Distribution(role, filter, {50});
  }

  // The default filter plus a few random ones (seniority levels cleared
  // when `no_levels`).
  std::vector<Filter> Filters(uint64_t seed, int random, bool no_levels) {
    Rng rng(seed);
    std::vector<Filter> filters = {Filter()};
    for (int i = 0; i < random; ++i) {
      Filter f = RandomFilter(rng, data_, /*pay_fields=*/true);
      if (no_levels) f.seniority.clear();
      filters.push_back(f);
    }
    return filters;
  }

  DataSet data_;
};

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_CONSISTENCY_FIXTURE_H_
