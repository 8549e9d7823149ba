#include "bench/query/bench_databases.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <pqxx/pqxx>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/query/dataset.h"
#include "bench/query/scenarios.h"
#include "bench/query/server_launcher.h"
#include "client/client.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/ingest_data.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

void Exec(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction(conn).exec(sql);
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---------------------------------------------------------------------------
// Set-up: reference data through the server, records by COPY
// ---------------------------------------------------------------------------

// Row counts of the data database, or nullopt when it does not exist.
std::optional<std::pair<int64_t, int64_t>> DataCounts(const std::string& base) {
  try {
    pqxx::connection conn(base);
    pqxx::nontransaction txn(conn);
    for (const char* db : {kEmptyDb, kDataDb}) {
      if (txn.exec_params("SELECT 1 FROM pg_database WHERE datname = $1", db)
              .empty()) {
        return std::nullopt;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;
  }
  try {
    pqxx::connection conn(WithDatabase(base, kDataDb));
    pqxx::nontransaction txn(conn);
    return std::pair{
        txn.exec1("SELECT count(*) FROM job_postings")[0].as<int64_t>(),
        txn.exec1("SELECT count(*) FROM salary_reports")[0].as<int64_t>()};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}
namespace {

// --reuse_data: whether the data database of an earlier run holds exactly
// the records asked for, so loading can be skipped.
bool CanReuseData(const std::string& base, const Options& o) {
  if (!o.reuse_data) return false;
  const auto counts = DataCounts(base);
  if (counts.has_value() && counts->first == o.postings &&
      counts->second == o.reports) {
    std::printf("data               reusing %s (%lld postings, %lld reports)\n",
                kDataDb, static_cast<long long>(o.postings),
                static_cast<long long>(o.reports));
    return true;
  }
  std::printf("data               --reuse_data: no matching %s, loading\n",
              kDataDb);
  return false;
}

// A fresh empty database, migrated, holding the reference data (roles,
// skills, ladders, transitions) loaded through the server. Seconds the seed
// took.
absl::StatusOr<double> CreateSeededDatabase(const std::string& base,
                                            const Options& o) {
  const std::string empty_url = WithDatabase(base, kEmptyDb);
  try {
    for (const char* db : {kDataDb, kEmptyDb}) {
      Exec(base, absl::StrCat("DROP DATABASE IF EXISTS ", db, " WITH (FORCE)"));
    }
    Exec(base, absl::StrCat("CREATE DATABASE ", kEmptyDb));
  } catch (const std::exception& e) {
    return absl::InternalError(e.what());
  }
  if (auto m = db::ApplyMigrations(empty_url, db::EmbeddedMigrations());
      !m.ok()) {
    return m.status();
  }
  const auto seed_start = Clock::now();
  auto server =
      LaunchedServer::Launch(empty_url, o.server_args, kRoleA, o.ready_timeout);
  if (!server.ok()) return server.status();
  auto client =
      Client::Create(ClientOptions{(*server)->target(), absl::Minutes(5)});
  if (!client.ok()) return client.status();
  testing::LoadSeed(**client);
  if (::testing::UnitTest::GetInstance()->ad_hoc_test_result().Failed()) {
    return absl::InternalError("loading db/seed through the server failed");
  }
  (*server)->Stop(SIGTERM);
  return Seconds(seed_start);
}

}  // namespace

absl::Status PrepareDatabases(const std::string& base, const Options& o) {
  if (CanReuseData(base, o)) return absl::OkStatus();
  const absl::StatusOr<double> seed_seconds = CreateSeededDatabase(base, o);
  if (!seed_seconds.ok()) return seed_seconds.status();
  // The data database starts as a copy of the seeded one: same ids.
  try {
    Exec(base,
         absl::StrCat("CREATE DATABASE ", kDataDb, " TEMPLATE ", kEmptyDb));
  } catch (const std::exception& e) {
    return absl::InternalError(e.what());
  }
  const std::string data_url = WithDatabase(base, kDataDb);
  auto reference = ReadReference(data_url);
  if (!reference.ok()) return reference.status();
  auto load =
      LoadDataset(data_url, *reference, o.postings, o.reports, absl::Now());
  if (!load.ok()) return load.status();
  std::printf(
      "data               seed via RPC %.1f s; COPY %lld postings + %lld "
      "posting_skills + %lld reports %.1f s%s; VACUUM ANALYZE %.1f s\n",
      *seed_seconds, static_cast<long long>(load->postings),
      static_cast<long long>(load->posting_skills),
      static_cast<long long>(load->reports), load->copy_seconds,
      load->triggers_skipped ? " (FK/version triggers skipped)" : "",
      load->vacuum_seconds);
  return absl::OkStatus();
}

}  // namespace compdata::bench
