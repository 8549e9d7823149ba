#ifndef COMPDATA_CORE_ENGINE_SORTED_SELECTION_H_
#define COMPDATA_CORE_ENGINE_SORTED_SELECTION_H_

#include <cstdint>
#include <utility>

#include "absl/types/span.h"
#include "core/engine/percentile_rank.h"

namespace compdata::engine {

// The k-th smallest value (0-based) of the union of ascending arrays,
// without merging them: O(m log^2 n) for m arrays of n values. k < total.
double KthOfSorted(absl::Span<const absl::Span<const double>> arrays,
                   int64_t k);

// The values at positions rank.first and rank.first + 1 (both the first
// when rank.rem == 0) of the union of ascending arrays.
std::pair<double, double> NeighboursOfSorted(
    absl::Span<const absl::Span<const double>> arrays, const Rank& rank);

int64_t TotalSize(absl::Span<const absl::Span<const double>> arrays);

// percentile_cont over the union of ascending arrays (same definition as
// PercentileCont on the merged array). Total size > 0.
double PercentileContOfSorted(absl::Span<const absl::Span<const double>> arrays,
                              double p);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_SORTED_SELECTION_H_
