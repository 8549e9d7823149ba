#include "server/api/ingest_workers.h"

#include <utility>

#include "absl/time/clock.h"

namespace compdata::api {

IngestWorkers::IngestWorkers(Options options) : tick_(options.tick) {
  workers_.reserve(options.threads);
  for (int i = 0; i < options.threads; ++i) {
    workers_.emplace_back([this] { Work(); });
  }
  ticker_ = std::thread([this] { Ticks(); });
}

IngestWorkers::~IngestWorkers() { Stop(); }

bool IngestWorkers::Schedule(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return false;
    tasks_.push_back(std::move(task));
  }
  queued_.notify_one();
  return true;
}

IngestWorkers::WatchId IngestWorkers::Watch(
    std::function<void(absl::Time now)> tick) {
  std::lock_guard<std::mutex> lock(watch_mu_);
  const WatchId id = next_id_++;
  watched_.emplace(id, std::move(tick));
  return id;
}

void IngestWorkers::Unwatch(WatchId id) {
  std::lock_guard<std::mutex> lock(watch_mu_);
  watched_.erase(id);
}

void IngestWorkers::Stop() {
  {
    std::lock_guard<std::mutex> lock(tick_mu_);
    tick_stop_ = true;
  }
  tick_stop_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
  }
  queued_.notify_all();
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

void IngestWorkers::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    queued_.wait(lock, [this] { return stopped_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // stopped, and everything queued has run
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // whatever it holds goes before the lock is retaken
    lock.lock();
  }
}

void IngestWorkers::Ticks() {
  std::unique_lock<std::mutex> lock(tick_mu_);
  while (!tick_stop_cv_.wait_for(lock, absl::ToChronoNanoseconds(tick_),
                                 [this] { return tick_stop_; })) {
    lock.unlock();
    {
      std::lock_guard<std::mutex> watch(watch_mu_);
      const absl::Time now = absl::Now();
      for (auto& watched : watched_) watched.second(now);
    }
    lock.lock();
  }
}

}  // namespace compdata::api
