#include "server/api/ingest_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"

namespace compdata::api {
namespace {

TEST(IngestWorkersTest, OneWorkerRunsTasksInTheOrderQueued) {
  IngestWorkers workers({/*threads=*/1});
  std::mutex mu;
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(workers.Schedule([&, i] {
      std::lock_guard<std::mutex> lock(mu);
      order.push_back(i);
    }));
  }
  workers.Stop();
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(IngestWorkersTest, StopRunsWhatIsQueuedThenRefusesMore) {
  IngestWorkers workers({/*threads=*/2});
  absl::Notification release;
  std::atomic<int> ran{0};
  // Both workers wait, so the rest is still queued when Stop begins.
  for (int i = 0; i < 2; ++i) {
    workers.Schedule([&] {
      release.WaitForNotification();
      ++ran;
    });
  }
  for (int i = 0; i < 50; ++i) workers.Schedule([&] { ++ran; });
  std::thread stopper([&] { workers.Stop(); });
  absl::SleepFor(absl::Milliseconds(50));
  release.Notify();
  stopper.join();
  EXPECT_EQ(ran.load(), 52);
  EXPECT_FALSE(workers.Schedule([&] { ++ran; }));
  workers.Stop();  // again: harmless
  EXPECT_EQ(ran.load(), 52);
}

TEST(IngestWorkersTest, WatchedTicksRunUntilUnwatched) {
  IngestWorkers workers({/*threads=*/1, /*tick=*/absl::Milliseconds(5)});
  std::atomic<int> ticks{0};
  const IngestWorkers::WatchId id = workers.Watch([&](absl::Time) { ++ticks; });
  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (ticks.load() < 3 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  EXPECT_GE(ticks.load(), 3);
  workers.Unwatch(id);
  const int after = ticks.load();
  absl::SleepFor(absl::Milliseconds(30));
  EXPECT_EQ(ticks.load(), after) << "no tick once Unwatch has returned";
}

TEST(IngestWorkersTest, ATickMaySchedule) {
  IngestWorkers workers({/*threads=*/1, /*tick=*/absl::Milliseconds(5)});
  absl::Notification done;
  std::atomic<bool> once{false};
  const IngestWorkers::WatchId id = workers.Watch([&](absl::Time) {
    if (!once.exchange(true)) workers.Schedule([&] { done.Notify(); });
  });
  EXPECT_TRUE(done.WaitForNotificationWithTimeout(absl::Seconds(5)));
  workers.Unwatch(id);
}

}  // namespace
}  // namespace compdata::api
