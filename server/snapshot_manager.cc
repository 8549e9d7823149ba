#include "server/snapshot_manager.h"

#include <malloc.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "db/change_loader.h"
#include "db/data_version.h"
#include "db/snapshot_loader.h"

namespace compdata::server {

SnapshotManager::SnapshotManager(db::ConnectionPool* pool,
                                 std::string database_url, Options options)
    : pool_(pool),
      options_(std::move(options)),
      listener_(
          std::move(database_url), options_.poll_interval,
          [this] { MarkDirty(); }, [this](bool up) { OnDatabase(up); }) {}

SnapshotManager::~SnapshotManager() { Stop(); }

absl::Status SnapshotManager::Start() {
  // The listener first: it reports the database's health while the first
  // load waits for it.
  listener_.Start();
  absl::Duration backoff = absl::Milliseconds(100);
  while (true) {
    const absl::Time start = absl::Now();
    auto first = db::LoadSnapshot(*pool_);
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_) return absl::CancelledError("stopped before loading");
    if (first.ok()) {
      lock.unlock();
      Publish(*std::move(first), /*full=*/true, absl::Now() - start);
      break;
    }
    ++failed_loads_;
    int64_t suppressed = 0;
    if (failure_log_.Allow("first load", absl::Now(), &suppressed)) {
      Log(LogLevel::kWarning, "cannot load the first snapshot yet; retrying",
          {{"error", first.status().ToString()}, {"suppressed", suppressed}});
    }
    wake_.wait_for(lock, absl::ToChronoNanoseconds(backoff),
                   [&] { return stopping_; });
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
  malloc_trim(0);  // the loader's transient buffers
  rebuilder_ = std::thread([this] { RebuildLoop(); });
  return absl::OkStatus();
}

void SnapshotManager::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    wake_.notify_all();
  }
  listener_.Stop();
  if (rebuilder_.joinable()) rebuilder_.join();
}

std::shared_ptr<const engine::Snapshot> SnapshotManager::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

SnapshotState SnapshotManager::State() const {
  std::lock_guard<std::mutex> lock(mu_);
  SnapshotState state;
  state.failed_loads = failed_loads_;
  if (current_ == nullptr) return state;
  state.loaded = true;
  state.version = current_->version.version;
  state.postings = current_->posting_count();
  state.reports = current_->report_count();
  state.parts = static_cast<int64_t>(current_->parts.size());
  state.loaded_at = loaded_at_;
  state.staleness = Staleness();
  return state;
}

absl::Duration SnapshotManager::Staleness() const {
  const int64_t since = stale_since_ns_.load(std::memory_order_relaxed);
  if (since == kFresh) return absl::ZeroDuration();
  return std::max(absl::ZeroDuration(),
                  absl::Now() - absl::FromUnixNanos(since));
}

void SnapshotManager::MarkStale() {
  if (stale_since_ns_.load() == kFresh) {
    stale_since_ns_ = absl::ToUnixNanos(absl::Now());
  }
}

void SnapshotManager::MarkDirty() {
  std::lock_guard<std::mutex> lock(mu_);
  MarkStale();
  dirty_ = true;
  wake_.notify_all();
}

void SnapshotManager::OnDatabase(bool up) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Nothing says the data is current while the database cannot be read;
    // the reconnect marks the snapshot dirty, and the rebuild that follows
    // clears this.
    if (!up) MarkStale();
    database_up_ = up;
  }
  if (options_.on_database) options_.on_database(up);
}

void SnapshotManager::Publish(std::shared_ptr<const engine::Snapshot> next,
                              bool full, absl::Duration took) {
  (full ? full_seconds_ : incremental_seconds_).Observe(took);
  std::lock_guard<std::mutex> lock(mu_);
  // Versions only grow; a load that began before a newer one finished
  // must not replace it.
  if (current_ != nullptr &&
      next->version.version <= current_->version.version) {
    return;
  }
  current_ = std::move(next);
  loaded_at_ = absl::Now();
  Log(LogLevel::kInfo, full ? "snapshot loaded" : "snapshot applied",
      {{"version", current_->version.version},
       {"seconds", took},
       {"postings", static_cast<int64_t>(current_->posting_count())},
       {"reports", static_cast<int64_t>(current_->report_count())},
       {"parts", static_cast<int64_t>(current_->parts.size())}});
}

void SnapshotManager::RebuildLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || dirty_; });
    if (stopping_) return;
    lock.unlock();
    absl::SleepFor(options_.debounce);
    lock.lock();
    dirty_ = false;
    Rebuild(lock);
    // Current again unless a change arrived meanwhile or the database is
    // away.
    if (!dirty_ && database_up_) stale_since_ns_ = kFresh;
  }
}

void SnapshotManager::Rebuild(std::unique_lock<std::mutex>& lock) {
  std::shared_ptr<const engine::Snapshot> previous = current_;
  const int64_t have = previous->version.version;
  lock.unlock();
  // A notification may carry nothing new (the listener also fires when it
  // connects): a one-row read avoids reloading the whole database then.
  int64_t latest = -1;
  absl::Status peek =
      pool_->Transact(db::TransactionOptions{absl::InfiniteFuture(), true},
                      [&](pqxx::work& txn) {
                        latest = db::ReadDataVersion(txn).version;
                        return absl::OkStatus();
                      });
  if (peek.ok() && latest == have) {
    lock.lock();
    return;
  }
  const absl::Time start = absl::Now();
  // The changes since this snapshot, unless only a full load is exact.
  auto next = db::LoadChanges(*pool_, *previous);
  const bool full = absl::IsFailedPrecondition(next.status());
  if (full) next = db::LoadSnapshot(*pool_);
  if (!next.ok()) {
    int64_t suppressed = 0;
    if (failure_log_.Allow("rebuild", absl::Now(), &suppressed)) {
      Log(LogLevel::kWarning, "snapshot rebuild failed; serving the last one",
          {{"version", have},
           {"error", next.status().ToString()},
           {"suppressed", suppressed}});
    }
    lock.lock();
    ++failed_loads_;
    dirty_ = true;  // try again after a back-off
    wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
    return;
  }
  Publish(*std::move(next), full, absl::Now() - start);
  next = absl::StatusOr<std::shared_ptr<const engine::Snapshot>>();
  previous.reset();
  // What the replaced snapshot held alone (a merged part's inputs, or
  // everything after a full load) is freed once its last reader is done;
  // hand the pages already free back to the system instead of keeping them
  // resident.
  malloc_trim(0);
  lock.lock();
}

}  // namespace compdata::server
