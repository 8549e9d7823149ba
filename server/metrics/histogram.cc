#include "server/metrics/histogram.h"

#include <cmath>
#include <limits>

namespace compdata::server::metrics {

LatencyHistogram::LatencyHistogram(const std::vector<double>& bounds_seconds)
    : bounds_seconds_(bounds_seconds),
      counts_(new std::atomic<uint64_t>[bounds_seconds.size() + 1]) {
  for (size_t i = 0; i <= bounds_seconds.size(); ++i) counts_[i] = 0;
  for (double b : bounds_seconds) {
    bounds_ns_.push_back(static_cast<int64_t>(std::llround(b * 1e9)));
  }
}

prometheus::ClientMetric::Histogram LatencyHistogram::Read() const {
  prometheus::ClientMetric::Histogram h;
  uint64_t cumulative = 0;
  for (size_t i = 0; i <= bounds_seconds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    h.bucket.push_back(prometheus::ClientMetric::Bucket{
        cumulative, i < bounds_seconds_.size()
                        ? bounds_seconds_[i]
                        : std::numeric_limits<double>::infinity()});
  }
  h.sample_count = cumulative;
  h.sample_sum =
      static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return h;
}

const std::vector<double>& RpcLatencyBounds() {
  static const std::vector<double> bounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
      0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};
  return bounds;
}

const std::vector<double>& SlowLatencyBounds() {
  static const std::vector<double> bounds = {
      0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  return bounds;
}

}  // namespace compdata::server::metrics
