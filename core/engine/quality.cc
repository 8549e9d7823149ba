#include "core/engine/quality.h"

namespace compdata::engine {

Confidence ConfidenceFor(int64_t n) {
  if (n <= 0) return Confidence::kNone;
  if (n < kMediumConfidenceAt) return Confidence::kLow;
  if (n < kHighConfidenceAt) return Confidence::kMedium;
  return Confidence::kHigh;
}

Quality EvaluateQuality(int64_t postings, int64_t reports, int privacy_floor) {
  Quality q;
  q.postings = postings;
  q.reports = reports;
  q.sample_size = postings + reports;
  if (q.sample_size == 0) {
    q.suppression = Suppression::kNoData;
  } else if (reports > 0 && reports < privacy_floor) {
    q.suppression = Suppression::kBelowPrivacyFloor;
  } else {
    q.confidence = ConfidenceFor(q.sample_size);
  }
  return q;
}

}  // namespace compdata::engine
