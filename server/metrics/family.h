#ifndef COMPDATA_SERVER_METRICS_FAMILY_H_
#define COMPDATA_SERVER_METRICS_FAMILY_H_

// Metrics here are read at scrape time from the counters the code keeps
// anyway (plain atomics, snapshot and pool state): the hot paths pay one
// relaxed add and never look up a label set.

#include <deque>
#include <functional>
#include <initializer_list>
#include <mutex>
#include <string>
#include <vector>

#include "prometheus/collectable.h"
#include "prometheus/metric_family.h"

namespace compdata::server::metrics {

// A deque: AddFamily hands out references that later additions must not
// move.
using Families = std::deque<prometheus::MetricFamily>;
using Labels = std::vector<prometheus::ClientMetric::Label>;

prometheus::MetricFamily& AddFamily(Families* out, std::string name,
                                    std::string help,
                                    prometheus::MetricType type);
// One sample of a counter or gauge family (by the family's type).
void AddSample(prometheus::MetricFamily& family, double value,
               Labels labels = {});
// One sample of a histogram family.
void AddHistogram(prometheus::MetricFamily& family,
                  prometheus::ClientMetric::Histogram histogram,
                  Labels labels = {});

// The /metrics endpoint's content: every producer appends its families.
class ScrapeCollector final : public prometheus::Collectable {
 public:
  using Producer = std::function<void(Families*)>;

  void Add(Producer producer);
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  mutable std::mutex mu_;
  std::vector<Producer> producers_;
};

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_FAMILY_H_
