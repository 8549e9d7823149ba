#ifndef COMPDATA_CORE_ENGINE_STATS_H_
#define COMPDATA_CORE_ENGINE_STATS_H_

// Statistics over pay values. Pure functions, no allocation on the hot
// paths unless stated. Values are annualised amounts in currency units.

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/types/span.h"
#include "core/engine/money.h"
#include "core/engine/sorted_selection.h"

namespace compdata::engine {

// PostgreSQL percentile_cont(p / 100) over ascending `sorted`: with
// h = (n - 1) * p / 100, x[floor(h)] + (h - floor(h)) * (x[ceil(h)] -
// x[floor(h)]). p in [0, 100]; `sorted` non-empty.
double PercentileCont(absl::Span<const double> sorted, double p);

// The same over stored pay values, exact to the cent (core/engine/money.h).
Amount PercentileAmount(absl::Span<const double> sorted, double p);

// The exact sum of stored pay values, in half cents (core/engine/money.h),
// so a mean over millions of values is exact to the cent.
class ExactSum {
 public:
  void Add(double stored);
  void Add(const ExactSum& other) { half_cents_ += other.half_cents_; }
  double value() const { return static_cast<double>(half_cents_) / 200; }
  absl::int128 half_cents() const { return half_cents_; }

 private:
  absl::int128 half_cents_ = 0;
};

// Median of `with` minus median of `without` with a percentile-bootstrap
// confidence interval: `resamples` times, resample each group with
// replacement (deterministic PRNG seeded with `seed`), take the difference
// of medians; the interval is the (1-level)/2 and (1+level)/2 quantiles of
// those differences (percentile_cont). Both inputs ascending and non-empty.
// The values are stored pay values (whole half cents), so every resampled
// median is a whole number of quarter cents and the interval is exact.
struct MedianDifference {
  Amount difference;  // median(with) - median(without), point estimate
  Amount low;
  Amount high;
};
MedianDifference BootstrapMedianDifference(absl::Span<const double> with,
                                           absl::Span<const double> without,
                                           double level, int resamples,
                                           uint64_t seed);

// |a ∩ b| / |a ∪ b| for sets given as ascending unique ids; 0 when both empty.
double Jaccard(absl::Span<const int32_t> a, absl::Span<const int32_t> b);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_STATS_H_
