// GetSalaryTrend against GetSalaryDistribution on the same data version:
// each monthly point (count, p25, median, p75, quality) equals the
// distribution of that calendar month (UTC), the default window is the 12
// months ending with the current one, and median_change is the difference
// of the first and last medians shown.

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "tests/query/consistency_fixture.h"

namespace compdata::testing::query {
namespace {

google::type::Date MonthOf(absl::Time month_start) {
  const absl::CivilMonth m(
      absl::ToCivilSecond(month_start, absl::UTCTimeZone()));
  google::type::Date d;
  d.set_year(static_cast<int32_t>(m.year()));
  d.set_month(m.month());
  d.set_day(0);
  return d;
}

absl::Time MonthsBefore(absl::Time month_start, int months) {
  const absl::CivilMonth m(
      absl::ToCivilSecond(month_start, absl::UTCTimeZone()));
  return absl::FromCivil(m - months, absl::UTCTimeZone());
}

TEST_F(ConsistencyTest, TrendPointsEqualMonthlyDistributions) {
  const absl::Time this_month = MonthStart(absl::Now());
  const absl::Time first = MonthsBefore(this_month, 11);
  std::vector<absl::Time> months;
  for (absl::Time m = first; m <= this_month; m = NextMonth(m)) {
    months.push_back(m);
  }
  ASSERT_EQ(months.size(), 12u);
  for (Filter filter : Filters(303, 3, /*no_levels=*/false)) {
    filter.start.reset();
    filter.end.reset();
    const v1::SalaryFilter proto = filter.ToProto();
    SCOPED_TRACE(filter.DebugString());
    for (const std::string role : {"ai-engineer", "data-scientist"}) {
      SCOPED_TRACE(role);
      v1::GetSalaryTrendRequest request;
      request.set_role(role);
      *request.mutable_filter() = proto;
      *request.mutable_start_month() = MonthOf(first);
      *request.mutable_end_month() = MonthOf(this_month);
      auto trend = reader_->Trend(request);
      ASSERT_TRUE(IsOk(trend));
      EXPECT_EQ(trend->metadata().data_version(), version_);
      EXPECT_EQ(trend->role().slug(), role);
      ASSERT_EQ(trend->points_size(), 12);
      int first_shown = -1, last_shown = -1;
      for (int i = 0; i < 12; ++i) {
        const v1::TrendPoint& point = trend->points(i);
        SCOPED_TRACE(point.month().ShortDebugString());
        EXPECT_TRUE(::google::protobuf::util::MessageDifferencer::Equals(
            point.month(), MonthOf(months[i])));
        Filter in_month = filter;
        in_month.start = months[i];
        in_month.end = NextMonth(months[i]);
        auto d = Distribution(role, in_month.ToProto(), {25, 50, 75});
        ASSERT_TRUE(d.has_value());
        const auto& dist = d->distribution();
        EXPECT_EQ(point.count(), dist.count());
        EXPECT_EQ(point.count(), point.quality().sample_size());
        EXPECT_TRUE(SameQuality(point.quality(), d->quality()));
        EXPECT_TRUE(SamePercentile(point.has_p25(), point.p25(), dist, 0));
        EXPECT_TRUE(
            SamePercentile(point.has_median(), point.median(), dist, 1));
        EXPECT_TRUE(SamePercentile(point.has_p75(), point.p75(), dist, 2));
        if (point.has_median()) {
          if (first_shown < 0) first_shown = i;
          last_shown = i;
        }
      }
      const bool change = first_shown >= 0 && last_shown > first_shown;
      EXPECT_EQ(trend->has_median_change(), change);
      if (change && trend->has_median_change()) {
        const auto& a = trend->points(first_shown).median();
        const auto& b = trend->points(last_shown).median();
        EXPECT_TRUE(MoneyDifferenceIs(trend->median_change(), b, a));
        ExpectChangeFraction(trend->has_median_change_fraction(),
                             trend->median_change_fraction(), true,
                             trend->median_change(), a);
      } else {
        EXPECT_FALSE(trend->has_median_change_fraction());
      }
      // Unset months: the 12 months ending with the current one.
      v1::GetSalaryTrendRequest defaults = request;
      defaults.clear_start_month();
      defaults.clear_end_month();
      auto implicit = reader_->Trend(defaults);
      ASSERT_TRUE(IsOk(implicit));
      // Only the answer's version differs: an implicit end month is "now",
      // so that version names the minute too.
      EXPECT_NE(implicit->metadata().answer_version(),
                trend->metadata().answer_version());
      implicit->mutable_metadata()->clear_answer_version();
      trend->mutable_metadata()->clear_answer_version();
      EXPECT_TRUE(::google::protobuf::util::MessageDifferencer::Equals(
          *implicit, *trend))
          << implicit->ShortDebugString() << "\nvs\n"
          << trend->ShortDebugString();
    }
  }
}

}  // namespace
}  // namespace compdata::testing::query
