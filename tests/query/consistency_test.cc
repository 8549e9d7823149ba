// Consistency between RPCs on one data version: what CompareRoles shows
// (pay summary, pay by level, skill overlaps) equals what
// GetSalaryDistribution and GetSkillOverlap answer for the same filter, and
// its verdicts restate its own table.

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tests/query/consistency_fixture.h"
#include "tests/query/verdicts.h"

namespace compdata::testing::query {
namespace {

using ::google::protobuf::util::MessageDifferencer;

TEST_F(ConsistencyTest, CompareRolesEqualsSingleRpcs) {
  const std::vector<std::string> roles = {"ai-engineer", "software-engineer",
                                          "data-scientist", "ai-ml-engineer"};
  const std::vector<double> extra = {10, 33.3, 90};
  for (const Filter& filter : Filters(101, 6, /*no_levels=*/false)) {
    const v1::SalaryFilter proto = filter.ToProto();
    SCOPED_TRACE(filter.DebugString());
    v1::CompareRolesRequest request;
    for (const auto& r : roles) request.add_roles(r);
    *request.mutable_filter() = proto;
    request.set_top_n(5);
    for (double p : extra) request.add_percentiles(p);
    auto compare = reader_->Compare(request);
    ASSERT_TRUE(IsOk(compare));
    EXPECT_EQ(compare->metadata().data_version(), version_);
    ASSERT_EQ(compare->roles_size(), static_cast<int>(roles.size()));
    for (size_t r = 0; r < roles.size(); ++r) {
      SCOPED_TRACE(roles[r]);
      const v1::RoleComparison& rc = compare->roles(static_cast<int>(r));
      auto d = Distribution(roles[r], proto, {50, 25, 75, 10, 33.3, 90});
      ASSERT_TRUE(d.has_value());
      const auto& dist = d->distribution();
      const v1::PaySummary& pay = rc.pay();
      EXPECT_TRUE(SameQuality(pay.quality(), d->quality()));
      EXPECT_TRUE(SamePercentile(pay.has_median(), pay.median(), dist, 0));
      EXPECT_TRUE(SamePercentile(pay.average_range().has_low(),
                                 pay.average_range().low(), dist, 1));
      EXPECT_TRUE(SamePercentile(pay.has_p75(), pay.p75(), dist, 2));
      EXPECT_TRUE(SameOptionalMoney(pay.has_mean(), pay.mean(), dist.has_mean(),
                                    dist.mean()));
      EXPECT_EQ(pay.percentiles_size(), 3);
      for (int i = 0; i < 3 && i < pay.percentiles_size(); ++i) {
        EXPECT_EQ(pay.percentiles(i).percentile(), extra[i]);
        EXPECT_TRUE(SamePercentile(pay.percentiles(i).has_value(),
                                   pay.percentiles(i).value(), dist, 3 + i))
            << "p" << extra[i];
      }
      for (const v1::LevelPay& lp : rc.pay_by_level()) {
        SCOPED_TRACE(v1::SeniorityLevel_Name(lp.seniority_level()));
        auto at = AtLevel(roles[r], proto, lp.seniority_level());
        ASSERT_TRUE(at.has_value());
        EXPECT_TRUE(SameQuality(lp.quality(), at->quality()));
        EXPECT_TRUE(SamePercentile(lp.has_median(), lp.median(),
                                   at->distribution(), 0));
      }
    }
    // Skill overlap of each pair (i < j in request order).
    ASSERT_EQ(compare->skill_overlaps_size(), 6);
    int k = 0;
    for (size_t i = 0; i < roles.size(); ++i) {
      for (size_t j = i + 1; j < roles.size(); ++j) {
        v1::GetSkillOverlapRequest o;
        o.add_roles(roles[i]);
        o.add_roles(roles[j]);
        o.set_top_n(5);
        *o.mutable_filter() = proto;
        auto overlap = reader_->Overlap(o);
        ASSERT_TRUE(IsOk(overlap));
        EXPECT_EQ(overlap->metadata().data_version(), version_);
        EXPECT_TRUE(MessageDifferencer::Equals(compare->skill_overlaps(k),
                                               overlap->overlap()))
            << roles[i] << " / " << roles[j] << ":\n"
            << compare->skill_overlaps(k).ShortDebugString() << "\nvs\n"
            << overlap->overlap().ShortDebugString();
        ++k;
      }
    }
    ExpectVerdicts(*compare);
  }
}

}  // namespace
}  // namespace compdata::testing::query
