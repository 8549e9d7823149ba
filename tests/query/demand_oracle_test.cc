// Demand figures (D9) against SQL: CompareRoles (open positions, their share
// of all tracked postings, remote share, experience mix, top companies,
// metros and skills, pay summary and pay by level) and GetSkillOverlap (top
// skills with posting shares, shared / unique skills, overlap share,
// Jaccard index, feasibility), for random requests over the seeded data sets.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tests/query/expectations.h"
#include "tests/query/model.h"
#include "tests/query/oracle_fixture.h"
#include "tests/query/random_requests.h"

namespace compdata::testing::query {
namespace {

constexpr int kCompareRequests = 40;
constexpr int kOverlapRequests = 40;
constexpr double kShareTolerance = 1e-9;

int EffectiveTopN(int requested) {
  if (requested == 0) return 8;
  return std::min(requested, 50);
}

std::vector<NamedCount> Top(const std::vector<NamedCount>& list, int n) {
  return {list.begin(),
          list.begin() + std::min<size_t>(list.size(), static_cast<size_t>(n))};
}

double Share(int64_t count, int64_t total) {
  return total == 0 ? 0.0 : static_cast<double>(count) / total;
}

// Distinct random roles, 2..max.
std::vector<std::string> RandomRoles(Rng& rng, size_t max) {
  std::vector<std::string> roles = OracleRoles();
  std::shuffle(roles.begin(), roles.end(), rng);
  roles.resize(2 + rng() % (max - 1));
  return roles;
}

template <typename Entry>
void ExpectTopList(const google::protobuf::RepeatedPtrField<Entry>& actual,
                   const std::vector<NamedCount>& expected, int64_t open,
                   const char* what) {
  ASSERT_EQ(actual.size(), static_cast<int>(expected.size())) << what;
  for (size_t i = 0; i < expected.size(); ++i) {
    const Entry& e = actual[static_cast<int>(i)];
    EXPECT_EQ(e.posting_count(), expected[i].count) << what << "[" << i << "]";
    EXPECT_NEAR(e.posting_share(), Share(expected[i].count, open),
                kShareTolerance)
        << what << "[" << i << "]";
  }
}

void ExpectDemandQuality(const v1::Quality& q, int64_t open) {
  EXPECT_EQ(q.sample_size(), open);
  EXPECT_EQ(q.posting_count(), open);
  EXPECT_EQ(q.report_count(), 0);
  EXPECT_EQ(q.suppression_reason(), open == 0
                                        ? v1::SUPPRESSION_REASON_NO_DATA
                                        : v1::SUPPRESSION_REASON_UNSPECIFIED);
  EXPECT_EQ(q.confidence(), ConfidenceFor(open));
}

void ExpectSkillShares(
    const google::protobuf::RepeatedPtrField<v1::SkillShare>& actual,
    const std::vector<NamedCount>& expected, int64_t open) {
  ExpectTopList(actual, expected, open, "top_skills");
  for (int i = 0; i < actual.size() && i < static_cast<int>(expected.size());
       ++i) {
    EXPECT_EQ(actual[i].skill().slug(), expected[i].name)
        << "top_skills[" << i << "]";
    EXPECT_EQ(actual[i].skill().display_name(), expected[i].display_name);
  }
}

using DemandOracleTest = OracleTest;

struct RoleExpectation {
  DemandFigures demand;
  PayFigures pay;  // percentiles {50, 25, 75, extra...}
  std::vector<std::pair<int, PayFigures>> levels;  // (level, median figures)
};

struct CompareCase {
  v1::CompareRolesRequest request;
  std::vector<std::string> roles;
  Filter filter;
  int top_n = 0;
  std::vector<double> extra;
  int64_t tracked = 0;
  std::vector<RoleExpectation> expected;
};

void ExpectRoleComparison(const v1::RoleComparison& rc, const CompareCase& c,
                          const RoleExpectation& e) {
  const DemandFigures& d = e.demand;
  EXPECT_EQ(rc.open_positions(), d.open);
  EXPECT_NEAR(rc.open_positions_share(), Share(d.open, c.tracked),
              kShareTolerance);
  EXPECT_NEAR(rc.remote_share(), Share(d.remote, d.open), kShareTolerance);
  ASSERT_EQ(rc.experience_mix_size(), 5);
  for (int l = 0; l < 5; ++l) {
    const v1::SeniorityShare& s = rc.experience_mix(l);
    EXPECT_EQ(s.seniority_level(), static_cast<v1::SeniorityLevel>(l + 1));
    EXPECT_EQ(s.posting_count(), d.by_level[l]);
    EXPECT_NEAR(s.posting_share(), Share(d.by_level[l], d.stated_level),
                kShareTolerance);
  }
  const int n = EffectiveTopN(c.top_n);
  const auto companies = Top(d.companies, n);
  ExpectTopList(rc.top_companies(), companies, d.open, "top_companies");
  for (int k = 0;
       k < rc.top_companies_size() && k < static_cast<int>(companies.size());
       ++k) {
    EXPECT_EQ(rc.top_companies(k).company(), companies[k].name);
  }
  const auto metros = Top(d.metros, n);
  ExpectTopList(rc.top_metros(), metros, d.open, "top_metros");
  for (int k = 0;
       k < rc.top_metros_size() && k < static_cast<int>(metros.size()); ++k) {
    EXPECT_EQ(rc.top_metros(k).metro(), metros[k].name);
  }
  ExpectSkillShares(rc.top_skills(), Top(d.skills, n), d.open);
  ExpectDemandQuality(rc.demand_quality(), d.open);

  const std::string currency = c.filter.EffectiveCurrency();
  ExpectPaySummary(rc.pay(), e.pay, c.extra, currency, kDefaultPrivacyFloor);
  ASSERT_EQ(rc.pay_by_level_size(), static_cast<int>(e.levels.size()));
  for (size_t k = 0; k < e.levels.size(); ++k) {
    const auto& [level, f] = e.levels[k];
    const v1::LevelPay& lp = rc.pay_by_level(static_cast<int>(k));
    SCOPED_TRACE(absl::StrCat("level ", level));
    EXPECT_EQ(lp.seniority_level(), static_cast<v1::SeniorityLevel>(level));
    ExpectLevelPay(lp, f, currency, kDefaultPrivacyFloor);
  }
}

TEST_P(DemandOracleTest, CompareRolesMatchesSql) {
  // 1. Expectations from SQL, each checked against the C++ model.
  const std::vector<std::string> families = {"", "ai", "data", "software"};
  std::vector<CompareCase> cases;
  for (int i = 0; i < kCompareRequests; ++i) {
    CompareCase c;
    c.roles = RandomRoles(rng_, 4);
    c.filter = RandomFilter(rng_, data_, /*pay_fields=*/true);
    c.top_n = std::vector<int>{0, 1, 3, 8, 60}[rng_() % 5];
    const std::string family = families[rng_() % families.size()];
    c.extra = RandomPercentiles(rng_);
    for (const auto& r : c.roles) c.request.add_roles(RandomRoleName(rng_, r));
    *c.request.mutable_filter() = c.filter.ToProto();
    c.request.set_top_n(c.top_n);
    for (double p : c.extra) c.request.add_percentiles(p);
    c.request.set_tracked_family(family);
    c.tracked = oracle_->TrackedPostings(c.filter, family);
    std::vector<double> pay_percentiles = {50, 25, 75};
    pay_percentiles.insert(pay_percentiles.end(), c.extra.begin(),
                           c.extra.end());
    std::set<int> levels;
    for (auto l : c.filter.seniority) levels.insert(l);
    if (levels.empty()) levels = {1, 2, 3, 4, 5};
    for (const auto& role : c.roles) {
      RoleExpectation e;
      e.demand = oracle_->Demand(role, c.filter);
      EXPECT_EQ(CompareDemand(e.demand, ModelDemand(data_, role, c.filter)), "")
          << role << " " << c.filter.DebugString();
      e.pay = oracle_->Pay(role, c.filter, pay_percentiles);
      for (int level : levels) {
        Filter at_level = c.filter;
        at_level.seniority = {static_cast<v1::SeniorityLevel>(level)};
        e.levels.emplace_back(level, oracle_->Pay(role, at_level, {50}));
      }
      c.expected.push_back(std::move(e));
    }
    cases.push_back(std::move(c));
  }
  ASSERT_FALSE(HasFailure()) << "the SQL oracle disagrees with the model";

  // 2. The server.
  ASSERT_TRUE(WaitForIngested());
  FailureBudget budget;
  for (const CompareCase& c : cases) {
    SCOPED_TRACE(c.request.ShortDebugString());
    auto response = reader_->Compare(c.request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->metadata().data_version(), version_);
    EXPECT_EQ(response->total_tracked_postings(), c.tracked);
    ASSERT_EQ(response->roles_size(), static_cast<int>(c.roles.size()));
    EXPECT_EQ(response->skill_overlaps_size(),
              static_cast<int>(c.roles.size() * (c.roles.size() - 1) / 2));
    for (size_t r = 0; r < c.roles.size(); ++r) {
      SCOPED_TRACE(c.roles[r]);
      const v1::RoleComparison& rc = response->roles(static_cast<int>(r));
      EXPECT_EQ(rc.role().slug(), c.roles[r]);
      ExpectRoleComparison(rc, c, c.expected[r]);
    }
    if (budget.Exhausted()) return;
  }

  // The tracked total is memoised per (family, filter): one filter asked
  // under every family in turn still gets each family's own total.
  for (const std::string& family : families) {
    v1::CompareRolesRequest request = cases[0].request;
    request.set_tracked_family(family);
    auto response = reader_->Compare(request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->total_tracked_postings(),
              oracle_->TrackedPostings(cases[0].filter, family))
        << "family \"" << family << "\"";
  }
}

struct OverlapCase {
  v1::GetSkillOverlapRequest request;
  std::vector<std::string> roles;
  int top_n = 0;
  std::vector<int64_t> open;                  // per role
  std::vector<std::vector<NamedCount>> tops;  // per role, top_n skills
};

void ExpectOverlap(const v1::SkillOverlap& o, const OverlapCase& c) {
  EXPECT_EQ(o.top_n(), EffectiveTopN(c.top_n));
  ASSERT_EQ(o.role_skills_size(), 2);
  std::vector<std::set<std::string>> sets(2);
  for (int k = 0; k < 2; ++k) {
    for (const auto& s : c.tops[k]) sets[k].insert(s.name);
  }
  std::set<std::string> shared;
  for (const auto& s : sets[0]) {
    if (sets[1].count(s) > 0) shared.insert(s);
  }
  for (int k = 0; k < 2; ++k) {
    SCOPED_TRACE(c.roles[k]);
    const v1::RoleSkills& rs = o.role_skills(k);
    EXPECT_EQ(rs.role().slug(), c.roles[k]);
    ExpectSkillShares(rs.top_skills(), c.tops[k], c.open[k]);
    ExpectDemandQuality(rs.quality(), c.open[k]);
    std::vector<std::string> unique;
    for (const auto& s : c.tops[k]) {
      if (shared.count(s.name) == 0) unique.push_back(s.name);
    }
    std::vector<std::string> got;
    for (const auto& s : rs.unique_skills()) got.push_back(s.slug());
    EXPECT_EQ(got, unique) << "unique_skills";
  }
  std::set<std::string> got_shared;
  std::vector<std::string> names;
  for (const auto& s : o.shared_skills()) {
    got_shared.insert(s.slug());
    names.push_back(s.display_name());
  }
  EXPECT_EQ(got_shared, shared);
  EXPECT_EQ(static_cast<size_t>(o.shared_skills_size()), shared.size());
  // "Ordered by display name": byte order or case-insensitive order (the
  // contract does not say which; see the report).
  auto ci_less = [](const std::string& a, const std::string& b) {
    return absl::AsciiStrToLower(a) < absl::AsciiStrToLower(b);
  };
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()) ||
              std::is_sorted(names.begin(), names.end(), ci_less));
  const size_t a = c.tops[0].size(), b = c.tops[1].size();
  const size_t both = shared.size();
  EXPECT_EQ(o.overlap_count(), static_cast<int>(both));
  const double share =
      std::max(a, b) == 0 ? 0.0 : static_cast<double>(both) / std::max(a, b);
  const double jaccard =
      a + b == 0 ? 0.0 : static_cast<double>(both) / (a + b - both);
  EXPECT_NEAR(o.overlap_share(), share, kShareTolerance);
  EXPECT_NEAR(o.jaccard_index(), jaccard, kShareTolerance);
  v1::SwitchingFeasibility feasibility = v1::SWITCHING_FEASIBILITY_UNSPECIFIED;
  if (a > 0 && b > 0) {
    if (share >= 0.75) {
      feasibility = v1::SWITCHING_FEASIBILITY_EASY;
    } else if (share >= 0.5) {
      feasibility = v1::SWITCHING_FEASIBILITY_FEASIBLE_WITH_UPSKILLING;
    } else if (share >= 0.25) {
      feasibility = v1::SWITCHING_FEASIBILITY_CHALLENGING;
    } else {
      feasibility = v1::SWITCHING_FEASIBILITY_DIFFICULT;
    }
  }
  EXPECT_EQ(o.feasibility(), feasibility);
}

TEST_P(DemandOracleTest, SkillOverlapMatchesSql) {
  std::vector<OverlapCase> cases;
  for (int i = 0; i < kOverlapRequests; ++i) {
    OverlapCase c;
    c.roles = RandomRoles(rng_, 2);
    // Pay fields vary too: they must be ignored.
    const Filter filter = RandomFilter(rng_, data_, /*pay_fields=*/true);
    c.top_n = std::vector<int>{0, 2, 3, 5, 8, 12, 60}[rng_() % 7];
    for (const auto& r : c.roles) c.request.add_roles(RandomRoleName(rng_, r));
    c.request.set_top_n(c.top_n);
    *c.request.mutable_filter() = filter.ToProto();
    for (const auto& r : c.roles) {
      const DemandFigures d = oracle_->Demand(r, filter);
      EXPECT_EQ(CompareDemand(d, ModelDemand(data_, r, filter)), "")
          << r << " " << filter.DebugString();
      c.open.push_back(d.open);
      c.tops.push_back(Top(d.skills, EffectiveTopN(c.top_n)));
    }
    cases.push_back(std::move(c));
  }
  ASSERT_FALSE(HasFailure()) << "the SQL oracle disagrees with the model";

  ASSERT_TRUE(WaitForIngested());
  FailureBudget budget;
  for (const OverlapCase& c : cases) {
    SCOPED_TRACE(c.request.ShortDebugString());
    auto response = reader_->Overlap(c.request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->metadata().data_version(), version_);
    ExpectOverlap(response->overlap(), c);
    if (budget.Exhausted()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(DataSets, DemandOracleTest,
                         ::testing::ValuesIn(kOracleSeeds));

}  // namespace
}  // namespace compdata::testing::query
