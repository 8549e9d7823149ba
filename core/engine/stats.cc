#include "core/engine/stats.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/types/span.h"
#include "common/rng.h"
#include "core/engine/percentile_rank.h"

namespace compdata::engine {
namespace {

// Bounded draws over the shared xoshiro256** (common/rng.h): a seed gives
// the same resamples on every platform.
class Draws {
 public:
  explicit Draws(uint64_t seed) : gen_(seed) {}

  // 32 random bits: the two halves of Next() in turn.
  uint32_t Next32() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const uint64_t x = gen_.Next();
    spare_ = static_cast<uint32_t>(x);
    has_spare_ = true;
    return static_cast<uint32_t>(x >> 32);
  }

  // Uniform in [0, n), n > 0: Lemire's multiply-shift with rejection, so
  // without modulo bias.
  uint64_t Uniform(uint64_t n) {
    assert(n > 0);
    if (n <= std::numeric_limits<uint32_t>::max()) {
      const uint32_t range = static_cast<uint32_t>(n);
      uint64_t m = uint64_t{Next32()} * range;
      uint32_t low = static_cast<uint32_t>(m);
      if (low < range) {
        const uint32_t threshold = (0u - range) % range;
        while (low < threshold) {
          m = uint64_t{Next32()} * range;
          low = static_cast<uint32_t>(m);
        }
      }
      return m >> 32;
    }
    // Wider ranges (not expected for pay samples): rejection on modulo.
    const uint64_t limit = std::numeric_limits<uint64_t>::max() -
                           std::numeric_limits<uint64_t>::max() % n;
    uint64_t x = gen_.Next();
    while (x >= limit) x = gen_.Next();
    return x % n;
  }

 private:
  Xoshiro256 gen_;
  uint32_t spare_ = 0;
  bool has_spare_ = false;
};

// Resamples `sorted` with replacement and returns the resample's
// percentile_cont at `rank`. Draws how often each index is picked instead of
// the values themselves: as `sorted` is ascending, walking the counts in
// index order visits the resample in ascending order, so no sort is needed.
// `counts` is scratch of sorted.size().
double ResampledPercentile(absl::Span<const double> sorted, const Rank& rank,
                           Draws& rng, std::vector<uint32_t>& counts) {
  const size_t n = sorted.size();
  std::fill(counts.begin(), counts.end(), 0);
  for (size_t i = 0; i < n; ++i) ++counts[rng.Uniform(n)];
  // Index holding resample position rank.first, then position first + 1.
  size_t i = 0;
  uint64_t seen = counts[0];  // Resample positions [0, seen) are at <= i.
  while (seen <= static_cast<uint64_t>(rank.first)) seen += counts[++i];
  const double lo = sorted[i];
  if (rank.frac == 0) return lo;
  while (seen <= static_cast<uint64_t>(rank.first) + 1) seen += counts[++i];
  return Interpolate(lo, sorted[i], rank.frac);
}

}  // namespace

double PercentileCont(absl::Span<const double> sorted, double p) {
  assert(!sorted.empty());
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const Rank rank = RankOf(static_cast<int64_t>(sorted.size()), p);
  const double lo = sorted[rank.first];
  if (rank.frac == 0) return lo;
  return Interpolate(lo, sorted[rank.first + 1], rank.frac);
}

void ExactSum::Add(double v) {
  const double t = sum_ + v;
  if (!std::isfinite(t)) {
    // Infinities and NaN: the compensation would only turn into NaN.
    sum_ = t;
    return;
  }
  if (std::abs(sum_) >= std::abs(v)) {
    compensation_ += (sum_ - t) + v;
  } else {
    compensation_ += (v - t) + sum_;
  }
  sum_ = t;
}

void ExactSum::Add(const ExactSum& other) {
  Add(other.sum_);
  Add(other.compensation_);
}

MedianDifference BootstrapMedianDifference(absl::Span<const double> with,
                                           absl::Span<const double> without,
                                           double level, int resamples,
                                           uint64_t seed) {
  assert(!with.empty() && !without.empty());
  MedianDifference result;
  if (with.empty() || without.empty()) {
    result.difference = result.low = result.high =
        std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  result.difference = PercentileCont(with, 50) - PercentileCont(without, 50);
  result.low = result.high = result.difference;
  if (resamples <= 0) return result;

  const Rank with_rank = RankOf(static_cast<int64_t>(with.size()), 50);
  const Rank without_rank = RankOf(static_cast<int64_t>(without.size()), 50);
  Draws rng(seed);
  std::vector<uint32_t> with_counts(with.size());
  std::vector<uint32_t> without_counts(without.size());
  std::vector<double> differences(resamples);
  for (double& difference : differences) {
    const double with_median =
        ResampledPercentile(with, with_rank, rng, with_counts);
    const double without_median =
        ResampledPercentile(without, without_rank, rng, without_counts);
    difference = with_median - without_median;
  }
  std::sort(differences.begin(), differences.end());
  level = std::clamp(level, 0.0, 1.0);
  result.low = PercentileCont(differences, (1 - level) / 2 * 100);
  result.high = PercentileCont(differences, (1 + level) / 2 * 100);
  return result;
}

double Jaccard(absl::Span<const int32_t> a, absl::Span<const int32_t> b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0;
  size_t j = 0;
  size_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

}  // namespace compdata::engine
