#ifndef COMPDATA_CORE_ENGINE_VERDICT_H_
#define COMPDATA_CORE_ENGINE_VERDICT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compdata::engine {

// Mirrors the API's VerdictMetric and VerdictOutcome numbering.
enum class VerdictMetric {
  kMedianPay = 1,
  kMeanPay = 2,
  kP75Pay = 3,
  kOpenPositions = 4,
  kRemoteShare = 5,
  kEntryLevelShare = 6
};
inline constexpr VerdictMetric kVerdictMetrics[] = {
    VerdictMetric::kMedianPay,   VerdictMetric::kMeanPay,
    VerdictMetric::kP75Pay,      VerdictMetric::kOpenPositions,
    VerdictMetric::kRemoteShare, VerdictMetric::kEntryLevelShare};

// Outcome thresholds, published with VerdictOutcome in
// compensation_service.proto: pay and counts by relative difference, shares
// by absolute difference.
inline constexpr double kRelativeSlight = 0.03;
inline constexpr double kRelativeClear = 0.10;
inline constexpr double kShareSlight = 0.02;
inline constexpr double kShareClear = 0.05;

enum class VerdictOutcome {
  kNearlyEqual = 1,
  kSlightLead = 2,
  kClearLead = 3,
  kInsufficientData = 4
};

// One role's value of a metric; absent when withheld or without data.
struct MetricInput {
  bool present = false;
  double value = 0;
  int64_t sample_size = 0;
};

struct Verdict {
  VerdictMetric metric = VerdictMetric::kMedianPay;
  VerdictOutcome outcome = VerdictOutcome::kInsufficientData;
  int leader = -1;  // index into the inputs
  int other = -1;   // the runner-up
  double leading_value = 0;
  double other_value = 0;
  double absolute_difference = 0;
  std::optional<double> relative_difference;
};

bool IsShareMetric(VerdictMetric metric);
bool IsPayMetric(VerdictMetric metric);

// Leader = highest value (ties: lower index), runner-up = second highest;
// thresholds as published with VerdictOutcome.
Verdict ComputeVerdict(VerdictMetric metric,
                       const std::vector<MetricInput>& inputs);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_VERDICT_H_
