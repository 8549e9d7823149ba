// Fresh data at any size: a server over a database of N records (postings
// and reports half each, loaded by COPY) while a stream ingests at full
// speed through the RPC. For each N it prints how long a committed batch
// takes to reach reads (p50/p99 over every batch), the stream's rate against
// psql \copy of the same rows into the same database, the server's CPU per
// ingested record, its peak RSS during ingest against its steady RSS, its
// steady bytes per record (above the same server over the reference data
// only) and its cold start; then CPU per record at the largest N against
// the smallest.
//
//   bench/run.sh freshness [--sizes=1000000,10000000] [--batches=200]
//
// Flags are ABSL_FLAGs (--help lists them). Databases are kept between runs
// (--reuse_data, default on) since loading 10M records takes minutes.

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "bench/copy_baseline.h"
#include "bench/query/dataset.h"
#include "bench/query/freshness_probe.h"
#include "bench/query/server_launcher.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/ingest_data.h"

ABSL_FLAG(std::vector<std::string>, sizes, {"1000000"},
          "Records loaded before ingest (postings and reports half each)");
ABSL_FLAG(int, batches, 200, "Batches of 1000 postings the stream ingests");
ABSL_FLAG(bool, reuse_data, true,
          "Keep a database of an earlier run that holds the same records");

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr char kProbeRole[] = "ai-engineer";
constexpr absl::Duration kReady = absl::Minutes(10);

std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

void Exec(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction(conn).exec(sql);
}

int64_t Count(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  return pqxx::nontransaction(conn).exec1(sql)[0].as<int64_t>();
}

bool Exists(const std::string& base, const std::string& db) {
  return Count(base, "SELECT count(*) FROM pg_database WHERE datname = '" + db +
                         "'") > 0;
}

// The seeded database every size starts from: migrations and reference
// data (through the server), no records.
absl::Status Seed(const std::string& base, const std::string& url) {
  Exec(base, "DROP DATABASE IF EXISTS bench_fresh_seed WITH (FORCE)");
  Exec(base, "CREATE DATABASE bench_fresh_seed");
  if (auto m = db::ApplyMigrations(url, db::EmbeddedMigrations()); !m.ok()) {
    return m.status();
  }
  auto server = LaunchedServer::Launch(url, {}, kProbeRole, kReady);
  if (!server.ok()) return server.status();
  auto client = Client::Create(ClientOptions{(*server)->target()});
  if (!client.ok()) return client.status();
  testing::LoadSeed(**client);
  (*server)->Stop(SIGTERM);
  return absl::OkStatus();
}

// bench_fresh_<n>: the seed plus n records, unless an earlier run left it.
absl::StatusOr<std::string> Prepare(const std::string& base, int64_t n) {
  const std::string db = absl::StrCat("bench_fresh_", n);
  const std::string url = WithDatabase(base, db);
  if (absl::GetFlag(FLAGS_reuse_data) && Exists(base, db) &&
      Count(url, "SELECT count(*) FROM job_postings WHERE source <> 'test'") ==
          n / 2) {
    // Postings a previous run ingested go, so every run ingests into n.
    Exec(url, "DELETE FROM job_postings WHERE source = 'test'");
    Exec(url, "VACUUM ANALYZE job_postings");
    return url;
  }
  Exec(base, absl::StrCat("DROP DATABASE IF EXISTS ", db, " WITH (FORCE)"));
  Exec(base,
       absl::StrCat("CREATE DATABASE ", db, " TEMPLATE bench_fresh_seed"));
  auto reference = ReadReference(url);
  if (!reference.ok()) return reference.status();
  const auto start = Clock::now();
  auto load = LoadDataset(url, *reference, n / 2, n - n / 2, absl::Now());
  if (!load.ok()) return load.status();
  std::printf("  loaded %lld records by COPY in %.0f s\n",
              static_cast<long long>(n),
              std::chrono::duration<double>(Clock::now() - start).count());
  return url;
}

struct Figures {
  int64_t records = 0;
  double cold_start = 0;
  double steady_rss = 0;
  double bytes_per_record = 0;
  double peak_rss = 0;
  double steady_rss_after = 0;  // holding the ingested records too
  double lag_p50 = 0, lag_p99 = 0, lag_max = 0;
  size_t batches_seen = 0;
  double rpc_rate = 0, copy_rate = 0;
  double cpu_per_record = 0;
};

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
}

std::vector<v1::JobPosting> NewPostings(int64_t n, int64_t count) {
  std::vector<v1::JobPosting> out;
  for (int64_t i = 0; i < count; ++i) {
    v1::JobPosting p = testing::MakePosting(i, absl::StrCat("fresh", n, "-"));
    p.clear_skills();  // \copy has no posting_skills: same rows both ways
    p.set_seniority(v1::SENIORITY_LEVEL_MID);
    out.push_back(std::move(p));
  }
  return out;
}

// Ingest into the loaded database while the probe watches.
absl::Status Ingest(LaunchedServer& server, const std::string& url, int64_t n,
                    Figures& f) {
  auto client = Client::Create(ClientOptions{server.target()});
  if (!client.ok()) return client.status();
  const auto postings = NewPostings(n, absl::GetFlag(FLAGS_batches) * 1000LL);
  FreshnessProbe probe(url, client->get(), server.pid(),
                       absl::Milliseconds(25));
  probe.Start();
  const double cpu_before = CpuSeconds(server.pid());
  const auto start = Clock::now();
  const IngestOutcome outcome =
      (*client)->IngestPostings(testing::FromVector(postings));
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  absl::SleepFor(absl::Seconds(3));  // the last batches reach reads
  probe.Stop();
  const double cpu = CpuSeconds(server.pid()) - cpu_before;
  if (auto m = ReadProcessMemory(server.pid()); m.ok()) {
    f.steady_rss_after = static_cast<double>(m->rss_bytes);
  }
  if (!outcome.status.ok()) return outcome.status;
  const std::vector<double> lags = probe.Lags();
  f.batches_seen = lags.size();
  f.lag_p50 = Quantile(lags, 0.5);
  f.lag_p99 = Quantile(lags, 0.99);
  f.lag_max = Quantile(lags, 1.0);
  f.peak_rss = static_cast<double>(probe.peak_rss_bytes());
  f.rpc_rate = static_cast<double>(postings.size()) / seconds;
  f.cpu_per_record = cpu / static_cast<double>(postings.size());
  // The baseline: the same rows (other source ids) by \copy into the same,
  // now slightly larger, database.
  const double copy_seconds =
      CopyWithPsql(url, NewPostings(-n, postings.size()));
  if (copy_seconds < 0) return absl::InternalError("psql \\copy failed");
  f.copy_rate = static_cast<double>(postings.size()) / copy_seconds;
  Exec(url, "DELETE FROM job_postings WHERE source = 'test'");
  return absl::OkStatus();
}

absl::StatusOr<Figures> Run(const std::string& base, double empty_rss,
                            int64_t n) {
  std::printf("%lld records\n", static_cast<long long>(n));
  auto url = Prepare(base, n);
  if (!url.ok()) return url.status();
  Figures f;
  f.records = n;
  auto server = LaunchedServer::Launch(*url, {}, kProbeRole, kReady);
  if (!server.ok()) return server.status();
  f.cold_start = (*server)->ready_seconds();
  absl::SleepFor(absl::Seconds(2));
  auto memory = ReadProcessMemory((*server)->pid());
  if (!memory.ok()) return memory.status();
  f.steady_rss = static_cast<double>(memory->rss_bytes);
  f.bytes_per_record = (f.steady_rss - empty_rss) / static_cast<double>(n);
  absl::Status ingested = Ingest(**server, *url, n, f);
  (*server)->Stop(SIGTERM);
  if (!ingested.ok()) return ingested;
  return f;
}

void Print(const Figures& f) {
  const auto mark = [](bool ok) { return ok ? "ok" : "MISSED"; };
  std::printf(
      "  batch to reads     p50 %.3f s  p99 %.3f s  max %.3f s over %zu "
      "batches (goal p99 <= 1 s: %s)\n",
      f.lag_p50, f.lag_p99, f.lag_max, f.batches_seen,
      mark(f.lag_p99 >= 0 && f.lag_p99 <= 1 && f.batches_seen >= 100));
  std::printf(
      "  ingest             rpc %.0f records/s, \\copy %.0f records/s, "
      "ratio %.2f (goal >= 0.5: %s)\n",
      f.rpc_rate, f.copy_rate, f.rpc_rate / f.copy_rate,
      mark(f.rpc_rate >= 0.5 * f.copy_rate));
  std::printf("  server CPU         %.1f us per ingested record\n",
              f.cpu_per_record * 1e6);
  // The ingest adds records: the peak is held against the steady RSS of the
  // same records, measured once the last batch has applied.
  std::printf(
      "  RSS                steady %.0f MB before ingest, %.0f MB after; "
      "peak during ingest %.0f MB, ratio to after %.2f (goal <= 1.3: %s)\n",
      f.steady_rss / 1e6, f.steady_rss_after / 1e6, f.peak_rss / 1e6,
      f.peak_rss / f.steady_rss_after,
      mark(f.peak_rss <= 1.3 * f.steady_rss_after));
  std::printf("  memory per record  %.1f bytes (goal <= 100: %s)\n",
              f.bytes_per_record, mark(f.bytes_per_record <= 100));
  std::printf("  cold start         %.1f s (goal at 10M <= 25 s: %s)\n",
              f.cold_start,
              f.records < 10000000 ? "n/a" : mark(f.cold_start <= 25));
}

int Main() {
  const char* base = std::getenv("COMPDATA_BENCH_DATABASE_URL");
  if (base == nullptr) {
    std::fprintf(stderr,
                 "set COMPDATA_BENCH_DATABASE_URL (bench/run.sh does)\n");
    return 2;
  }
  const std::string seed_url = WithDatabase(base, "bench_fresh_seed");
  if (!Exists(base, "bench_fresh_seed") || !absl::GetFlag(FLAGS_reuse_data)) {
    if (absl::Status s = Seed(base, seed_url); !s.ok()) {
      std::fprintf(stderr, "seed: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  auto empty = LaunchedServer::Launch(seed_url, {}, kProbeRole, kReady);
  if (!empty.ok()) return 1;
  absl::SleepFor(absl::Seconds(2));
  const double empty_rss =
      static_cast<double>(ReadProcessMemory((*empty)->pid())->rss_bytes);
  (*empty)->Stop(SIGTERM);
  std::vector<Figures> all;
  for (const std::string& size : absl::GetFlag(FLAGS_sizes)) {
    auto f = Run(base, empty_rss, std::stoll(size));
    if (!f.ok()) {
      std::fprintf(stderr, "%s: %s\n", size.c_str(),
                   f.status().ToString().c_str());
      return 1;
    }
    Print(*f);
    all.push_back(*f);
  }
  if (all.size() >= 2) {
    const double ratio = all.back().cpu_per_record / all.front().cpu_per_record;
    std::printf("CPU per record at %lld vs %lld: %.2f (goal <= 1.5: %s)\n",
                static_cast<long long>(all.back().records),
                static_cast<long long>(all.front().records), ratio,
                ratio <= 1.5 ? "ok" : "MISSED");
  }
  return 0;
}

}  // namespace
}  // namespace compdata::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "freshness_bench [--sizes=N,...] [--batches=B] [--reuse_data=false]");
  absl::ParseCommandLine(argc, argv);
  return compdata::bench::Main();
}
