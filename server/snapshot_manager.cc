#include "server/snapshot_manager.h"

#include <malloc.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "db/change_loader.h"
#include "db/data_version.h"
#include "db/snapshot_loader.h"
#include "server/log.h"

namespace compdata::server {

SnapshotManager::SnapshotManager(db::ConnectionPool* pool,
                                 std::string database_url, Options options)
    : pool_(pool),
      options_(options),
      listener_(std::move(database_url), options.poll_interval,
                [this] { MarkDirty(); }) {}

SnapshotManager::~SnapshotManager() { Stop(); }

absl::Status SnapshotManager::Start() {
  const absl::Time start = absl::Now();
  auto first = db::LoadSnapshot(*pool_);
  if (!first.ok()) return first.status();
  Log("INFO", absl::StrCat("snapshot v", (*first)->version.version, ": ",
                           (*first)->posting_count(), " postings, ",
                           (*first)->report_count(), " reports in ",
                           absl::FormatDuration(absl::Now() - start)));
  {
    std::lock_guard<std::mutex> lock(mu_);
    current_ = *std::move(first);
  }
  malloc_trim(0);  // the loader's transient buffers
  rebuilder_ = std::thread([this] { RebuildLoop(); });
  listener_.Start();
  return absl::OkStatus();
}

void SnapshotManager::Stop() {
  listener_.Stop();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (rebuilder_.joinable()) rebuilder_.join();
}

std::shared_ptr<const engine::Snapshot> SnapshotManager::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

void SnapshotManager::MarkDirty() {
  std::lock_guard<std::mutex> lock(mu_);
  dirty_ = true;
  wake_.notify_all();
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
      continue;
    }
    const absl::Time start = absl::Now();
    // The changes since this snapshot, unless only a full load is exact.
    auto next = db::LoadChanges(*pool_, *previous);
    const bool full = absl::IsFailedPrecondition(next.status());
    if (full) next = db::LoadSnapshot(*pool_);
    lock.lock();
    if (!next.ok()) {
      Log("WARN", absl::StrCat("snapshot rebuild failed, serving v", have, ": ",
                               next.status().ToString()));
      dirty_ = true;  // try again after the back-off below
      lock.unlock();
      absl::SleepFor(absl::Seconds(1));
      lock.lock();
      continue;
    }
    // Versions only grow; a load that began before a newer one finished
    // must not replace it.
    if ((*next)->version.version > current_->version.version) {
      current_ = *std::move(next);
      Log("INFO", absl::StrCat("snapshot v", current_->version.version,
                               full ? " loaded in " : " applied in ",
                               absl::FormatDuration(absl::Now() - start), " (",
                               current_->parts.size(), " parts)"));
    }
    next = absl::StatusOr<std::shared_ptr<const engine::Snapshot>>();
    previous.reset();
    // What the replaced snapshot held alone (a merged part's inputs, or
    // everything after a full load) is freed once its last reader is done;
    // hand the pages already free back to the system instead of keeping
    // them resident.
    lock.unlock();
    malloc_trim(0);
    lock.lock();
  }
}

}  // namespace compdata::server
