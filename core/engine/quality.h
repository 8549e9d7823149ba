#ifndef COMPDATA_CORE_ENGINE_QUALITY_H_
#define COMPDATA_CORE_ENGINE_QUALITY_H_

#include <cstdint>

namespace compdata::engine {

// Mirrors the API's ConfidenceLevel and SuppressionReason numbering.
enum class Confidence { kNone = 0, kLow = 1, kMedium = 2, kHigh = 3 };
enum class Suppression {
  kNone = 0,
  kBelowPrivacyFloor = 1,
  kNoData = 2,
  kBelowMinSample = 3
};

// Mirrors the API's PrivacyProtection numbering (D10).
enum class Protection { kUnspecified = 0, kExact = 1, kBanded = 2 };

// Published thresholds (ConfidenceLevel in common.proto).
inline constexpr int64_t kMediumConfidenceAt = 30;
inline constexpr int64_t kHighConfidenceAt = 100;

struct Quality {
  int64_t sample_size = 0;
  int64_t postings = 0;
  int64_t reports = 0;
  Confidence confidence = Confidence::kNone;
  Suppression suppression = Suppression::kNone;
  bool withheld() const { return suppression != Suppression::kNone; }
  // Postings are public adverts and enter exactly; self-reported pay always
  // enters banded (core/engine/privacy.h).
  Protection protection() const {
    if (sample_size == 0) return Protection::kUnspecified;
    return reports > 0 ? Protection::kBanded : Protection::kExact;
  }
};

Confidence ConfidenceFor(int64_t n);

// D6/D7: no sample -> NO_DATA; 1..floor-1 self-reported records in the
// sample -> withheld whatever the number of postings beside them.
Quality EvaluateQuality(int64_t postings, int64_t reports, int privacy_floor);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_QUALITY_H_
