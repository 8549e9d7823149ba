#ifndef COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_
#define COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_

// The arithmetic of percentile_cont shared by every percentile in the
// engine (one array, several arrays, bootstrap resamples), with the exact
// fraction money is rounded from (core/engine/money.h).

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

#include "absl/numeric/int128.h"

namespace compdata::engine {

// h = (n - 1) p / 100 is computed exactly, from p's exact binary value
// (read to 2^-64: every percentile with fewer fractional bits, such as any
// integer or .5 or .25, is exact), as the fraction
// ((n - 1) p 2^64) / (100 2^64). For p = 10 that is exactly a tenth of
// (n - 1), where p / 100 in float8 (as PostgreSQL computes it) is a little
// more than 0.1: the two agree on the row and differ in the fraction by
// less than 1e-15.
inline constexpr absl::uint128 kRankDenominator = absl::MakeUint128(100, 0);

// Where percentile p falls among n sorted values: first row floor(h),
// fraction h - floor(h) = rem / kRankDenominator (frac approximates it).
struct Rank {
  int64_t first = 0;
  double frac = 0;  // 0 when h is an integer: no second row is read.
  absl::uint128 rem = 0;
};

inline Rank RankOf(int64_t n, double p) {
  assert(n > 0);
  assert(p >= 0 && p <= 100);
  // Out-of-range (or NaN) percentiles are clamped rather than left undefined.
  if (!(p >= 0)) p = 0;
  if (!(p <= 100)) p = 100;
  const absl::uint128 scaled(std::nearbyint(std::ldexp(p, 64)));
  const absl::uint128 h = scaled * static_cast<uint64_t>(n - 1);
  Rank rank;
  rank.first = static_cast<int64_t>(h / kRankDenominator);
  rank.rem = h % kRankDenominator;
  if (rank.first >= n - 1) {
    rank.first = n - 1;
    rank.rem = 0;
  }
  rank.frac =
      static_cast<double>(rank.rem) / static_cast<double>(kRankDenominator);
  return rank;
}

// PostgreSQL's float8_lerp: lo + pct * (hi - lo).
inline double Interpolate(double lo, double hi, double frac) {
  return lo + frac * (hi - lo);
}

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_
