#ifndef COMPDATA_SERVER_METRICS_PROCESS_METRICS_H_
#define COMPDATA_SERVER_METRICS_PROCESS_METRICS_H_

// The standard process_* metrics of the Prometheus client libraries, read
// from /proc/self at scrape time: process_cpu_seconds_total,
// process_resident_memory_bytes, process_virtual_memory_bytes,
// process_open_fds, process_max_fds, process_start_time_seconds, and
// process_threads.

#include "server/metrics/family.h"

namespace compdata::server::metrics {

void CollectProcessMetrics(Families* out);

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_PROCESS_METRICS_H_
