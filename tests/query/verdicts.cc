#include "tests/query/verdicts.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "tests/query/expectations.h"

namespace compdata::testing::query {
namespace {

struct RoleValue {
  double value = 0;  // cents, count or fraction
  v1::MetricValue proto;
  int64_t sample_size = 0;
};

bool IsShare(v1::VerdictMetric m) {
  return m == v1::VERDICT_METRIC_REMOTE_SHARE ||
         m == v1::VERDICT_METRIC_ENTRY_LEVEL_SHARE;
}

std::optional<RoleValue> MoneyValue(bool has, const google::type::Money& m,
                                    int64_t sample_size) {
  if (!has) return std::nullopt;
  RoleValue v;
  int64_t cents = 0;
  EXPECT_TRUE(ToCents(m, &cents));
  v.value = static_cast<double>(cents);
  *v.proto.mutable_money() = m;
  v.sample_size = sample_size;
  return v;
}

std::optional<RoleValue> ValueOf(const v1::RoleComparison& rc,
                                 v1::VerdictMetric metric) {
  const v1::PaySummary& pay = rc.pay();
  const int64_t n = pay.quality().sample_size();
  RoleValue v;
  v.sample_size = rc.open_positions();
  switch (metric) {
    case v1::VERDICT_METRIC_MEDIAN_PAY:
      return MoneyValue(pay.has_median(), pay.median(), n);
    case v1::VERDICT_METRIC_MEAN_PAY:
      return MoneyValue(pay.has_mean(), pay.mean(), n);
    case v1::VERDICT_METRIC_P75_PAY:
      return MoneyValue(pay.has_p75(), pay.p75(), n);
    case v1::VERDICT_METRIC_OPEN_POSITIONS:
      v.value = static_cast<double>(rc.open_positions());
      v.proto.set_count(rc.open_positions());
      return v;
    case v1::VERDICT_METRIC_REMOTE_SHARE:
      v.value = rc.remote_share();
      v.proto.set_fraction(rc.remote_share());
      return v;
    case v1::VERDICT_METRIC_ENTRY_LEVEL_SHARE:
      if (rc.experience_mix_size() == 0) return std::nullopt;
      v.value = rc.experience_mix(0).posting_share();
      v.proto.set_fraction(v.value);
      return v;
    default:
      return std::nullopt;
  }
}

v1::VerdictOutcome OutcomeFor(double d, bool share) {
  const double lower = share ? 0.02 : 0.03;
  const double upper = share ? 0.05 : 0.10;
  if (d < lower) return v1::VERDICT_OUTCOME_NEARLY_EQUAL;
  if (d < upper) return v1::VERDICT_OUTCOME_SLIGHT_LEAD;
  return v1::VERDICT_OUTCOME_CLEAR_LEAD;
}

}  // namespace

void ExpectVerdicts(const v1::CompareRolesResponse& response) {
  using ::google::protobuf::util::MessageDifferencer;
  ASSERT_EQ(response.verdicts_size(), 6);
  bool every_role_has_postings = true;
  for (const auto& rc : response.roles()) {
    if (rc.open_positions() == 0) every_role_has_postings = false;
  }
  for (int m = 1; m <= 6; ++m) {
    const auto metric = static_cast<v1::VerdictMetric>(m);
    const v1::Verdict& verdict = response.verdicts(m - 1);
    SCOPED_TRACE(verdict.ShortDebugString());
    EXPECT_EQ(verdict.metric(), metric);
    const bool pay = m <= 3;
    if (!pay && !every_role_has_postings) continue;
    std::vector<int> with_value;
    std::vector<RoleValue> values(response.roles_size());
    for (int r = 0; r < response.roles_size(); ++r) {
      auto v = ValueOf(response.roles(r), metric);
      if (!v.has_value()) continue;
      values[r] = *v;
      with_value.push_back(r);
    }
    if (with_value.size() < 2) {
      EXPECT_EQ(verdict.outcome(), v1::VERDICT_OUTCOME_INSUFFICIENT_DATA);
      EXPECT_TRUE(verdict.leading_role().empty());
      EXPECT_TRUE(verdict.other_role().empty());
      EXPECT_FALSE(verdict.has_leading_value());
      EXPECT_FALSE(verdict.has_relative_difference());
      continue;
    }
    int lead = -1, other = -1;
    for (int r : with_value) {
      if (lead < 0 || values[r].value > values[lead].value) lead = r;
    }
    for (int r : with_value) {
      if (r == lead) continue;
      if (other < 0 || values[r].value > values[other].value) other = r;
    }
    EXPECT_EQ(verdict.leading_role(), response.roles(lead).role().slug());
    EXPECT_EQ(verdict.other_role(), response.roles(other).role().slug());
    EXPECT_TRUE(MessageDifferencer::Equals(verdict.leading_value(),
                                           values[lead].proto));
    EXPECT_TRUE(
        MessageDifferencer::Equals(verdict.other_value(), values[other].proto));
    EXPECT_EQ(verdict.leading_sample_size(), values[lead].sample_size);
    EXPECT_EQ(verdict.other_sample_size(), values[other].sample_size);
    const double diff = values[lead].value - values[other].value;
    const v1::MetricValue& abs = verdict.absolute_difference();
    if (pay) {
      int64_t cents = 0;
      EXPECT_TRUE(ToCents(abs.money(), &cents));
      EXPECT_EQ(static_cast<double>(cents), diff);
    } else if (metric == v1::VERDICT_METRIC_OPEN_POSITIONS) {
      EXPECT_EQ(static_cast<double>(abs.count()), diff);
    } else {
      EXPECT_NEAR(abs.fraction(), diff, 1e-12);
    }
    const double base = values[other].value;
    EXPECT_EQ(verdict.has_relative_difference(), base != 0);
    if (base != 0) {
      EXPECT_NEAR(verdict.relative_difference(), diff / base, 1e-9);
    }
    if (IsShare(metric)) {
      EXPECT_EQ(verdict.outcome(), OutcomeFor(diff, true));
    } else if (base != 0) {
      EXPECT_EQ(verdict.outcome(), OutcomeFor(diff / base, false));
    }
    EXPECT_FALSE(verdict.sentence().empty());
  }
}

}  // namespace compdata::testing::query
