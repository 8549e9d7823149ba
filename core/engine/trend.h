#ifndef COMPDATA_CORE_ENGINE_TREND_H_
#define COMPDATA_CORE_ENGINE_TREND_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "core/engine/pay_sample.h"
#include "core/engine/quality.h"

namespace compdata::engine {

struct MonthStats {
  absl::CivilMonth month;
  Quality quality;
  double median = 0;  // meaningful when !quality.withheld()
  double p25 = 0;
  double p75 = 0;
};

// Per calendar month (UTC) from `first` to `last` inclusive, from values
// ascending by pay; months without data have NO_DATA.
std::vector<MonthStats> ComputeTrend(const std::vector<DatedValue>& values,
                                     absl::CivilMonth first,
                                     absl::CivilMonth last, int privacy_floor);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_TREND_H_
