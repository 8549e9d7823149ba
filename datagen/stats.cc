#include "datagen/stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace compdata::datagen {

double PercentileContSorted(const std::vector<double>& x, double p) {
  if (x.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(x.size() - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = static_cast<size_t>(std::ceil(h));
  return x[lo] + (h - std::floor(h)) * (x[hi] - x[lo]);
}

double PercentileCont(std::vector<double>& values, double p) {
  std::sort(values.begin(), values.end());
  return PercentileContSorted(values, p);
}

double Mean(const std::vector<double>& values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace compdata::datagen
