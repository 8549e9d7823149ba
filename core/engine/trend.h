#ifndef COMPDATA_CORE_ENGINE_TREND_H_
#define COMPDATA_CORE_ENGINE_TREND_H_

#include <vector>

#include "absl/time/civil_time.h"
#include "core/engine/money.h"
#include "core/engine/pay_sample.h"
#include "core/engine/quality.h"

namespace compdata::engine {

struct MonthStats {
  absl::CivilMonth month;
  Quality quality;
  Amount median;  // meaningful when !quality.withheld()
  Amount p25;
  Amount p75;
};

// Per calendar month (UTC) from `first` to `last` inclusive, from values
// ascending by pay; months without data have NO_DATA.
std::vector<MonthStats> ComputeTrend(const std::vector<DatedValue>& values,
                                     absl::CivilMonth first,
                                     absl::CivilMonth last, int privacy_floor);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_TREND_H_
