#include "db/change_listener.h"

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "db/data_version.h"
#include "db/statements.h"

namespace compdata::db {
namespace {

constexpr char kChannel[] = "compdata_data_changed";

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& conn, std::function<void()> on_notify)
      : pqxx::notification_receiver(conn, kChannel),
        on_notify_(std::move(on_notify)) {}
  void operator()(const std::string&, int) override { on_notify_(); }

 private:
  std::function<void()> on_notify_;
};

int64_t CurrentVersion(pqxx::connection& conn) {
  pqxx::work txn(conn);
  return txn.exec1(std::string(kDataVersion.sql))[0].as<int64_t>();
}

}  // namespace

ChangeListener::ChangeListener(std::string url, absl::Duration poll_interval,
                               std::function<void()> on_change,
                               std::function<void(bool)> on_connection)
    : url_(std::move(url)),
      poll_interval_(poll_interval),
      on_change_(std::move(on_change)),
      on_connection_(std::move(on_connection)) {}

ChangeListener::~ChangeListener() { Stop(); }

void ChangeListener::Start() {
  thread_ = std::thread([this] { Run(); });
}

void ChangeListener::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ChangeListener::Run() {
  absl::Duration backoff = absl::Milliseconds(100);
  while (!stop_) {
    try {
      pqxx::connection conn(url_);
      Receiver receiver(conn, on_change_);
      int64_t seen = CurrentVersion(conn);
      if (on_connection_) on_connection_(true);
      on_change_();  // anything may have happened while we were away
      backoff = absl::Milliseconds(100);
      absl::Time next_poll = absl::Now() + poll_interval_;
      while (!stop_) {
        // Wakes at least every second so Stop() is prompt.
        conn.await_notification(1, 0);
        if (absl::Now() < next_poll) continue;
        next_poll = absl::Now() + poll_interval_;
        const int64_t version = CurrentVersion(conn);
        if (version != seen) {
          seen = version;
          on_change_();
        }
      }
    } catch (const std::exception&) {
      if (on_connection_) on_connection_(false);
      absl::SleepFor(backoff);
      backoff = std::min(backoff * 2, absl::Seconds(5));
    }
  }
}

}  // namespace compdata::db
