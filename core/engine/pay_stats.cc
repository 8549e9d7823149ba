#include "core/engine/pay_stats.h"

namespace compdata::engine {

PayStats ComputePayStats(const PaySample& sample,
                         const std::vector<double>& percentiles,
                         int privacy_floor) {
  PayStats stats;
  stats.quality =
      EvaluateQuality(sample.postings, sample.reports, privacy_floor);
  if (stats.quality.withheld()) return stats;
  stats.percentiles.reserve(percentiles.size());
  for (double p : percentiles)
    stats.percentiles.push_back(sample.Percentile(p));
  stats.mean = sample.Mean();
  stats.min = sample.Min();
  stats.max = sample.Max();
  return stats;
}

}  // namespace compdata::engine
