#ifndef COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_
#define COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_

// The arithmetic of percentile_cont shared by every percentile in the
// engine (one array, several arrays, bootstrap resamples).

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

namespace compdata::engine {

// Where percentile p falls among n sorted values, computed exactly as
// PostgreSQL's percentile_cont does for float8: with q = p / 100 (the
// float8 argument), h = q * (n - 1), first row floor(h), proportion
// h - floor(h).
struct Rank {
  int64_t first = 0;
  double frac = 0;  // 0 when h is an integer: no second row is read.
};

inline Rank RankOf(int64_t n, double p) {
  assert(n > 0);
  assert(p >= 0 && p <= 100);
  // Out-of-range (or NaN) percentiles are clamped rather than left undefined.
  if (!(p >= 0)) p = 0;
  if (!(p <= 100)) p = 100;
  const double h = (p / 100) * static_cast<double>(n - 1);
  const double first = std::floor(h);
  Rank rank;
  rank.first = std::min(static_cast<int64_t>(first), n - 1);
  rank.frac = h - first;
  if (rank.first == n - 1) rank.frac = 0;
  return rank;
}

// PostgreSQL's float8_lerp: lo + pct * (hi - lo).
inline double Interpolate(double lo, double hi, double frac) {
  return lo + frac * (hi - lo);
}

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PERCENTILE_RANK_H_
