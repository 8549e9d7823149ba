#include "core/engine/stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "absl/types/span.h"

namespace compdata::engine {
namespace {

using Spans = std::vector<absl::Span<const double>>;

// Uniform integer in [lo, hi] from the raw engine output: std::
// distributions differ between standard libraries, mt19937_64 does not.
int64_t Draw(std::mt19937_64& rng, int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1));
}

TEST(PercentileContTest, MatchesPostgresKnownValues) {
  const std::vector<double> x = {1, 2, 3, 4};
  EXPECT_EQ(PercentileCont(x, 25), 1.75);
  EXPECT_EQ(PercentileCont(x, 50), 2.5);
  EXPECT_EQ(PercentileCont(x, 75), 3.25);
  EXPECT_EQ(PercentileCont(x, 0), 1);
  EXPECT_EQ(PercentileCont(x, 100), 4);
  const std::vector<double> tens = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  EXPECT_EQ(PercentileCont(tens, 90), 91);
  EXPECT_EQ(PercentileCont(tens, 10), 19);
  const std::vector<double> tenths = {0.1, 0.2};
  EXPECT_EQ(PercentileCont(tenths, 50), 0.15000000000000002);
}

TEST(PercentileContTest, SingleValueIsEveryPercentile) {
  const std::vector<double> x = {123456.78};
  for (double p : {0.0, 1.0, 25.0, 50.0, 99.9, 100.0}) {
    EXPECT_EQ(PercentileCont(x, p), 123456.78) << p;
  }
}

TEST(PercentileContTest, ExtremesAreMinAndMax) {
  const std::vector<double> x = {-5, 0.5, 0.5, 7, 1e9};
  EXPECT_EQ(PercentileCont(x, 0), -5);
  EXPECT_EQ(PercentileCont(x, 100), 1e9);
  EXPECT_EQ(PercentileCont(x, 50), 0.5);
}

// PostgreSQL 15's float8 percentile_cont(p / 100) on these inputs
// (extra_float_digits = 3) lands a few ulps below the exact value; the
// engine's double is as close, and its cents come from the exact fraction:
// 122,870.5465, 235,562.703 and 175,385.50 exactly.
TEST(PercentileContTest, DoubleNearPostgresAndCentsExact) {
  const std::vector<double> a = {0, 1, 2, 46150.24, 216639.81, 300000};
  EXPECT_DOUBLE_EQ(PercentileCont(a, 69), 122870.54649999997);
  EXPECT_EQ(PercentileAmount(a, 69).cents, 12287055);
  std::vector<double> b = {0, 1, 128100.39, 281617.98};
  b.resize(16, 300000);
  EXPECT_DOUBLE_EQ(PercentileCont(b, 18), 235562.70299999992);
  EXPECT_EQ(PercentileAmount(b, 18).cents, 23556270);
  std::vector<double> c = {0, 1, 2, 3, 4, 67562.29, 263604.49};
  c.resize(16, 300000);
  EXPECT_DOUBLE_EQ(PercentileCont(c, 37), 175385.49999999997);
  EXPECT_EQ(PercentileAmount(c, 37).cents, 17538550);
}

TEST(KthOfSortedTest, PicksAcrossArrays) {
  const std::vector<double> a = {1, 4, 7};
  const std::vector<double> b = {2, 5, 8};
  const std::vector<double> c = {3, 6, 9};
  const Spans arrays = {a, b, c};
  for (int64_t k = 0; k < 9; ++k) {
    EXPECT_EQ(KthOfSorted(arrays, k), k + 1) << k;
  }
}

TEST(KthOfSortedTest, SingleArrayAndEmptyArrays) {
  const std::vector<double> a = {1, 2, 2, 3};
  const std::vector<double> empty;
  EXPECT_EQ(KthOfSorted(Spans{a}, 0), 1);
  EXPECT_EQ(KthOfSorted(Spans{a}, 2), 2);
  EXPECT_EQ(KthOfSorted(Spans{a}, 3), 3);
  EXPECT_EQ(KthOfSorted(Spans{empty, a, empty}, 3), 3);
  EXPECT_EQ(KthOfSorted(Spans{empty, a, empty, a}, 7), 3);
  EXPECT_EQ(KthOfSorted(Spans{empty, a, empty, a}, 4), 2);
}

// Two arrays take the bisection path: every k of every split of small
// arrays with ties, including one side far shorter than the other.
TEST(KthOfSortedTest, TwoArraysAgreeWithMergingForEveryK) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<double> a(Draw(rng, 1, 40)), b(Draw(rng, 1, 40));
    if (trial % 10 == 0) b.resize(1);
    for (double& v : a) v = static_cast<double>(Draw(rng, 0, 12));
    for (double& v : b) v = static_cast<double>(Draw(rng, 0, 12));
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<double> merged = a;
    merged.insert(merged.end(), b.begin(), b.end());
    std::sort(merged.begin(), merged.end());
    for (int64_t k = 0; k < static_cast<int64_t>(merged.size()); ++k) {
      ASSERT_EQ(KthOfSorted(Spans{a, b}, k), merged[k])
          << "trial " << trial << " k " << k;
      ASSERT_EQ(KthOfSorted(Spans{b, a}, k), merged[k])
          << "trial " << trial << " k " << k;
    }
  }
}

TEST(KthOfSortedTest, AllEqualValues) {
  const std::vector<double> a(1000, 42.5);
  const std::vector<double> b(3, 42.5);
  const Spans arrays = {a, b, a};
  for (int64_t k : {0, 1, 999, 1000, 1002, 2002}) {
    EXPECT_EQ(KthOfSorted(arrays, k), 42.5) << k;
  }
}

TEST(KthOfSortedTest, LargeArraysAgreeWithMerging) {
  std::mt19937_64 rng(7);
  std::vector<std::vector<double>> data(5);
  std::vector<double> merged;
  for (size_t i = 0; i < data.size(); ++i) {
    const int64_t size = 20000 * static_cast<int64_t>(i + 1);
    for (int64_t j = 0; j < size; ++j) {
      data[i].push_back(static_cast<double>(Draw(rng, 0, 1'000'000)) / 100);
    }
    std::sort(data[i].begin(), data[i].end());
    merged.insert(merged.end(), data[i].begin(), data[i].end());
  }
  std::sort(merged.begin(), merged.end());
  const Spans arrays(data.begin(), data.end());
  const int64_t total = static_cast<int64_t>(merged.size());
  for (int64_t k = 0; k < total; k += 997) {
    ASSERT_EQ(KthOfSorted(arrays, k), merged[k]) << k;
  }
  EXPECT_EQ(KthOfSorted(arrays, total - 1), merged.back());
}

// Random splits of random data, with many duplicates and empty arrays: the
// k-th and every percentile must equal those of the merged array, bit for
// bit.
TEST(KthOfSortedTest, RandomSplitsAgreeWithMerging) {
  std::mt19937_64 rng(20240601);
  int checked = 0;
  for (int test_case = 0; test_case < 500; ++test_case) {
    // Up to 20 arrays: both the few-window elimination (<= 8) and the
    // general rounds with their hand-over to fewer windows.
    const int m = static_cast<int>(Draw(rng, 1, 20));
    // Small value ranges make duplicates common, large ones make them rare.
    const int64_t range = test_case % 3 == 0   ? 3
                          : test_case % 3 == 1 ? 50
                                               : 10'000'000;
    std::vector<std::vector<double>> data(m);
    std::vector<double> merged;
    for (std::vector<double>& array : data) {
      const int64_t size = Draw(rng, 0, 4) == 0 ? 0 : Draw(rng, 1, 40);
      for (int64_t j = 0; j < size; ++j) {
        array.push_back(static_cast<double>(Draw(rng, 0, range)) / 100);
      }
      std::sort(array.begin(), array.end());
      merged.insert(merged.end(), array.begin(), array.end());
    }
    if (merged.empty()) continue;
    std::sort(merged.begin(), merged.end());
    const Spans arrays(data.begin(), data.end());
    for (size_t k = 0; k < merged.size(); ++k) {
      ASSERT_EQ(KthOfSorted(arrays, static_cast<int64_t>(k)), merged[k])
          << "case " << test_case << " k " << k;
    }
    std::vector<double> ps = {0, 1, 10, 25, 33.3, 50, 69, 75, 90, 99, 100};
    ps.push_back(static_cast<double>(Draw(rng, 0, 10000)) / 100);
    for (double p : ps) {
      ASSERT_EQ(PercentileContOfSorted(arrays, p), PercentileCont(merged, p))
          << "case " << test_case << " p " << p;
    }
    ++checked;
  }
  EXPECT_GT(checked, 450);
}

TEST(PercentileContOfSortedTest, InterpolatesAcrossArrays) {
  const std::vector<double> a = {1, 3};
  const std::vector<double> b = {2, 4};
  const std::vector<double> empty;
  EXPECT_EQ(PercentileContOfSorted(Spans{a, empty, b}, 25), 1.75);
  EXPECT_EQ(PercentileContOfSorted(Spans{a, b}, 50), 2.5);
  EXPECT_EQ(PercentileContOfSorted(Spans{a, b}, 0), 1);
  EXPECT_EQ(PercentileContOfSorted(Spans{a, b}, 100), 4);
  const std::vector<double> one = {7.25};
  EXPECT_EQ(PercentileContOfSorted(Spans{empty, one}, 40), 7.25);
}

TEST(ExactSumTest, TenMillionTenths) {
  ExactSum sum;
  double naive = 0;
  for (int i = 0; i < 10'000'000; ++i) {
    sum.Add(0.1);
    naive += 0.1;
  }
  EXPECT_NEAR(sum.value(), 1e6, 1e-9);
  EXPECT_GT(std::abs(naive - 1e6), 1e-6);  // The case is a hard one.
}

TEST(ExactSumTest, KeepsCentsNaiveSummationLoses) {
  // Ten million salaries of 123,456.78: the naive running sum is off by
  // far more than a cent.
  ExactSum sum;
  double naive = 0;
  for (int i = 0; i < 10'000'000; ++i) {
    sum.Add(123456.78);
    naive += 123456.78;
  }
  EXPECT_NEAR(sum.value(), 1'234'567'800'000.0, 0.001);
  EXPECT_GT(std::abs(naive - 1'234'567'800'000.0), 0.01);

  // Cents next to a huge value vanish from a naive sum altogether.
  ExactSum cents;
  naive = 0;
  cents.Add(1e15);
  naive += 1e15;
  for (int i = 0; i < 1000; ++i) {
    cents.Add(0.01);
    naive += 0.01;
  }
  cents.Add(-1e15);
  naive += -1e15;
  EXPECT_NEAR(cents.value(), 10.0, 1e-9);
  EXPECT_EQ(naive, 0);
}

TEST(ExactSumTest, MergesPartialSums) {
  std::mt19937_64 rng(3);
  ExactSum whole;
  ExactSum parts[4];
  int64_t cents = 0;
  for (int i = 0; i < 400'000; ++i) {
    const int64_t value = Draw(rng, 1'000'000, 50'000'000);
    cents += value;
    whole.Add(static_cast<double>(value) / 100);
    parts[i % 4].Add(static_cast<double>(value) / 100);
  }
  ExactSum merged;
  for (const ExactSum& part : parts) merged.Add(part);
  const double expected = static_cast<double>(cents) / 100;
  EXPECT_NEAR(whole.value(), expected, 0.005);
  EXPECT_NEAR(merged.value(), expected, 0.005);
  EXPECT_NEAR(merged.value(), whole.value(), 0.001);

  // A merge keeps the other sum's compensation, not just its running sum.
  ExactSum big;
  big.Add(1e15);
  for (int i = 0; i < 1000; ++i) big.Add(0.01);
  ExactSum minus;
  minus.Add(-1e15);
  minus.Add(big);
  EXPECT_NEAR(minus.value(), 10.0, 1e-9);
}

TEST(ExactSumTest, HalfCentsAtTheLargestStoredAmounts) {
  // numeric(14, 2) holds up to 999,999,999,999.99; midpoints add half cents.
  ExactSum sum;
  for (double v : {999'999'999'999.99, 999'999'999'999.995, 0.005, -0.005}) {
    sum.Add(v);
  }
  EXPECT_EQ(sum.half_cents(),
            absl::int128(199'999'999'999'998) + 199'999'999'999'999);
}

TEST(ExactSumTest, StartsAtZero) {
  ExactSum sum;
  EXPECT_EQ(sum.value(), 0);
  sum.Add(ExactSum());
  EXPECT_EQ(sum.value(), 0);
  sum.Add(2.5);
  EXPECT_EQ(sum.value(), 2.5);
}

TEST(JaccardTest, KnownValues) {
  const std::vector<int32_t> a = {1, 2, 3};
  const std::vector<int32_t> b = {2, 3, 4};
  const std::vector<int32_t> c = {7, 8};
  const std::vector<int32_t> empty;
  EXPECT_EQ(Jaccard(a, b), 0.5);
  EXPECT_EQ(Jaccard(b, a), 0.5);
  EXPECT_EQ(Jaccard(a, a), 1.0);
  EXPECT_EQ(Jaccard(a, c), 0.0);
  EXPECT_EQ(Jaccard(a, empty), 0.0);
  EXPECT_EQ(Jaccard(empty, empty), 0.0);
  const std::vector<int32_t> d = {-5, 1, 3, 10, 20};
  EXPECT_DOUBLE_EQ(Jaccard(a, d), 2.0 / 6.0);
}

}  // namespace
}  // namespace compdata::engine
