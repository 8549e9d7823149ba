// Ingest throughput: N postings through the streaming RPC (validation, COPY
// into staging, upsert, acknowledgements) against the same rows loaded with
// psql \copy straight into job_postings, both on the same PostgreSQL in the
// same run. Goal: the RPC path reaches at least 50% of \copy's rate.
//
//   ingest_bench [--records=N]   (bench/run.sh sets
//   COMPDATA_BENCH_DATABASE_URL; flags are ABSL_FLAGs, --help lists them)

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench/copy_baseline.h"
#include "client/client.h"
#include "core/ingest/pay.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/ingest_data.h"
#include "tests/support/server_process.h"

ABSL_FLAG(int64_t, records, 200000,
          "Postings streamed through the RPC and loaded with \\copy");

namespace {

using Clock = std::chrono::steady_clock;

std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

void Exec(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction(conn).exec(sql);
}

// Fresh databases bench_rpc and bench_copy beside `base`, migrated; false
// after saying why.
bool CreateDatabases(const std::string& base, const std::string& rpc_url,
                     const std::string& copy_url) {
  Exec(base, "DROP DATABASE IF EXISTS bench_rpc WITH (FORCE)");
  Exec(base, "DROP DATABASE IF EXISTS bench_copy WITH (FORCE)");
  Exec(base, "CREATE DATABASE bench_rpc");
  Exec(base, "CREATE DATABASE bench_copy");
  for (const auto& url : {rpc_url, copy_url}) {
    if (!compdata::db::ApplyMigrations(url, compdata::db::EmbeddedMigrations())
             .ok()) {
      std::fprintf(stderr, "migration failed\n");
      return false;
    }
  }
  return true;
}

std::vector<compdata::v1::JobPosting> MakePostings(int64_t records) {
  std::vector<compdata::v1::JobPosting> postings;
  postings.reserve(records);
  for (int64_t i = 0; i < records; ++i) {
    auto p = compdata::testing::MakePosting(i);
    p.clear_skills();  // \copy has no posting_skills to fill: same rows both
                       // ways
    p.set_seniority(compdata::v1::SENIORITY_LEVEL_MID);
    postings.push_back(std::move(p));
  }
  return postings;
}

// Both databases get the reference data through the RPC path; the postings
// go to bench_rpc only, timed. Seconds of the postings' ingest, or a negative
// number after saying why it failed.
double IngestThroughRpc(const std::string& rpc_url, const std::string& copy_url,
                        const std::vector<compdata::v1::JobPosting>& postings) {
  double rpc_seconds = 0;
  compdata::IngestOutcome outcome;
  for (const auto& url : {copy_url, rpc_url}) {
    auto server = compdata::testing::ServerProcess::Start(url);
    if (server == nullptr) return -1;
    auto client = compdata::Client::Create(
        compdata::ClientOptions{server->target(), absl::Minutes(30)});
    compdata::testing::LoadSeed(**client);
    if (url == rpc_url) {
      const auto start = Clock::now();
      outcome =
          (*client)->IngestPostings(compdata::testing::FromVector(postings));
      rpc_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    }
    server->StopWith(SIGTERM);
  }
  if (!outcome.status.ok() ||
      outcome.summary.accepted() != static_cast<int64_t>(postings.size())) {
    std::fprintf(stderr, "RPC ingest failed: %s (accepted %lld)\n",
                 outcome.status.ToString().c_str(),
                 static_cast<long long>(outcome.summary.accepted()));
    return -1;
  }
  return rpc_seconds;
}

void PrintResults(int64_t records, double rpc_seconds, double copy_seconds) {
  const double rpc_rate = records / rpc_seconds;
  const double copy_rate = records / copy_seconds;
  std::printf("records            %lld\n", static_cast<long long>(records));
  std::printf("rpc ingest         %.2f s  %.0f records/s\n", rpc_seconds,
              rpc_rate);
  std::printf("psql \\copy         %.2f s  %.0f records/s\n", copy_seconds,
              copy_rate);
  std::printf("ratio rpc / \\copy = %.3f (goal >= 0.5)\n",
              rpc_rate / copy_rate);
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("ingest_bench [--records=N]");
  absl::ParseCommandLine(argc, argv);
  const int64_t records = absl::GetFlag(FLAGS_records);
  const char* base = std::getenv("COMPDATA_BENCH_DATABASE_URL");
  if (base == nullptr) {
    std::fprintf(stderr,
                 "set COMPDATA_BENCH_DATABASE_URL (bench/run.sh does)\n");
    return 2;
  }
  const std::string rpc_url = WithDatabase(base, "bench_rpc");
  const std::string copy_url = WithDatabase(base, "bench_copy");
  if (!CreateDatabases(base, rpc_url, copy_url)) return 1;
  const std::vector<compdata::v1::JobPosting> postings = MakePostings(records);
  const double rpc_seconds = IngestThroughRpc(rpc_url, copy_url, postings);
  if (rpc_seconds < 0) return 1;
  const double copy_seconds = compdata::bench::CopyWithPsql(copy_url, postings);
  if (copy_seconds < 0) return 1;
  PrintResults(records, rpc_seconds, copy_seconds);
  return 0;
}
