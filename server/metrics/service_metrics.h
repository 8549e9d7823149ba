#ifndef COMPDATA_SERVER_METRICS_SERVICE_METRICS_H_
#define COMPDATA_SERVER_METRICS_SERVICE_METRICS_H_

// compdata's own metrics (the README lists every one): snapshot, database
// and pool, ingest, caches, withheld statistics, build.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "db/pool.h"
#include "server/api/lru_cache.h"
#include "server/metrics/family.h"
#include "server/metrics/histogram.h"
#include "server/serving_state.h"
#include "server/snapshot_manager.h"

namespace compdata::server::metrics {

using NamedCacheStats = std::vector<std::pair<std::string, api::CacheStats>>;

struct ServiceSources {
  const SnapshotManager* snapshots = nullptr;
  const db::ConnectionPool* pool = nullptr;
  const LatencyHistogram* pool_wait = nullptr;
  const ServingState* serving = nullptr;
  std::function<NamedCacheStats()> caches;
  std::string version;  // the build's, for compdata_build_info
};

// Adds producers that read `sources` at every scrape; they must outlive the
// collector's use.
void AddServiceMetrics(ServiceSources sources, ScrapeCollector* collector);

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_SERVICE_METRICS_H_
