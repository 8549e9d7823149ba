#include "core/engine/trend.h"

#include "absl/time/time.h"

namespace compdata::engine {

std::vector<MonthStats> ComputeTrend(const std::vector<DatedValue>& values,
                                     absl::CivilMonth first,
                                     absl::CivilMonth last, int privacy_floor) {
  const int64_t months = (last - first) + 1;
  std::vector<std::vector<double>> buckets(months);
  std::vector<int64_t> reports(months, 0);
  for (const DatedValue& v : values) {
    const absl::CivilMonth m =
        absl::ToCivilMonth(absl::FromUnixMicros(v.date), absl::UTCTimeZone());
    const int64_t i = m - first;
    if (i < 0 || i >= months) continue;
    buckets[i].push_back(v.value);  // stays ascending: input is ascending
    reports[i] += v.report;
  }
  std::vector<MonthStats> out;
  for (int64_t i = 0; i < months; ++i) {
    MonthStats m;
    m.month = first + i;
    const int64_t n = static_cast<int64_t>(buckets[i].size());
    m.quality = EvaluateQuality(n - reports[i], reports[i], privacy_floor);
    if (!m.quality.withheld()) {
      m.median = PercentileAmount(buckets[i], 50);
      m.p25 = PercentileAmount(buckets[i], 25);
      m.p75 = PercentileAmount(buckets[i], 75);
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace compdata::engine
