// The offer engine (core/engine/offer.h) and related-role ranking
// (core/engine/related.h): mid-rank counts compared in exact half cents,
// every boundary of the positions and counter rules, the band the offer is
// compared at when reports are in the market, withholding, and the order
// and score of related roles.

#include "core/engine/offer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/engine/pay_stats.h"
#include "core/engine/privacy.h"
#include "core/engine/related.h"

namespace compdata::engine {
namespace {

Amount Cents(int64_t c) { return Amount{static_cast<double>(c) / 100, c}; }

// A market of `postings` and `reports` values (currency units; reports
// given as the banded values a snapshot holds), one array each.
PaySample Market(std::vector<double> postings, std::vector<double> reports) {
  PaySample s;
  std::sort(postings.begin(), postings.end());
  std::sort(reports.begin(), reports.end());
  for (double v : postings) s.sum.Add(v);
  for (double v : reports) s.sum.Add(v);
  s.postings = static_cast<int64_t>(postings.size());
  s.reports = static_cast<int64_t>(reports.size());
  s.AddOwned(std::move(postings));
  s.AddOwned(std::move(reports));
  return s;
}

double Banded(int64_t cents) {
  return static_cast<double>(BandedCents(cents)) / 100;
}

TEST(OfferRankTest, MidRankCountsTiesHalfAndComparesHalfCentsExactly) {
  // Posting midpoints end in half cents; 0.1 + 0.2 style doubles must not
  // move a value across the offer.
  const std::vector<double> a = {100.005, 100.01, 100.01, 100.015, 200};
  const std::vector<double> b = {100.01, 150};
  const std::vector<absl::Span<const double>> arrays = {a, b};
  RankCounts c = CountAround(arrays, HalfCents(100.01));
  EXPECT_EQ(c.below, 1);
  EXPECT_EQ(c.equal, 3);
  EXPECT_EQ(c.n, 7);
  EXPECT_EQ(MidRank(c), 100.0 * (2 * 1 + 3) / 14);
  c = CountAround(arrays, HalfCents(100.005));
  EXPECT_EQ(c.below, 0);
  EXPECT_EQ(c.equal, 1);
  // Below everything, above everything.
  EXPECT_EQ(MidRank(CountAround(arrays, 0)), 0);
  EXPECT_EQ(MidRank(CountAround(arrays, HalfCents(1000))), 100);
  // Every value equal to the offer: the middle.
  const std::vector<double> same = {5, 5, 5};
  EXPECT_EQ(MidRank(CountAround({absl::MakeConstSpan(same)}, 1000)), 50);
}

TEST(OfferRankTest, MidRankIsOneCorrectlyRoundedDivision) {
  std::mt19937 rng(5);
  for (int i = 0; i < 2000; ++i) {
    RankCounts c;
    c.n = 1 + static_cast<int64_t>(rng() % 100000);
    c.below = static_cast<int64_t>(rng() % (c.n + 1));
    c.equal = static_cast<int64_t>(rng() % (c.n - c.below + 1));
    // The exact value 100 (2b + e) / 2n as a long double quotient rounded
    // to double agrees with the one double division.
    const long double exact =
        static_cast<long double>(100 * (2 * c.below + c.equal)) /
        static_cast<long double>(2 * c.n);
    ASSERT_EQ(MidRank(c), static_cast<double>(exact));
    ASSERT_GE(MidRank(c), 0);
    ASSERT_LE(MidRank(c), 100);
  }
}

OfferPercentiles Ps(int64_t p10, int64_t p25, int64_t p50, int64_t p75,
                    int64_t p90) {
  return {Cents(p10), Cents(p25), Cents(p50), Cents(p75), Cents(p90)};
}

TEST(OfferPositionTest, EachBoundaryBelongsToTheRangeAboveIt) {
  const OfferPercentiles p = Ps(1000, 2000, 3000, 4000, 5000);
  const std::vector<std::pair<int64_t, OfferPosition>> cases = {
      {0, OfferPosition::kBelowP10},
      {999, OfferPosition::kBelowP10},
      {1000, OfferPosition::kP10ToP25},
      {1999, OfferPosition::kP10ToP25},
      {2000, OfferPosition::kP25ToMedian},
      {2999, OfferPosition::kP25ToMedian},
      {3000, OfferPosition::kMedianToP75},
      {3999, OfferPosition::kMedianToP75},
      {4000, OfferPosition::kP75ToP90},
      {4999, OfferPosition::kP75ToP90},
      {5000, OfferPosition::kAtOrAboveP90},
      {1'000'000, OfferPosition::kAtOrAboveP90},
  };
  for (const auto& [cents, position] : cases) {
    EXPECT_EQ(PositionOf(cents, p), position) << cents;
  }
  // Tied percentiles: an offer equal to them is at or above all of them.
  const OfferPercentiles tied = Ps(1000, 3000, 3000, 3000, 5000);
  EXPECT_EQ(PositionOf(2999, tied), OfferPosition::kP10ToP25);
  EXPECT_EQ(PositionOf(3000, tied), OfferPosition::kP75ToP90);
  const OfferPercentiles flat = Ps(3000, 3000, 3000, 3000, 3000);
  EXPECT_EQ(PositionOf(3000, flat), OfferPosition::kAtOrAboveP90);
  EXPECT_EQ(PositionOf(2999, flat), OfferPosition::kBelowP10);
}

TEST(OfferCounterTest, EachRuleAndItsRange) {
  const OfferPercentiles p = Ps(1000, 2000, 3000, 4000, 5000);
  struct Case {
    int64_t offer;
    CounterRule rule;
    int64_t low, high;
  };
  const std::vector<Case> cases = {
      {500, CounterRule::kRaiseToMedian, 3000, 4000},
      {1500, CounterRule::kRaiseToMedian, 3000, 4000},
      {2999, CounterRule::kRaiseToMedian, 3000, 4000},
      {3000, CounterRule::kReachUpperQuartile, 4000, 5000},
      {3999, CounterRule::kReachUpperQuartile, 4000, 5000},
      {4000, CounterRule::kUpToP90, 4000, 5000},
      {4321, CounterRule::kUpToP90, 4321, 5000},
      {5000, CounterRule::kAtMarketTop, 5000, 5000},
      {7777, CounterRule::kAtMarketTop, 7777, 7777},
  };
  for (const Case& c : cases) {
    const Counter counter =
        CounterFor(PositionOf(c.offer, p), Cents(c.offer), p);
    EXPECT_EQ(counter.rule, c.rule) << c.offer;
    EXPECT_EQ(counter.low.cents, c.low) << c.offer;
    EXPECT_EQ(counter.high.cents, c.high) << c.offer;
  }
  // A banded comparison can put an offer a little above p90 into UP_TO_P90:
  // its range never runs backwards.
  const Counter capped = CounterFor(OfferPosition::kP75ToP90, Cents(5100), p);
  EXPECT_EQ(capped.low.cents, 5000);
  EXPECT_EQ(capped.high.cents, 5000);
  EXPECT_EQ(CounterFor(OfferPosition::kUnspecified, Cents(1), p).rule,
            CounterRule::kUnspecified);
}

TEST(EvaluateOfferTest, PostingsOnlyComparesTheOfferExactly) {
  // 11 postings 100..200 step 10: p10 = 110, median 150, p90 = 190.
  std::vector<double> postings;
  for (int i = 0; i <= 10; ++i) postings.push_back(100 + 10 * i);
  const PaySample market = Market(postings, {});
  const OfferEvaluation e = EvaluateOffer(market, 15'000, 5);
  EXPECT_FALSE(e.banded);
  EXPECT_EQ(e.compared_cents, 15'000);
  ASSERT_TRUE(e.percentile_rank.has_value());
  EXPECT_EQ(*e.percentile_rank, 100.0 * (2 * 5 + 1) / 22);
  EXPECT_EQ(e.position, OfferPosition::kMedianToP75);
  EXPECT_EQ(e.counter.rule, CounterRule::kReachUpperQuartile);
  EXPECT_EQ(e.gap_to_median.cents, 0);
  // The percentiles are the distribution's, to the cent.
  const PayStats stats = ComputePayStats(market, {10, 25, 50, 75, 90}, 5);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(e.percentiles[i], stats.percentiles[i]) << i;
  }
  EXPECT_EQ(e.quality.protection(), Protection::kExact);
  // One cent below the median: the next range down.
  const OfferEvaluation below = EvaluateOffer(market, 14'999, 5);
  EXPECT_EQ(below.position, OfferPosition::kP25ToMedian);
  EXPECT_EQ(below.counter.rule, CounterRule::kRaiseToMedian);
  EXPECT_EQ(below.gap_to_median.cents, -1);
  EXPECT_EQ(*below.percentile_rank, 100.0 * 2 * 5 / 22);
}

TEST(EvaluateOfferTest, WithReportsEveryOfferInOneBandGetsTheSameAnswer) {
  std::vector<double> reports;
  for (int64_t c :
       {9'000'000, 9'500'000, 10'000'000, 10'400'000, 11'000'000, 12'000'000}) {
    reports.push_back(Banded(c));
  }
  const PaySample market = Market({95'000, 101'000.5, 130'000}, reports);
  const PayBand band = BandOf(10'000'000);
  const OfferEvaluation first = EvaluateOffer(market, band.low_cents, 5);
  ASSERT_TRUE(first.banded);
  EXPECT_EQ(first.compared_cents, band.representative_cents);
  EXPECT_EQ(first.quality.protection(), Protection::kBanded);
  for (int64_t c = band.low_cents; c < band.high_cents; c += 997) {
    const OfferEvaluation e = EvaluateOffer(market, c, 5);
    ASSERT_EQ(e.percentile_rank, first.percentile_rank) << c;
    ASSERT_EQ(e.position, first.position) << c;
    ASSERT_EQ(e.counter.rule, first.counter.rule) << c;
  }
  const OfferEvaluation last = EvaluateOffer(market, band.high_cents - 1, 5);
  EXPECT_EQ(last.percentile_rank, first.percentile_rank);
  // The report at the band's midpoint counts as equal: half of it below.
  EXPECT_EQ(
      *first.percentile_rank,
      MidRank(CountAround(market.arrays(), 2 * band.representative_cents)));
  // The next band is compared at its own midpoint.
  const OfferEvaluation next = EvaluateOffer(market, band.high_cents, 5);
  EXPECT_EQ(next.compared_cents, BandOf(band.high_cents).representative_cents);
  EXPECT_GT(*next.percentile_rank, *first.percentile_rank);
  // The gap is the offer's own, as shown, not the band's.
  EXPECT_EQ(last.gap_to_median.cents,
            band.high_cents - 1 - last.percentiles[kMedian].cents);
}

TEST(EvaluateOfferTest, AWithheldMarketRevealsNothing) {
  const PaySample few =
      Market({100'000, 110'000, 120'000}, {Banded(9'000'000)});
  const OfferEvaluation e = EvaluateOffer(few, 10'000'000, 5);
  EXPECT_EQ(e.quality.suppression, Suppression::kBelowPrivacyFloor);
  EXPECT_FALSE(e.percentile_rank.has_value());
  EXPECT_EQ(e.position, OfferPosition::kUnspecified);
  EXPECT_EQ(e.counter.rule, CounterRule::kUnspecified);
  EXPECT_EQ(e.counter.low.cents, 0);
  EXPECT_EQ(e.percentiles[kMedian].cents, 0);
  const OfferEvaluation none = EvaluateOffer(Market({}, {}), 10'000'000, 5);
  EXPECT_EQ(none.quality.suppression, Suppression::kNoData);
  EXPECT_FALSE(none.percentile_rank.has_value());
  // At the floor the same market is shown.
  const PaySample five =
      Market({}, {Banded(9'000'000), Banded(9'100'000), Banded(9'200'000),
                  Banded(9'300'000), Banded(9'400'000)});
  EXPECT_TRUE(EvaluateOffer(five, 10'000'000, 5).percentile_rank.has_value());
}

TEST(RelatedRolesTest, ScoredOrderedByScoreThenSlugAndCut) {
  const std::vector<std::string> slugs = {"a", "b", "c", "d", "e", "f"};
  auto slug = [&](int32_t r) -> const std::string& { return slugs[r]; };
  std::vector<RelatedCandidate> in(6);
  for (int32_t r = 0; r < 6; ++r) in[r].role = r;
  in[1] = {1, 2, 0.25, true, 0.5, false, 0, 0};  // 0.125 + 0.25
  in[2] = {2, 0, 0, false, 0, true, 0.75, 0};    // 0.375: tie with b
  in[3] = {3, 4, 0.5, false, 0, false, 0, 0};    // 0.25
  in[4] = {4, 0, 0, false, 0, false, 0, 0};      // nothing relates it
  in[5] = {5, 1, 0.1, true, 0.2, true, 0.4, 0};  // 0.05 + 0.2
  const std::vector<RelatedCandidate> out = RankRelated(in, 10, slug);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].role, 1);  // ties by slug: b before c
  EXPECT_EQ(out[1].role, 2);
  EXPECT_EQ(out[2].role, 3);
  EXPECT_EQ(out[3].role, 5);
  EXPECT_EQ(out[0].relatedness, 0.375);
  EXPECT_EQ(out[1].relatedness, 0.375);
  EXPECT_EQ(out[2].relatedness, 0.25);
  EXPECT_DOUBLE_EQ(out[3].relatedness, 0.25);
  EXPECT_LT(out[3].relatedness, 0.25 + 1e-12);
  const std::vector<RelatedCandidate> two = RankRelated(in, 2, slug);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].role, 2);
  EXPECT_TRUE(RankRelated(in, 0, slug).empty());
}

}  // namespace
}  // namespace compdata::engine
