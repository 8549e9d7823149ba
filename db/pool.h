#ifndef COMPDATA_DB_POOL_H_
#define COMPDATA_DB_POOL_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "db/statements.h"

namespace compdata::db {

struct PoolOptions {
  std::string url;
  int max_connections = 8;
  // How long a caller waits for a free connection before UNAVAILABLE.
  absl::Duration acquire_timeout = absl::Seconds(5);
  // Upper bound for any one statement; a shorter caller deadline wins.
  absl::Duration statement_timeout = absl::Seconds(5);
  // Told how long each acquisition waited (also the failed ones), e.g. for
  // a histogram; called without the pool's lock held.
  std::function<void(absl::Duration)> on_wait = nullptr;
};

struct TransactionOptions {
  // The caller's deadline (e.g. the gRPC deadline); InfiniteFuture = none.
  absl::Time deadline = absl::InfiniteFuture();
  // Retry once on a fresh connection when the connection turns out to be
  // dead. Only for work that is safe to repeat (reads, idempotent upserts).
  bool retry_on_connection_loss = false;
};

struct PoolStats {
  int open = 0;
  int idle = 0;
  int max = 0;
  // Since the pool was created:
  int64_t acquire_timeouts = 0;  // no connection free within the deadline
  int64_t connect_failures = 0;  // opening a connection failed
  int64_t connections_lost = 0;  // a connection died in use
};

// A bounded pool of libpqxx connections. Connections are opened lazily, have
// every named statement of db/statements.h prepared, and are dropped when
// found broken, so the next caller gets a fresh one.
class ConnectionPool {
 public:
  using Work = std::function<absl::Status(pqxx::work&)>;

  static absl::StatusOr<std::unique_ptr<ConnectionPool>> Create(
      PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs `work` in one transaction and commits when it returns OK; any error
  // (returned or thrown by libpqxx) rolls the whole transaction back.
  absl::Status Transact(const TransactionOptions& options, const Work& work);

  PoolStats Stats() const;
  const PoolOptions& options() const { return options_; }

 private:
  explicit ConnectionPool(PoolOptions options) : options_(std::move(options)) {}

  absl::StatusOr<std::unique_ptr<pqxx::connection>> Acquire(
      absl::Time deadline);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> WaitForConnection(
      absl::Time deadline);
  void Release(std::unique_ptr<pqxx::connection> conn, bool reusable);
  absl::StatusOr<std::unique_ptr<pqxx::connection>> Open();
  absl::Status TransactOnce(const TransactionOptions& options,
                            const Work& work);

  const PoolOptions options_;
  mutable std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;
  int64_t acquire_timeouts_ = 0;
  int64_t connect_failures_ = 0;
  int64_t connections_lost_ = 0;
};

}  // namespace compdata::db

#endif  // COMPDATA_DB_POOL_H_
