#include "db/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/status_matchers.h"
#include "tests/support/test_db.h"

namespace compdata::db {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::StatusIs;
using ::compdata::testing::TestDatabase;

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(ApplyMigrations(db_.url(), EmbeddedMigrations()), IsOk());
  }

  std::unique_ptr<ConnectionPool> MakePool(
      int size, absl::Duration acquire = absl::Seconds(5)) {
    auto pool = ConnectionPool::Create(
        PoolOptions{db_.url(), size, acquire, absl::Seconds(5)});
    EXPECT_THAT(pool, IsOk());
    return std::move(*pool);
  }

  static absl::StatusOr<int> BackendPid(ConnectionPool& pool,
                                        bool retry = false) {
    int pid = 0;
    absl::Status status =
        pool.Transact(TransactionOptions{absl::InfiniteFuture(), retry},
                      [&](pqxx::work& txn) {
                        pid = txn.exec1("SELECT pg_backend_pid()")[0].as<int>();
                        return absl::OkStatus();
                      });
    if (!status.ok()) return status;
    return pid;
  }

  TestDatabase db_;
};

TEST_F(PoolTest, ReconnectsAfterTheBackendIsTerminated) {
  auto pool = MakePool(1);
  auto pid = BackendPid(*pool);
  ASSERT_THAT(pid, IsOk());
  db_.Exec("SELECT pg_terminate_backend(" + std::to_string(*pid) + ")");
  // The dead connection is discovered on use and reported as UNAVAILABLE...
  EXPECT_THAT(BackendPid(*pool), StatusIs(absl::StatusCode::kUnavailable));
  // ...then dropped, so the next call gets a fresh backend.
  auto next = BackendPid(*pool);
  ASSERT_THAT(next, IsOk());
  EXPECT_NE(*next, *pid);
  EXPECT_EQ(pool->Stats().open, 1);
}

// A server that goes away during COPY surfaces from libpq as a plain
// failure ("Error writing to table"), not as a broken connection: it is still
// a lost connection, so UNAVAILABLE, and the connection is not reused.
TEST_F(PoolTest, ConnectionLostDuringCopyIsUnavailable) {
  auto pool = MakePool(1);
  absl::Status status = pool->Transact(
      TransactionOptions{absl::InfiniteFuture(), false}, [&](pqxx::work& txn) {
        txn.exec("CREATE TEMP TABLE copy_target (n int, s text)");
        const int pid = txn.exec1("SELECT pg_backend_pid()")[0].as<int>();
        pqxx::stream_to copy(txn, "copy_target");
        copy << std::make_tuple(1, std::string("before"));
        db_.Exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
        for (int i = 0; i < 100000; ++i) {
          copy << std::make_tuple(i, std::string(100, 'x'));
        }
        copy.complete();
        return absl::OkStatus();
      });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(BackendPid(*pool), IsOk());
}

TEST_F(PoolTest, RetriesOnceOnConnectionLossWhenAllowed) {
  auto pool = MakePool(1);
  auto pid = BackendPid(*pool);
  ASSERT_THAT(pid, IsOk());
  db_.Exec("SELECT pg_terminate_backend(" + std::to_string(*pid) + ")");
  auto retried = BackendPid(*pool, /*retry=*/true);
  ASSERT_THAT(retried, IsOk());
  EXPECT_NE(*retried, *pid);
}

TEST_F(PoolTest, DeadlineBecomesTheStatementTimeout) {
  auto pool = MakePool(1);
  const absl::Time start = absl::Now();
  absl::Status status =
      pool->Transact(TransactionOptions{absl::Now() + absl::Milliseconds(200)},
                     [](pqxx::work& txn) {
                       txn.exec("SELECT pg_sleep(10)");
                       return absl::OkStatus();
                     });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  // The connection survives a cancelled statement.
  EXPECT_THAT(BackendPid(*pool), IsOk());
}

TEST_F(PoolTest, AnErrorRollsTheTransactionBack) {
  auto pool = MakePool(1);
  absl::Status status = pool->Transact({}, [](pqxx::work& txn) {
    txn.exec("INSERT INTO roles (slug, title) VALUES ('a', 'A')");
    return absl::InvalidArgumentError("changed my mind");
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM roles"), "0");
  status = pool->Transact({}, [](pqxx::work& txn) {
    txn.exec("INSERT INTO roles (slug, title) VALUES ('a', 'A')");
    txn.exec("INSERT INTO roles (slug, title) VALUES ('a', 'again')");
    return absl::OkStatus();
  });
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM roles"), "0");
}

TEST_F(PoolTest, NeverOpensMoreThanItsBound) {
  auto pool = MakePool(2);
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      absl::Status status = pool->Transact({}, [](pqxx::work& txn) {
        txn.exec("SELECT pg_sleep(0.05)");
        return absl::OkStatus();
      });
      if (status.ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_LE(pool->Stats().open, 2);
  const int sessions = std::stoi(
      db_.QueryValue("SELECT count(*) FROM pg_stat_activity WHERE datname = '" +
                     db_.name() + "' AND pid <> pg_backend_pid()"));
  EXPECT_GE(sessions, 1);
  EXPECT_LE(sessions, 2);
}

TEST_F(PoolTest, ExhaustedPoolAnswersUnavailableAfterTheAcquireTimeout) {
  auto pool = MakePool(1, absl::Milliseconds(100));
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    ASSERT_THAT(pool->Transact({},
                               [&](pqxx::work& txn) {
                                 holding = true;
                                 txn.exec("SELECT pg_sleep(1)");
                                 return absl::OkStatus();
                               }),
                IsOk());
  });
  while (!holding) std::this_thread::yield();
  EXPECT_THAT(BackendPid(*pool), StatusIs(absl::StatusCode::kUnavailable));
  holder.join();
  EXPECT_THAT(BackendPid(*pool), IsOk());
}

TEST_F(PoolTest, UnreachableDatabaseIsUnavailable) {
  auto pool = ConnectionPool::Create(
      PoolOptions{"postgresql://postgres@127.0.0.1:1/none", 1});
  ASSERT_THAT(pool, IsOk());
  EXPECT_THAT(BackendPid(**pool), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ((*pool)->Stats().open, 0);
}

}  // namespace
}  // namespace compdata::db
