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

// Draws over the shared xoshiro256** (common/rng.h). They use log, exp and
// sqrt, so a seed gives the same resamples wherever the math library is the
// same (every replica runs one image).
class Draws {
 public:
  explicit Draws(uint64_t seed) : gen_(seed) {}

  // Uniform on (0, 1): never 0, so its log is finite.
  double Open01() {
    return (static_cast<double>(gen_.Next() >> 11) + 0.5) *
           (1.0 / 9007199254740992.0);
  }

  // Standard normal: Marsaglia's polar method, the second value kept.
  double Normal() {
    if (has_normal_) {
      has_normal_ = false;
      return normal_;
    }
    double u, v, r;
    do {
      u = 2 * Open01() - 1;
      v = 2 * Open01() - 1;
      r = u * u + v * v;
    } while (r >= 1);
    const double scale = std::sqrt(-2 * std::log(r) / r);
    normal_ = v * scale;
    has_normal_ = true;
    return u * scale;
  }

  // Gamma(a, 1) for a >= 1: Marsaglia and Tsang (2000), squeeze first.
  double Gamma(double a) {
    const double d = a - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    while (true) {
      double x, v;
      do {
        x = Normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = Open01();
      if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }

  // Beta(a, b) for a, b >= 1.
  double Beta(double a, double b) {
    const double x = Gamma(a);
    return x / (x + Gamma(b));
  }

 private:
  Xoshiro256 gen_;
  double normal_ = 0;
  bool has_normal_ = false;
};

// A median of stored values (whole half cents) in quarter cents, exactly:
// its fraction is 0 (the row itself) or 1/2 (the mean of two rows).
int64_t MedianQuarterCents(double lo, double hi, const Rank& median) {
  const int64_t a = HalfCents(lo);
  return median.rem == 0 ? 2 * a : a + HalfCents(hi);
}

// The median of one resample (with replacement) of `sorted`, in quarter
// cents, drawn from the order statistics of n uniforms on [0, 1) instead of
// making the n draws: the k-th smallest (0-based) is Beta(k + 1, n - k), and
// given it the next is the smallest of the n - k - 1 uniforms above it.
// floor(n u) maps them onto indexes in order, so the values read have
// exactly the distribution a full resample gives, at O(1) cost instead of
// O(n). `rank` is the median's: its fraction is 0 or 1/2.
int64_t ResampledMedian(absl::Span<const double> sorted, const Rank& rank,
                        Draws& rng) {
  const size_t n = sorted.size();
  const double dn = static_cast<double>(n);
  const double k = static_cast<double>(rank.first);
  const auto index = [&](double u) {
    return std::min(n - 1, static_cast<size_t>(u * dn));
  };
  const double first = rng.Beta(k + 1, dn - k);
  const double lo = sorted[index(first)];
  if (rank.rem == 0) return MedianQuarterCents(lo, lo, rank);
  // A fraction only below the last position, so n - k - 1 >= 1.
  const double gap = -std::expm1(std::log(rng.Open01()) / (dn - k - 1));
  return MedianQuarterCents(lo, sorted[index(first + (1 - first) * gap)], rank);
}

// percentile_cont at p of ascending quarter cents, exactly.
Amount QuarterCentsPercentile(const std::vector<int64_t>& sorted, double p) {
  const Rank rank = RankOf(static_cast<int64_t>(sorted.size()), p);
  const int64_t lo = sorted[rank.first];
  return InterpolatedUnits(lo, rank.rem == 0 ? lo : sorted[rank.first + 1],
                           rank, 4);
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

Amount PercentileAmount(absl::Span<const double> sorted, double p) {
  assert(!sorted.empty());
  const Rank rank = RankOf(static_cast<int64_t>(sorted.size()), p);
  const double lo = sorted[rank.first];
  return InterpolatedAmount(lo, rank.rem == 0 ? lo : sorted[rank.first + 1],
                            rank);
}

void ExactSum::Add(double stored) { half_cents_ += HalfCents(stored); }

MedianDifference BootstrapMedianDifference(absl::Span<const double> with,
                                           absl::Span<const double> without,
                                           double level, int resamples,
                                           uint64_t seed) {
  assert(!with.empty() && !without.empty());
  MedianDifference result;
  if (with.empty() || without.empty()) return result;
  const Rank with_rank = RankOf(static_cast<int64_t>(with.size()), 50);
  const Rank without_rank = RankOf(static_cast<int64_t>(without.size()), 50);
  const auto quarter_cents = [](absl::Span<const double> v, const Rank& r) {
    return MedianQuarterCents(v[r.first], v[r.first + (r.rem != 0)], r);
  };
  result.difference = AmountOf(
      quarter_cents(with, with_rank) - quarter_cents(without, without_rank), 1,
      4);
  result.low = result.high = result.difference;
  if (resamples <= 0) return result;

  Draws rng(seed);
  std::vector<int64_t> differences(resamples);
  for (int64_t& difference : differences) {
    const int64_t with_median = ResampledMedian(with, with_rank, rng);
    difference = with_median - ResampledMedian(without, without_rank, rng);
  }
  std::sort(differences.begin(), differences.end());
  level = std::clamp(level, 0.0, 1.0);
  result.low = QuarterCentsPercentile(differences, (1 - level) / 2 * 100);
  result.high = QuarterCentsPercentile(differences, (1 + level) / 2 * 100);
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
