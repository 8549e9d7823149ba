#ifndef COMPDATA_SERVER_SNAPSHOT_MANAGER_H_
#define COMPDATA_SERVER_SNAPSHOT_MANAGER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "core/engine/snapshot.h"
#include "db/change_listener.h"
#include "db/pool.h"
#include "server/log.h"
#include "server/metrics/histogram.h"

namespace compdata::server {

// What the metrics and the health service report about the snapshot.
struct SnapshotState {
  bool loaded = false;
  int64_t version = 0;
  int64_t postings = 0;
  int64_t reports = 0;
  int64_t parts = 0;
  absl::Time loaded_at = absl::InfinitePast();  // when it was published
  // How far behind the database the served snapshot may be: zero while it
  // is known to hold every committed change, else the time since a change
  // arrived that it does not hold yet (or since the database was lost).
  absl::Duration staleness = absl::ZeroDuration();
  int64_t failed_loads = 0;
};

// Owns the current snapshot. Readers take a shared_ptr and keep using it for
// the whole request; a rebuild happens on its own thread and is published
// with one pointer swap, so readers never wait for it.
class SnapshotManager {
 public:
  struct Options {
    // Changes arriving within this interval are folded into one rebuild.
    absl::Duration debounce = absl::Milliseconds(50);
    // The change listener's poll, which is also how a silently lost
    // database is noticed.
    absl::Duration poll_interval = absl::Seconds(5);
    // Told whether the database is reachable, on every connect and every
    // failure of the listener's connection.
    std::function<void(bool)> on_database;
  };

  SnapshotManager(db::ConnectionPool* pool, std::string database_url,
                  Options options);
  ~SnapshotManager();

  // Loads the first snapshot, retrying with back-off while the database is
  // unreachable (or not migrated yet), then follows changes. Returns early,
  // CANCELLED, when Stop() is called meanwhile.
  absl::Status Start();
  void Stop();

  // nullptr until the first snapshot is loaded.
  std::shared_ptr<const engine::Snapshot> Current() const;
  SnapshotState State() const;
  // State().staleness alone, without the lock: every read answer carries
  // it.
  absl::Duration Staleness() const;
  // Time to publish a snapshot, by how it was built.
  const metrics::LatencyHistogram& apply_seconds(bool full) const {
    return full ? full_seconds_ : incremental_seconds_;
  }

 private:
  void MarkDirty();
  void MarkStale();
  void OnDatabase(bool up);
  void RebuildLoop();
  // One rebuild pass: the changes since `previous` (or a full load).
  void Rebuild(std::unique_lock<std::mutex>& lock);
  void Publish(std::shared_ptr<const engine::Snapshot> next, bool full,
               absl::Duration took);

  db::ConnectionPool* const pool_;
  const Options options_;
  db::ChangeListener listener_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::shared_ptr<const engine::Snapshot> current_;
  absl::Time loaded_at_ = absl::InfinitePast();
  // Unix nanoseconds since when the snapshot may lag the database, kFresh
  // while it is known current. Written under mu_, read without it.
  static constexpr int64_t kFresh = std::numeric_limits<int64_t>::max();
  std::atomic<int64_t> stale_since_ns_{kFresh};
  bool database_up_ = true;
  int64_t failed_loads_ = 0;
  bool dirty_ = false;
  bool stopping_ = false;
  std::thread rebuilder_;
  metrics::LatencyHistogram full_seconds_{metrics::SlowLatencyBounds()};
  metrics::LatencyHistogram incremental_seconds_{metrics::SlowLatencyBounds()};
  LogRateLimiter failure_log_{1, absl::Minutes(1)};
};

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_SNAPSHOT_MANAGER_H_
