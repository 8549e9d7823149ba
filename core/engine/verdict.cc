#include "core/engine/verdict.h"

#include <cmath>

namespace compdata::engine {

bool IsShareMetric(VerdictMetric m) {
  return m == VerdictMetric::kRemoteShare ||
         m == VerdictMetric::kEntryLevelShare;
}

bool IsPayMetric(VerdictMetric m) {
  return m == VerdictMetric::kMedianPay || m == VerdictMetric::kMeanPay ||
         m == VerdictMetric::kP75Pay;
}

Verdict ComputeVerdict(VerdictMetric metric,
                       const std::vector<MetricInput>& inputs) {
  Verdict v;
  v.metric = metric;
  for (int i = 0; i < static_cast<int>(inputs.size()); ++i) {
    if (!inputs[i].present) continue;
    if (v.leader < 0 || inputs[i].value > inputs[v.leader].value) {
      v.other = v.leader;
      v.leader = i;
    } else if (v.other < 0 || inputs[i].value > inputs[v.other].value) {
      v.other = i;
    }
  }
  if (v.other < 0) {
    v.leader = -1;
    return v;
  }
  v.leading_value = inputs[v.leader].value;
  v.other_value = inputs[v.other].value;
  v.absolute_difference = v.leading_value - v.other_value;
  if (v.other_value != 0) {
    v.relative_difference = v.absolute_difference / v.other_value;
  }
  double d;
  if (IsShareMetric(metric)) {
    d = v.absolute_difference;
  } else if (v.relative_difference.has_value()) {
    d = *v.relative_difference;
  } else {
    d = v.leading_value > 0 ? INFINITY : 0;  // something against nothing
  }
  const double slight = IsShareMetric(metric) ? kShareSlight : kRelativeSlight;
  const double clear = IsShareMetric(metric) ? kShareClear : kRelativeClear;
  v.outcome = d >= clear    ? VerdictOutcome::kClearLead
              : d >= slight ? VerdictOutcome::kSlightLead
                            : VerdictOutcome::kNearlyEqual;
  return v;
}

}  // namespace compdata::engine
