// The engine against brute force on a small random snapshot, and the
// published thresholds of verdicts, overlaps and quality.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "core/engine/demand.h"
#include "core/engine/overlap.h"
#include "core/engine/pay_stats.h"
#include "core/engine/privacy.h"
#include "core/engine/quality.h"
#include "core/engine/snapshot_builder.h"
#include "core/engine/verdict.h"
#include "server/api/verdict_text.h"

namespace compdata::engine {
namespace {

constexpr int64_t kDay = 86'400'000'000;  // microseconds

struct Raw {
  int role, seniority, metro;
  bool remote, report;
  double pay;
  int64_t date;
};

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SnapshotBuilder b;
    for (int r = 0; r < 2; ++r) {
      Role role;
      role.slug = r == 0 ? "ai-engineer" : "software-engineer";
      role.title = r == 0 ? "AI Engineer" : "Software Engineer";
      b.AddRole(r + 1, role);
    }
    b.AddMetro(1, "San Francisco", "san-francisco", {"SF"});
    b.AddMetro(2, "New York", "new-york", {});
    std::mt19937 rng(7);
    for (int i = 0; i < 3000; ++i) {
      Raw x{static_cast<int>(rng() % 2),
            static_cast<int>(rng() % 6),
            static_cast<int>(rng() % 3),
            rng() % 4 == 0,
            rng() % 3 == 0,
            50000 + static_cast<double>(rng() % 2000) * 100.5,
            static_cast<int64_t>(rng() % 700) * kDay};
      raw_.push_back(x);
      if (x.report) {
        b.AddReport(
            i, SnapshotBuilder::Report{x.role + 1, x.metro, "Acme", x.seniority,
                                       x.remote, "USD", x.pay, 0, 0, x.date});
      } else {
        SnapshotBuilder::Posting p;
        p.role_id = x.role + 1;
        p.metro_id = x.metro;
        p.seniority = x.seniority;
        p.remote = x.remote;
        p.currency = "USD";
        p.pay = x.pay;
        p.posted_at = x.date;
        b.AddPosting(i, p);
      }
    }
    snapshot_ = b.Build(DataVersion{1, absl::Now()});
  }

  std::vector<Raw> raw_;
  std::shared_ptr<const Snapshot> snapshot_;
};

double Pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return PercentileCont(v, p);
}

TEST_F(EngineTest, CollectPayMatchesBruteForceForEveryFilterShape) {
  for (int trial = 0; trial < 200; ++trial) {
    std::mt19937 rng(trial);
    PayQuery q;
    q.role = static_cast<int32_t>(rng() % 2);
    q.currency = snapshot_->currency_by_code.at("USD");
    q.postings = rng() % 3 != 0;
    q.reports = rng() % 3 != 0;
    if (rng() % 2) {
      q.filter.seniority.assign(kSeniorityLevels, false);
      q.filter.seniority[rng() % 6] = true;
      q.filter.seniority[rng() % 6] = true;
    }
    if (rng() % 3 == 0) {
      q.filter.any_metro = false;
      q.filter.metros.insert(static_cast<int32_t>(rng() % 2));
    }
    if (rng() % 3 == 0) q.filter.remote = RemoteMode::kRemoteOnly;
    if (rng() % 3 == 0) {
      q.filter.start = static_cast<int64_t>(rng() % 300) * kDay;
      q.filter.end = q.filter.start + 200 * kDay;
    }
    std::vector<double> expected;
    int64_t reports = 0;
    for (const Raw& x : raw_) {
      if (x.role != q.role || (x.report ? !q.reports : !q.postings)) continue;
      if (!q.filter.AcceptsSeniority(x.seniority)) continue;
      if (!q.filter.any_metro && !q.filter.metros.contains(x.metro - 1))
        continue;
      if (q.filter.remote == RemoteMode::kRemoteOnly && !x.remote) continue;
      if (x.date < q.filter.start || x.date >= q.filter.end) continue;
      // D10: a report counts at the midpoint of its pay band.
      expected.push_back(x.report ? static_cast<double>(BandedCents(
                                        std::llround(x.pay * 100))) /
                                        100
                                  : x.pay);
      reports += x.report;
    }
    const PaySample sample = CollectPay(*snapshot_, q);
    ASSERT_EQ(sample.count(), static_cast<int64_t>(expected.size())) << trial;
    EXPECT_EQ(sample.reports, reports);
    if (expected.empty()) continue;
    for (double p : {0.0, 10.0, 33.3, 50.0, 90.0, 100.0}) {
      EXPECT_DOUBLE_EQ(sample.Percentile(p).value, Pct(expected, p))
          << trial << " p" << p;
    }
    double sum = 0;
    for (double v : expected) sum += v;
    EXPECT_NEAR(sample.Mean().value, sum / expected.size(), 1e-6);
  }
}

TEST_F(EngineTest, PrivacyFloorWithholdsSmallReportGroups) {
  EXPECT_EQ(EvaluateQuality(100, 4, 5).suppression,
            Suppression::kBelowPrivacyFloor);
  EXPECT_EQ(EvaluateQuality(100, 5, 5).confidence, Confidence::kHigh);
  EXPECT_EQ(EvaluateQuality(0, 0, 5).suppression, Suppression::kNoData);
  EXPECT_EQ(EvaluateQuality(29, 0, 5).confidence, Confidence::kLow);
  EXPECT_EQ(EvaluateQuality(30, 0, 5).confidence, Confidence::kMedium);
  PaySample one;
  one.reports = 1;
  one.AddView({123456.0});
  const PayStats stats = ComputePayStats(one, {50}, 5);
  EXPECT_TRUE(stats.quality.withheld());
  EXPECT_TRUE(stats.percentiles.empty());
}

TEST_F(EngineTest, DemandCountsOpenPostingsAtTheTime) {
  const int64_t at = 400 * kDay;
  RecordFilter all;
  const Demand d = CollectDemand(*snapshot_, 0, all, at);
  int64_t open = 0, remote = 0;
  for (const Raw& x : raw_) {
    if (x.role == 0 && !x.report && x.date <= at) {
      ++open;
      remote += x.remote;
    }
  }
  EXPECT_EQ(d.open, open);
  EXPECT_EQ(d.remote, remote);
  int64_t role1_open = 0;
  for (const Raw& x : raw_)
    role1_open += x.role == 1 && !x.report && x.date <= at;
  EXPECT_EQ(CollectDemand(*snapshot_, 1, all, at).open, role1_open);
}

TEST(VerdictTest, ThresholdsAndSentences) {
  auto pay = [](double a, double b) {
    return ComputeVerdict(VerdictMetric::kMedianPay,
                          {{true, a, 100}, {true, b, 90}});
  };
  EXPECT_EQ(pay(120000, 235000).outcome, VerdictOutcome::kClearLead);
  EXPECT_EQ(pay(120000, 235000).leader, 1);
  EXPECT_EQ(pay(100, 102.9).outcome, VerdictOutcome::kNearlyEqual);
  EXPECT_EQ(pay(100, 105).outcome, VerdictOutcome::kSlightLead);
  const Verdict v = pay(120000, 235000);
  EXPECT_NEAR(*v.relative_difference, 115000.0 / 120000.0, 1e-12);
  EXPECT_EQ(api::VerdictSentence(v, {"AI/ML Engineer", "AI Software Engineer"},
                                 "USD"),
            "AI Software Engineer pays 96% more than AI/ML Engineer at the "
            "median (USD 235,000 vs USD 120,000).");
  const Verdict share = ComputeVerdict(VerdictMetric::kRemoteShare,
                                       {{true, 0.07, 10}, {true, 0.08, 10}});
  EXPECT_EQ(share.outcome, VerdictOutcome::kNearlyEqual);  // 1 point < 2
  const Verdict missing =
      ComputeVerdict(VerdictMetric::kMeanPay, {{false, 0, 3}, {true, 5, 10}});
  EXPECT_EQ(missing.outcome, VerdictOutcome::kInsufficientData);
}

TEST(OverlapTest, TheReferencePagesFiveOfEight) {
  // AI/ML: rag aws rust python azure gcp prompt openai;
  // AI SWE: rag python rust kubernetes aws docker claude openai.
  const Overlap o =
      ComputeOverlap({1, 2, 3, 4, 5, 6, 7, 8}, {1, 4, 3, 9, 2, 10, 11, 8});
  EXPECT_EQ(o.overlap_count, 5);
  EXPECT_DOUBLE_EQ(o.overlap_share, 0.625);
  EXPECT_NEAR(o.jaccard, 5.0 / 11.0, 1e-12);
  EXPECT_EQ(o.feasibility, Feasibility::kFeasibleWithUpskilling);
  EXPECT_EQ(o.unique_a, (std::vector<int32_t>{5, 6, 7}));
  EXPECT_EQ(ComputeOverlap({}, {1}).feasibility, Feasibility::kUnknown);
}

}  // namespace
}  // namespace compdata::engine

namespace compdata::engine {
namespace {

// Company filters match names in any case, so top lists count them so too:
// one entry under the first spelling seen.
TEST(DemandTest, TopCompaniesFoldCaseLikeFilters) {
  SnapshotBuilder b;
  Role role;
  role.slug = "r";
  b.AddRole(1, role);
  const char* companies[] = {"Acme Corp", "Globex", "ACME CORP", "acme corp",
                             "Globex"};
  for (int i = 0; i < 5; ++i) {
    SnapshotBuilder::Posting p;
    p.role_id = 1;
    p.company = companies[i];
    b.AddPosting(i + 1, p);
  }
  auto s = b.Build(DataVersion{1, absl::UnixEpoch()});
  const Demand d = CollectDemand(*s, 0, RecordFilter(), 1);
  ASSERT_EQ(d.ranked_companies.size(), 2u);
  EXPECT_EQ(s->companies[d.ranked_companies[0].first], "Acme Corp");
  EXPECT_EQ(d.ranked_companies[0].second, 3);
  EXPECT_EQ(s->companies[d.ranked_companies[1].first], "Globex");
  EXPECT_EQ(d.ranked_companies[1].second, 2);
}

}  // namespace
}  // namespace compdata::engine
