// BootstrapMedianDifference: the interval of a difference of medians, its
// determinism by seed, and the distribution of its O(1) resampled medians
// against brute-force resampling.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "core/engine/stats.h"

namespace compdata::engine {
namespace {

std::vector<double> Salaries(uint64_t seed, int n, int64_t lo, int64_t hi) {
  std::mt19937_64 rng(seed);
  std::vector<double> values;
  for (int i = 0; i < n; ++i) {
    // The raw engine output: std:: distributions differ between standard
    // libraries, mt19937_64 does not.
    values.push_back(static_cast<double>(
        lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1))));
  }
  std::sort(values.begin(), values.end());
  return values;
}

TEST(BootstrapMedianDifferenceTest, SameSeedSameResult) {
  const std::vector<double> with = Salaries(1, 300, 60'000, 160'000);
  const std::vector<double> without = Salaries(2, 250, 50'000, 150'000);
  const MedianDifference a =
      BootstrapMedianDifference(with, without, 0.95, 200, 42);
  const MedianDifference b =
      BootstrapMedianDifference(with, without, 0.95, 200, 42);
  EXPECT_EQ(a.difference.value, b.difference.value);
  EXPECT_EQ(a.low.value, b.low.value);
  EXPECT_EQ(a.high.value, b.high.value);
  const MedianDifference c =
      BootstrapMedianDifference(with, without, 0.95, 200, 43);
  EXPECT_EQ(c.difference.value, a.difference.value);
  EXPECT_TRUE(c.low.value != a.low.value || c.high.value != a.high.value);
  EXPECT_LT(a.low.value, a.high.value);
}

TEST(BootstrapMedianDifferenceTest, PointEstimateIsDifferenceOfMedians) {
  const std::vector<double> with = {1, 2, 3, 4};
  const std::vector<double> without = {10, 20, 30};
  const MedianDifference d =
      BootstrapMedianDifference(with, without, 0.9, 100, 1);
  EXPECT_EQ(d.difference.value, 2.5 - 20);
  EXPECT_LE(d.low.value, d.high.value);
  // Resampled medians stay within each group's range.
  EXPECT_GE(d.low.value, 1 - 30);
  EXPECT_LE(d.high.value, 4 - 10);
}

TEST(BootstrapMedianDifferenceTest, ShiftedGroupGivesTheShift) {
  const std::vector<double> without = Salaries(5, 20'000, 80'000, 120'000);
  std::vector<double> with = without;
  for (double& value : with) value += 10'000;
  const MedianDifference d =
      BootstrapMedianDifference(with, without, 0.95, 200, 9);
  EXPECT_EQ(d.difference.value, 10'000);
  EXPECT_LE(d.low.value, 10'000);
  EXPECT_GE(d.high.value, 10'000);
  EXPECT_GE(d.low.value, 9'000);
  EXPECT_LE(d.high.value, 11'000);
  EXPECT_LT(d.low.value, d.high.value);
}

TEST(BootstrapMedianDifferenceTest, IntervalSurroundsTypicalEstimates) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const std::vector<double> with = Salaries(seed, 400, 40'000, 200'000);
    const std::vector<double> without =
        Salaries(seed + 100, 500, 30'000, 180'000);
    const MedianDifference d =
        BootstrapMedianDifference(with, without, 0.95, 300, seed);
    EXPECT_LE(d.low.value, d.difference.value) << seed;
    EXPECT_GE(d.high.value, d.difference.value) << seed;
    EXPECT_LT(d.high.value - d.low.value, 40'000) << seed;
  }
}

TEST(BootstrapMedianDifferenceTest, HigherLevelWidensInterval) {
  const std::vector<double> with = Salaries(11, 500, 60'000, 160'000);
  const std::vector<double> without = Salaries(12, 500, 50'000, 150'000);
  const MedianDifference narrow =
      BootstrapMedianDifference(with, without, 0.5, 200, 5);
  const MedianDifference wide =
      BootstrapMedianDifference(with, without, 0.99, 200, 5);
  EXPECT_LT(wide.low.value, narrow.low.value);
  EXPECT_GT(wide.high.value, narrow.high.value);
}

TEST(BootstrapMedianDifferenceTest, ResampledMediansInterpolate) {
  // A resample of {0, 100} has median 0, 50 or 100 with probabilities 1/4,
  // 1/2, 1/4, so the 30th to 70th percentiles of the differences are 50.
  const std::vector<double> with = {0, 100};
  const std::vector<double> without = {0};
  const MedianDifference d =
      BootstrapMedianDifference(with, without, 0.4, 2000, 17);
  EXPECT_EQ(d.difference.value, 50);
  EXPECT_EQ(d.low.value, 50);
  EXPECT_EQ(d.high.value, 50);
  const MedianDifference full =
      BootstrapMedianDifference(with, without, 1.0, 2000, 17);
  EXPECT_EQ(full.low.value, 0);
  EXPECT_EQ(full.high.value, 100);
}

TEST(BootstrapMedianDifferenceTest, SingleValuesHaveNoSpread) {
  const std::vector<double> with = {100'000};
  const std::vector<double> without = {90'000, 90'000};
  const MedianDifference d =
      BootstrapMedianDifference(with, without, 0.95, 50, 3);
  EXPECT_EQ(d.difference.value, 10'000);
  EXPECT_EQ(d.low.value, 10'000);
  EXPECT_EQ(d.high.value, 10'000);
}

// The resampled medians are drawn from order statistics (O(1) per resample),
// not by making n draws: their distribution must be the one a full resample
// gives. Brute-force resampling (std::mt19937_64, 200,000 resamples) gives
// the reference; each quantile of 40,000 drawn resamples must lie between
// the reference's quantiles 0.006 either side (more than four standard
// errors of both together), for both parities of n. Drawing one order
// statistic off (Beta(k, n - k + 1)) moves these quantiles by a whole step.
TEST(BootstrapMedianDifferenceTest, ResamplesHaveTheFullResampleDistribution) {
  for (int n : {10, 11, 40}) {
    std::vector<double> with(n);
    for (int i = 0; i < n; ++i) with[i] = i * 10;
    const std::vector<double> without = {0};
    std::mt19937_64 gen(n);
    std::uniform_int_distribution<int> pick(0, n - 1);
    std::vector<double> reference(200000);
    std::vector<double> resample(n);
    for (double& median : reference) {
      for (double& v : resample) v = with[pick(gen)];
      std::sort(resample.begin(), resample.end());
      median = PercentileCont(resample, 50);
    }
    std::sort(reference.begin(), reference.end());
    const auto quantile = [&](double q) {
      return PercentileCont(reference, std::clamp(q, 0.0, 1.0) * 100);
    };
    for (double level : {0.5, 0.8, 0.9, 0.95}) {
      const MedianDifference d =
          BootstrapMedianDifference(with, without, level, 40000, 99 + n);
      const double lo = (1 - level) / 2;
      const double hi = (1 + level) / 2;
      EXPECT_GE(d.low.value, quantile(lo - 0.006)) << n << " " << level;
      EXPECT_LE(d.low.value, quantile(lo + 0.006)) << n << " " << level;
      EXPECT_GE(d.high.value, quantile(hi - 0.006)) << n << " " << level;
      EXPECT_LE(d.high.value, quantile(hi + 0.006)) << n << " " << level;
    }
  }
}

}  // namespace
}  // namespace compdata::engine
