#ifndef COMPDATA_DB_CHANGE_LISTENER_H_
#define COMPDATA_DB_CHANGE_LISTENER_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "absl/time/time.h"

namespace compdata::db {

// Tells its owner when the data may have changed: on every NOTIFY on
// compdata_data_changed (sent by the data tables' triggers at commit), and,
// as a fallback for lost notifications, whenever a poll every
// `poll_interval` finds a data version other than the last one seen. A lost
// connection is reopened with backoff; the owner is told after reconnecting,
// since notifications may have been missed meanwhile. `on_connection` (if
// set) hears true after each successful connect and false after each failed
// attempt or lost connection: the poll doubles as the database's health
// check.
class ChangeListener {
 public:
  ChangeListener(std::string url, absl::Duration poll_interval,
                 std::function<void()> on_change,
                 std::function<void(bool)> on_connection = nullptr);
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  void Start();
  void Stop();

 private:
  void Run();

  const std::string url_;
  const absl::Duration poll_interval_;
  const std::function<void()> on_change_;
  const std::function<void(bool)> on_connection_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace compdata::db

#endif  // COMPDATA_DB_CHANGE_LISTENER_H_
