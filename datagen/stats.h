// Order statistics as PostgreSQL computes them.

#ifndef COMPDATA_DATAGEN_STATS_H_
#define COMPDATA_DATAGEN_STATS_H_

#include <vector>

namespace compdata::datagen {

// percentile_cont(p) of `values` (sorted in place): with h = (n - 1) * p,
// x[floor(h)] + (h - floor(h)) * (x[ceil(h)] - x[floor(h)]). NaN when empty.
double PercentileCont(std::vector<double>& values, double p);

// Percentile of values already sorted ascending.
double PercentileContSorted(const std::vector<double>& sorted, double p);

double Mean(const std::vector<double>& values);  // NaN when empty

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_STATS_H_
