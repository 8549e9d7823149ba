#ifndef COMPDATA_SERVER_API_INGEST_WORKERS_H_
#define COMPDATA_SERVER_API_INGEST_WORKERS_H_

// The threads every ingest stream's work runs on, however many streams are
// open: a fixed number of workers taking tasks in the order they were
// queued, and one ticker thread that calls each watched stream every tick,
// so a stream notices what only time makes due (an idle flush, the idle
// timeout, the server stopping) without a thread waiting for it.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "absl/time/time.h"

namespace compdata::api {

class IngestWorkers {
 public:
  struct Options {
    int threads = 4;
    absl::Duration tick = absl::Milliseconds(50);
  };
  explicit IngestWorkers(Options options);
  ~IngestWorkers();  // Stop()
  IngestWorkers(const IngestWorkers&) = delete;
  IngestWorkers& operator=(const IngestWorkers&) = delete;

  // Queues `task` for a worker; tasks start in the order they were queued.
  // Once Stop has begun: false, and the task is dropped unrun.
  bool Schedule(std::function<void()> task);

  // `tick` is called on the ticker thread every tick until Unwatch. It must
  // be quick and must not block: it schedules whatever work is due.
  using WatchId = uint64_t;
  WatchId Watch(std::function<void(absl::Time now)> tick);
  // When it returns, that tick is not running and never runs again.
  void Unwatch(WatchId id);

  // Stops the ticks, runs every task already queued and joins the threads.
  // Call it once nothing can need a worker any more (the gRPC server has
  // shut down); from one thread; again is harmless.
  void Stop();

 private:
  void Work();
  void Ticks();

  const absl::Duration tick_;

  std::mutex mu_;
  std::condition_variable queued_;
  std::deque<std::function<void()>> tasks_;
  bool stopped_ = false;

  // Held while a tick runs, so Unwatch waits for it.
  std::mutex watch_mu_;
  std::unordered_map<WatchId, std::function<void(absl::Time)>> watched_;
  WatchId next_id_ = 0;

  std::mutex tick_mu_;
  std::condition_variable tick_stop_cv_;
  bool tick_stop_ = false;

  std::vector<std::thread> workers_;
  std::thread ticker_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_WORKERS_H_
