// The privacy floor (D7) in the composite views, over the same grid of
// (role, seniority, metro, company) filters: CompareRoles' pay summary and
// per-level pay, GetSalaryTrend's monthly points; and GetSkillPremiums,
// which is computed from postings only and so is never withheld by it.

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/query/expectations.h"
#include "tests/query/privacy_fixture.h"

namespace compdata::testing::query {
namespace {

constexpr int kFloor = kDefaultPrivacyFloor;

bool Withheld(const PayFigures& f) {
  return SuppressionFor(f, kFloor) ==
         v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR;
}

using PrivacyViewsTest = PrivacyTest;

TEST_F(PrivacyViewsTest, CompareRolesWithholdsSmallGroups) {
  ASSERT_TRUE(WaitForIngested());
  FailureBudget budget;
  int withheld = 0;
  for (Filter f : PrivacyGrid(/*with_levels=*/true)) {
    for (auto source : {v1::DATA_SOURCE_REPORTS, v1::DATA_SOURCE_UNSPECIFIED}) {
      f.source = source;
      SCOPED_TRACE(f.DebugString());
      v1::CompareRolesRequest request;
      for (const auto& r : PrivacyRoles()) request.add_roles(r);
      *request.mutable_filter() = f.ToProto();
      auto response = reader_->Compare(request);
      ASSERT_TRUE(IsOk(response));
      ASSERT_EQ(response->roles_size(), 2);
      std::vector<int> levels;
      for (auto l : f.seniority) levels.push_back(l);
      if (levels.empty()) levels = {1, 2, 3, 4, 5};
      for (int r = 0; r < 2; ++r) {
        const std::string& role = PrivacyRoles()[static_cast<size_t>(r)];
        SCOPED_TRACE(role);
        const v1::RoleComparison& rc = response->roles(r);
        const PayFigures pay = oracle_->Pay(role, f, {50, 25, 75});
        ExpectPaySummary(rc.pay(), pay, {}, "USD", kFloor);
        withheld += Withheld(pay);
        ASSERT_EQ(rc.pay_by_level_size(), static_cast<int>(levels.size()));
        for (size_t k = 0; k < levels.size(); ++k) {
          Filter at_level = f;
          at_level.seniority = {static_cast<v1::SeniorityLevel>(levels[k])};
          const PayFigures lf = oracle_->Pay(role, at_level, {50});
          const v1::LevelPay& lp = rc.pay_by_level(static_cast<int>(k));
          EXPECT_EQ(lp.seniority_level(), levels[k]);
          ExpectLevelPay(lp, lf, "USD", kFloor);
          withheld += Withheld(lf);
        }
      }
      if (budget.Exhausted()) return;
    }
  }
  EXPECT_GE(withheld, 30);
}

TEST_F(PrivacyViewsTest, TrendWithholdsSmallMonths) {
  ASSERT_TRUE(WaitForIngested());
  const absl::CivilMonth this_month(
      absl::ToCivilSecond(absl::Now(), absl::UTCTimeZone()));
  const absl::CivilMonth first_month = this_month - (kPrivacyMonths - 1);
  const absl::Time first = absl::FromCivil(first_month, absl::UTCTimeZone());
  const absl::Time after = absl::FromCivil(this_month + 1, absl::UTCTimeZone());
  FailureBudget budget;
  int withheld = 0;
  for (const std::string& role : PrivacyRoles()) {
    for (Filter f : PrivacyGrid(/*with_levels=*/true)) {
      for (auto source :
           {v1::DATA_SOURCE_REPORTS, v1::DATA_SOURCE_UNSPECIFIED}) {
        f.source = source;
        SCOPED_TRACE(role + " " + f.DebugString());
        std::map<std::string, PayFigures> months;
        for (auto& [month, figures] : oracle_->Monthly(role, f, first, after)) {
          months[month] = figures;
        }
        v1::GetSalaryTrendRequest request;
        request.set_role(role);
        *request.mutable_filter() = f.ToProto();
        request.mutable_start_month()->set_year(
            static_cast<int32_t>(first_month.year()));
        request.mutable_start_month()->set_month(first_month.month());
        request.mutable_end_month()->set_year(
            static_cast<int32_t>(this_month.year()));
        request.mutable_end_month()->set_month(this_month.month());
        auto response = reader_->Trend(request);
        ASSERT_TRUE(IsOk(response));
        ASSERT_EQ(response->points_size(), kPrivacyMonths);
        for (int i = 0; i < kPrivacyMonths; ++i) {
          const absl::CivilMonth m = first_month + i;
          const v1::TrendPoint& point = response->points(i);
          EXPECT_EQ(point.month().year(), m.year());
          EXPECT_EQ(point.month().month(), m.month());
          const std::string key =
              absl::StrFormat("%04d-%02d", m.year(), m.month());
          SCOPED_TRACE(key);
          const PayFigures figures =
              months.count(key) ? months[key] : PayFigures();
          ExpectQuality(point.quality(), figures, kFloor);
          EXPECT_EQ(point.count(), figures.n);
          const bool shown = SuppressionFor(figures, kFloor) ==
                             v1::SUPPRESSION_REASON_UNSPECIFIED;
          withheld += Withheld(figures);
          EXPECT_EQ(point.has_p25(), shown);
          EXPECT_EQ(point.has_median(), shown);
          EXPECT_EQ(point.has_p75(), shown);
          if (shown && point.has_median() && point.has_p25() &&
              point.has_p75()) {
            EXPECT_TRUE(MoneyIs(point.p25(), figures.percentiles[0], "USD"));
            EXPECT_TRUE(MoneyIs(point.median(), figures.percentiles[1], "USD"));
            EXPECT_TRUE(MoneyIs(point.p75(), figures.percentiles[2], "USD"));
          }
        }
        if (budget.Exhausted()) return;
      }
    }
  }
  EXPECT_GE(withheld, 30);
}

v1::SkillImpact ImpactFor(const v1::SkillPremium& p) {
  int64_t low = 0, high = 0;
  EXPECT_TRUE(ToCents(p.interval().low(), &low));
  EXPECT_TRUE(ToCents(p.interval().high(), &high));
  const double f = p.premium_fraction();
  if (high < 0) return v1::SKILL_IMPACT_NEGATIVE;
  if (low > 0 && f >= 0.10) return v1::SKILL_IMPACT_HIGH;
  if (low > 0 && f >= 0.03) return v1::SKILL_IMPACT_MEDIUM;
  return v1::SKILL_IMPACT_LOW;
}

TEST_F(PrivacyViewsTest, SkillPremiumsUsePostingsOnlyAndIgnoreTheFloor) {
  ASSERT_TRUE(WaitForIngested());
  FailureBudget budget;
  for (const std::string& role : PrivacyRoles()) {
    for (const Filter& f : PrivacyGrid(/*with_levels=*/false)) {
      SCOPED_TRACE(role + " " + f.DebugString());
      v1::GetSkillPremiumsRequest request;
      request.set_role(role);
      *request.mutable_filter() = f.ToProto();
      request.set_min_sample_size(1);
      for (const auto& s : PrivacySkills()) request.add_skills(s);
      auto response = reader_->Premiums(request);
      ASSERT_TRUE(IsOk(response));
      EXPECT_EQ(response->role().slug(), role);
      ASSERT_EQ(response->premiums_size(), 3);
      std::set<std::string> seen;
      bool withheld_seen = false;
      for (int i = 0; i < response->premiums_size(); ++i) {
        const v1::SkillPremium& p = response->premiums(i);
        const std::string& slug = p.skill().slug();
        SCOPED_TRACE(slug);
        seen.insert(slug);
        const PayFigures with = oracle_->SkillGroup(role, f, slug, true);
        const PayFigures without = oracle_->SkillGroup(role, f, slug, false);
        EXPECT_EQ(p.sample_size_with(), with.n);
        EXPECT_EQ(p.sample_size_without(), without.n);
        const v1::Quality& q = p.quality();
        EXPECT_EQ(q.sample_size(), with.n + without.n);
        EXPECT_EQ(q.posting_count(), with.n + without.n);
        EXPECT_EQ(q.report_count(), 0);
        v1::SuppressionReason reason = v1::SUPPRESSION_REASON_UNSPECIFIED;
        if (with.n + without.n == 0) {
          reason = v1::SUPPRESSION_REASON_NO_DATA;
        } else if (with.n == 0 || without.n == 0) {
          reason = v1::SUPPRESSION_REASON_BELOW_MIN_SAMPLE;
        }
        EXPECT_EQ(q.suppression_reason(), reason);
        const bool shown = reason == v1::SUPPRESSION_REASON_UNSPECIFIED;
        EXPECT_EQ(p.has_median_with(), shown);
        EXPECT_EQ(p.has_median_without(), shown);
        EXPECT_EQ(p.has_premium(), shown);
        if (i > 0 && !withheld_seen && shown) {
          EXPECT_LE(p.premium_fraction(),
                    response->premiums(i - 1).premium_fraction());
        }
        if (!shown) {
          if (withheld_seen) {
            EXPECT_LT(response->premiums(i - 1).skill().slug(), slug);
          }
          withheld_seen = true;
          EXPECT_EQ(p.premium_fraction(), 0);
          EXPECT_EQ(p.impact(), v1::SKILL_IMPACT_UNSPECIFIED);
          continue;
        }
        EXPECT_FALSE(withheld_seen) << "computed premium after a withheld one";
        EXPECT_EQ(q.confidence(), ConfidenceFor(std::min(with.n, without.n)));
        EXPECT_TRUE(MoneyIs(p.median_with(), with.percentiles[0], "USD"));
        EXPECT_TRUE(MoneyIs(p.median_without(), without.percentiles[0], "USD"));
        EXPECT_TRUE(MoneyDifferenceIs(p.premium(), p.median_with(),
                                      p.median_without()));
        int64_t premium = 0, base = 0;
        ASSERT_TRUE(ToCents(p.premium(), &premium));
        ASSERT_TRUE(ToCents(p.median_without(), &base));
        EXPECT_NEAR(p.premium_fraction(), static_cast<double>(premium) / base,
                    1e-6);
        EXPECT_NEAR(p.posting_share(),
                    static_cast<double>(with.n) / (with.n + without.n), 1e-9);
        EXPECT_EQ(p.impact(), ImpactFor(p));
      }
      EXPECT_EQ(seen, std::set<std::string>(PrivacySkills().begin(),
                                            PrivacySkills().end()));
      if (budget.Exhausted()) return;
    }
  }
}

}  // namespace
}  // namespace compdata::testing::query
