#ifndef COMPDATA_SERVER_METRICS_HISTOGRAM_H_
#define COMPDATA_SERVER_METRICS_HISTOGRAM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "absl/time/time.h"
#include "prometheus/client_metric.h"

namespace compdata::server::metrics {

// A latency histogram any thread may Observe into without a lock: one
// relaxed add on a bucket, one on the count's bucket sum in nanoseconds
// (exact, unlike a double sum under a compare-and-swap loop).
class LatencyHistogram {
 public:
  // Upper bounds in seconds, increasing; +Inf is implied.
  explicit LatencyHistogram(const std::vector<double>& bounds_seconds);

  void Observe(absl::Duration d) {
    const int64_t ns = absl::ToInt64Nanoseconds(d);
    size_t i = 0;
    while (i < bounds_ns_.size() && ns > bounds_ns_[i]) ++i;
    counts_[i].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(ns > 0 ? static_cast<uint64_t>(ns) : 0,
                      std::memory_order_relaxed);
  }

  // Cumulative buckets, as the exposition format wants them.
  prometheus::ClientMetric::Histogram Read() const;

 private:
  std::vector<int64_t> bounds_ns_;
  std::vector<double> bounds_seconds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<uint64_t> sum_ns_{0};
};

// Buckets for RPC handling time: reads answer in tens of microseconds,
// ingest batches and snapshot loads take seconds.
const std::vector<double>& RpcLatencyBounds();
// Buckets for snapshot applies and pool waits.
const std::vector<double>& SlowLatencyBounds();

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_HISTOGRAM_H_
