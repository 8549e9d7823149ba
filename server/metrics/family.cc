#include "server/metrics/family.h"

#include <iterator>

namespace compdata::server::metrics {

prometheus::MetricFamily& AddFamily(Families* out, std::string name,
                                    std::string help,
                                    prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  out->push_back(std::move(family));
  return out->back();
}

void AddSample(prometheus::MetricFamily& family, double value, Labels labels) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  if (family.type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
}

void AddHistogram(prometheus::MetricFamily& family,
                  prometheus::ClientMetric::Histogram histogram,
                  Labels labels) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  metric.histogram = std::move(histogram);
  family.metric.push_back(std::move(metric));
}

void ScrapeCollector::Add(Producer producer) {
  std::lock_guard<std::mutex> lock(mu_);
  producers_.push_back(std::move(producer));
}

std::vector<prometheus::MetricFamily> ScrapeCollector::Collect() const {
  std::lock_guard<std::mutex> lock(mu_);
  Families out;
  for (const Producer& producer : producers_) producer(&out);
  return std::vector<prometheus::MetricFamily>(
      std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
}

}  // namespace compdata::server::metrics
