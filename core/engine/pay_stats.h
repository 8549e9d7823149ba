#ifndef COMPDATA_CORE_ENGINE_PAY_STATS_H_
#define COMPDATA_CORE_ENGINE_PAY_STATS_H_

#include <vector>

#include "core/engine/pay_sample.h"
#include "core/engine/quality.h"

namespace compdata::engine {

// The figures of one pay sample. Value fields are meaningful only when the
// quality is not withheld.
struct PayStats {
  Quality quality;
  std::vector<Amount> percentiles;  // in the order requested
  Amount mean;
  Amount min;
  Amount max;
};

PayStats ComputePayStats(const PaySample& sample,
                         const std::vector<double>& percentiles,
                         int privacy_floor);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PAY_STATS_H_
