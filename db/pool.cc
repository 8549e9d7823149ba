#include "db/pool.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "db/pg_errors.h"

namespace compdata::db {
namespace {

int64_t ToMillisCeil(absl::Duration d) {
  return std::max<int64_t>(
      1, absl::ToInt64Milliseconds(d + absl::Microseconds(999)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ConnectionPool>> ConnectionPool::Create(
    PoolOptions options) {
  if (options.url.empty()) {
    return absl::InvalidArgumentError("database url is empty");
  }
  if (options.max_connections < 1) {
    return absl::InvalidArgumentError("max_connections must be >= 1");
  }
  return std::unique_ptr<ConnectionPool>(
      new ConnectionPool(std::move(options)));
}

ConnectionPool::~ConnectionPool() = default;

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Open() {
  try {
    auto conn = std::make_unique<pqxx::connection>(options_.url);
    pqxx::nontransaction setup(*conn);
    setup.exec(absl::StrCat("SET statement_timeout = ",
                            ToMillisCeil(options_.statement_timeout)));
    for (std::string_view sql : SessionSetup()) setup.exec(std::string(sql));
    setup.commit();
    for (const Statement& s : AllStatements()) {
      conn->prepare(std::string(s.name), std::string(s.sql));
    }
    return conn;
  } catch (...) {
    absl::Status status = StatusFromCurrentException();
    // A refused or failed connection attempt is always "try again later".
    return WithReason(absl::UnavailableError(status.message()),
                      kReasonDatabaseUnavailable);
  }
}

absl::StatusOr<std::unique_ptr<pqxx::connection>> ConnectionPool::Acquire(
    absl::Time deadline) {
  const absl::Time start = absl::Now();
  auto conn =
      WaitForConnection(std::min(deadline, start + options_.acquire_timeout));
  if (options_.on_wait) options_.on_wait(absl::Now() - start);
  return conn;
}

absl::StatusOr<std::unique_ptr<pqxx::connection>>
ConnectionPool::WaitForConnection(absl::Time deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  while (idle_.empty() && open_ >= options_.max_connections) {
    if (available_.wait_until(lock, absl::ToChronoTime(deadline)) ==
            std::cv_status::timeout &&
        idle_.empty() && open_ >= options_.max_connections) {
      ++acquire_timeouts_;
      return WithReason(
          absl::UnavailableError(absl::StrCat(
              "no database connection free within the deadline (pool of ",
              options_.max_connections, ")")),
          kReasonDatabaseUnavailable);
    }
  }
  if (!idle_.empty()) {
    std::unique_ptr<pqxx::connection> conn = std::move(idle_.back());
    idle_.pop_back();
    return conn;
  }
  ++open_;
  lock.unlock();
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = Open();
  if (!conn.ok()) {
    lock.lock();
    --open_;
    ++connect_failures_;
    available_.notify_one();
  }
  return conn;
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn,
                             bool reusable) {
  std::lock_guard<std::mutex> lock(mu_);
  if (reusable && conn->is_open()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
    ++connections_lost_;
  }
  available_.notify_one();
}

absl::Status ConnectionPool::TransactOnce(const TransactionOptions& options,
                                          const Work& work) {
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn =
      Acquire(options.deadline);
  if (!conn.ok()) return conn.status();
  absl::Status status;
  try {
    pqxx::work txn(**conn);
    const absl::Duration remaining = options.deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) {
      status = absl::DeadlineExceededError("deadline passed before the query");
    } else {
      if (remaining < options_.statement_timeout) {
        txn.exec(absl::StrCat("SET LOCAL statement_timeout = ",
                              ToMillisCeil(remaining)));
      }
      status = work(txn);
      if (status.ok()) txn.commit();
    }
  } catch (...) {
    status = StatusFromCurrentException();
  }
  // libpq reports a server that died mid-COPY as a plain failure ("Error
  // writing to table: server closed the connection unexpectedly"), not as a
  // broken connection: whatever the error, a connection that is no longer
  // open means the database went away, which callers may retry.
  if (!status.ok() && !IsConnectionLoss(status) && !(*conn)->is_open()) {
    status = WithReason(absl::UnavailableError(absl::StrCat(
                            "database connection lost: ", status.message())),
                        kReasonDatabaseUnavailable);
  }
  Release(std::move(*conn), !IsConnectionLoss(status));
  return status;
}

absl::Status ConnectionPool::Transact(const TransactionOptions& options,
                                      const Work& work) {
  absl::Status status = TransactOnce(options, work);
  if (options.retry_on_connection_loss && IsConnectionLoss(status) &&
      absl::Now() < options.deadline) {
    status = TransactOnce(options, work);
  }
  return status;
}

PoolStats ConnectionPool::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return PoolStats{open_,
                   static_cast<int>(idle_.size()),
                   options_.max_connections,
                   acquire_timeouts_,
                   connect_failures_,
                   connections_lost_};
}

}  // namespace compdata::db
