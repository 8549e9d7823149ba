#ifndef COMPDATA_BENCH_QUERY_FRESHNESS_PROBE_H_
#define COMPDATA_BENCH_QUERY_FRESHNESS_PROBE_H_

// Watches a running server while data is written: how long after a commit
// its answers include it, and what the server costs meanwhile.

#include <sys/types.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "client/client.h"

namespace compdata::bench {

// utime + stime of a process, from /proc/<pid>/stat.
double CpuSeconds(pid_t pid);

class FreshnessProbe {
 public:
  // Samples every `interval`: the data version committed in the database
  // (data_state), the version the server answers from (ListRoles metadata),
  // and the server's RSS.
  FreshnessProbe(std::string database_url, const Client* client, pid_t pid,
                 absl::Duration interval);
  ~FreshnessProbe();

  void Start();
  void Stop();

  // Per committed version the probe saw (except those committed before
  // Start): seconds from the sample that first saw it committed to the one
  // that first saw the server answer from it or a later version. A sample
  // sees a commit up to `interval` late, so this errs by that much low.
  std::vector<double> Lags() const;
  int64_t peak_rss_bytes() const { return peak_rss_; }
  int64_t samples() const { return samples_; }

 private:
  void Loop();

  const std::string url_;
  const Client* const client_;
  const pid_t pid_;
  const absl::Duration interval_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  int64_t first_version_ = -1;
  std::map<int64_t, absl::Time> committed_;  // version -> first seen
  std::map<int64_t, absl::Time> served_;     // version -> first seen
  int64_t peak_rss_ = 0;
  int64_t samples_ = 0;
};

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_FRESHNESS_PROBE_H_
