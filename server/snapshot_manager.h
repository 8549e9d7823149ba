#ifndef COMPDATA_SERVER_SNAPSHOT_MANAGER_H_
#define COMPDATA_SERVER_SNAPSHOT_MANAGER_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "core/engine/snapshot.h"
#include "db/change_listener.h"
#include "db/pool.h"

namespace compdata::server {

// Owns the current snapshot. Readers take a shared_ptr and keep using it for
// the whole request; a rebuild happens on its own thread and is published
// with one pointer swap, so readers never wait for it.
class SnapshotManager {
 public:
  struct Options {
    // Changes arriving within this interval are folded into one rebuild.
    absl::Duration debounce = absl::Milliseconds(50);
    absl::Duration poll_interval = absl::Seconds(30);
  };

  SnapshotManager(db::ConnectionPool* pool, std::string database_url,
                  Options options);
  ~SnapshotManager();

  // Loads the first snapshot (blocking), then follows changes.
  absl::Status Start();
  void Stop();

  std::shared_ptr<const engine::Snapshot> Current() const;

 private:
  void MarkDirty();
  void RebuildLoop();

  db::ConnectionPool* const pool_;
  const Options options_;
  db::ChangeListener listener_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::shared_ptr<const engine::Snapshot> current_;
  bool dirty_ = false;
  bool stopping_ = false;
  std::thread rebuilder_;
};

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_SNAPSHOT_MANAGER_H_
