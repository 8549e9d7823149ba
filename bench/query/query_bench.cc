// Read-path benchmark. With N postings + M reports loaded (default 1M + 1M),
// measures in one run:
//   * cold start: fork of compdata-server -> first GetSalaryDistribution
//     answer that is not UNAVAILABLE (snapshot loaded). Goal <= 5 s (2M).
//   * memory: VmRSS of the loaded server minus VmRSS of the same server on a
//     database holding only the reference data, per record. Goal <= 100 B.
//   * GetSalaryDistribution (plain and senior+remote) and CompareRoles:
//     latency p50/p99 one call at a time, and throughput (plus p50/p99) with
//     --concurrency calls outstanding, against grpc.health.v1.Health/Check
//     driven the same way on the same server, in --rounds slices
//     alternating with the RPC's (so machine drift cancels out); the ratio
//     is the median of the rounds' ratios (a transient disturbance spoils a
//     round, not the figure), the pooled ratio is printed beside it. Goal:
//     throughput >= 0.8 x health. Each RPC runs twice: [distinct] requests
//     (each call adds a percentile unique to it, so a response cache cannot
//     answer and the engine computes every call; the goals use these) and the
//     [same] request over and over (a cache's best case; reported, no goal).
//   * the equivalent SQL run directly on PostgreSQL (median of --sql_reps).
//     Goal: RPC p50 (one call at a time) <= 0.001 x SQL median.
// Prints a table, one `ratio ...` line per goal and one `GOAL ...` line per
// goal (MET / NOT MET / NOT MEASURED). Exits 0 whether or not goals are met;
// non-zero only when the benchmark itself fails.
//
//   query_bench [--postings=N] [--reports=N] [--concurrency=32] [--channels=4]
//               [--warmup=1s] [--duration=10s] [--rounds=15]
//               [--latency_duration=2s]
//               [--sql_reps=5] [--sql_work_mem=] [--ready_timeout=120s]
//               [--reuse_data] [--server_arg=--flag=value ...]
//   (bench/query/run.sh sets COMPDATA_BENCH_DATABASE_URL)

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <thread>
#include <utility>

#include "absl/strings/str_format.h"
#include "bench/query/bench_databases.h"
#include "bench/query/bench_options.h"
#include "bench/query/bench_report.h"
#include "bench/query/dataset.h"
#include "bench/query/load_generator.h"
#include "bench/query/scenarios.h"
#include "bench/query/server_launcher.h"
#include "bench/query/sql_baseline.h"
#include "bench/query/sql_cross_check.h"

namespace compdata::bench {
namespace {

int Run(const Options& o, const std::string& base) {
  const int64_t records = o.postings + o.reports;
  std::printf(
      "query_bench: %lld postings + %lld reports = %lld records, %u CPUs, "
      "concurrency %d on %d channels, %s warm-up + %s per run\n",
      static_cast<long long>(o.postings), static_cast<long long>(o.reports),
      static_cast<long long>(records), std::thread::hardware_concurrency(),
      o.concurrency, o.channels, absl::FormatDuration(o.warmup).c_str(),
      absl::FormatDuration(o.duration).c_str());
  if (absl::Status s = PrepareDatabases(base, o); !s.ok()) {
    std::fprintf(stderr, "set-up failed: %s\n", s.ToString().c_str());
    return 1;
  }
  const std::string empty_url = WithDatabase(base, kEmptyDb);
  const std::string data_url = WithDatabase(base, kDataDb);
  auto reference = ReadReference(data_url);
  if (!reference.ok()) {
    std::fprintf(stderr, "%s\n", reference.status().ToString().c_str());
    return 1;
  }
  const int role_a = reference->RoleIndex(kRoleA);
  const int role_b = reference->RoleIndex(kRoleB);
  if (role_a < 0 || role_b < 0) {
    std::fprintf(stderr, "roles %s / %s not in the seed\n", kRoleA, kRoleB);
    return 1;
  }
  std::vector<Scenario> scenarios = MakeScenarios();
  bool failed = false;

  // Memory: the same server on the reference data only is the baseline.
  // Both servers are read when ready and again after the same short burst
  // of every RPC (gRPC's threads and per-connection buffers count alike).
  ProcessMemory empty_ready, empty_exercised;
  {
    auto server = LaunchedServer::Launch(empty_url, o.server_args, kRoleA,
                                         o.ready_timeout);
    if (!server.ok()) {
      std::fprintf(stderr, "empty server: %s\n",
                   server.status().ToString().c_str());
      return 1;
    }
    auto ready = ReadProcessMemory((*server)->pid());
    Exercise((*server)->target(), scenarios, o);
    auto exercised = ReadProcessMemory((*server)->pid());
    if (!ready.ok() || !exercised.ok()) {
      std::fprintf(stderr, "cannot read /proc/<pid>/status\n");
      return 1;
    }
    empty_ready = *ready;
    empty_exercised = *exercised;
    (*server)->Stop(SIGTERM);
  }

  // The loaded server: cold start and memory.
  auto server =
      LaunchedServer::Launch(data_url, o.server_args, kRoleA, o.ready_timeout);
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  const double cold_start = (*server)->ready_seconds();
  const int first_code = (*server)->first_answer_code();
  std::printf(
      "cold start         %.3f s to the first read answer (%s), listening "
      "after %.3f s\n",
      cold_start, StatusCodeName(first_code).c_str(),
      (*server)->listen_seconds());
  auto loaded_ready = ReadProcessMemory((*server)->pid());
  Exercise((*server)->target(), scenarios, o);
  auto loaded_exercised = ReadProcessMemory((*server)->pid());
  if (!loaded_ready.ok() || !loaded_exercised.ok()) {
    std::fprintf(stderr, "cannot read /proc/<pid>/status\n");
    return 1;
  }

  // Probe each RPC once; drive only those that answer OK.
  const auto channels = MakeChannels((*server)->target(), o.channels);
  const auto single = MakeChannels((*server)->target(), 1);
  for (Scenario& s : scenarios) {
    s.probe = CallOnce(single[0], s.method, s.request, &s.probe_response,
                       absl::Seconds(60));
    s.served = s.probe.ok();
    if (!s.probe.ok() &&
        s.probe.error_code() != grpc::StatusCode::UNIMPLEMENTED) {
      std::fprintf(stderr, "%s answered %s: %s\n", s.name.c_str(),
                   StatusCodeName(s.probe.error_code()).c_str(),
                   s.probe.error_message().c_str());
      failed = true;
    }
  }
  for (Scenario& s : scenarios) {
    if (!s.served || !s.distinct) continue;
    std::string ignored;
    const grpc::Status st = CallOnce(single[0], s.method, s.distinct(0),
                                     &ignored, absl::Seconds(60));
    if (!st.ok()) {
      std::fprintf(stderr, "%s with a distinct percentile answered %s: %s\n",
                   s.name.c_str(), StatusCodeName(st.error_code()).c_str(),
                   st.error_message().c_str());
      failed = true;
    }
  }
  auto measure = [&](const Scenario& s, const RequestSource& requests) {
    Measured m;
    LoadOptions one;
    one.concurrency = 1;
    one.warmup = o.warmup;
    one.duration = o.latency_duration;
    m.latency = RunClosedLoop(single, s.method, requests, one);
    LoadOptions many;
    many.concurrency = o.concurrency;
    many.warmup = o.warmup;
    many.duration = o.duration;
    if (s.kind == Kind::kHealth) {
      m.throughput = RunClosedLoop(channels, s.method, requests, many);
      return m;
    }
    many.warmup = o.warmup / o.rounds;
    PairedResult paired = RunPaired(channels, scenarios[0].method,
                                    FixedRequest(scenarios[0].request),
                                    s.method, requests, many, o.rounds);
    m.throughput = std::move(paired.measured);
    m.baseline = std::move(paired.baseline);
    m.round_ratios = std::move(paired.round_ratios);
    return m;
  };
  for (Scenario& s : scenarios) {
    if (!s.served) continue;
    std::fprintf(stderr, "running %s ...\n", s.name.c_str());
    if (s.distinct) s.unique = measure(s, s.distinct);
    s.same = measure(s, FixedRequest(s.request));
  }
  // Health alone again at the end: its difference from the start shows how
  // steady the machine was (the ratios divide by their own paired slices).
  Measured health_again;
  if (scenarios[0].served) {
    std::fprintf(stderr, "running %s again ...\n", scenarios[0].name.c_str());
    health_again = measure(scenarios[0], FixedRequest(scenarios[0].request));
  }
  auto loaded_final = ReadProcessMemory((*server)->pid());
  const int exit_code = (*server)->Stop(SIGTERM);
  if (exit_code != 0) {
    std::fprintf(stderr, "compdata-server exited with %d after SIGTERM\n",
                 exit_code);
    failed = true;
  }
  if (!loaded_final.ok()) {
    std::fprintf(stderr, "%s\n", loaded_final.status().ToString().c_str());
    return 1;
  }

  // The equivalent SQL, with the server stopped (it has the CPUs alone).
  auto sql = SqlBaseline::Connect(data_url, o.sql_work_mem);
  if (!sql.ok()) {
    std::fprintf(stderr, "%s\n", sql.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "running SQL baselines ...\n");
  std::vector<std::string> check_lines;
  if (!RunSqlCrossChecks(sql->get(), reference->roles[role_a].id,
                         reference->roles[role_b].id, o.sql_reps, &scenarios,
                         &check_lines)) {
    failed = true;
  }
  const std::string sql_settings = (*sql)->Settings();
  RunResults results;
  results.records = records;
  results.empty_ready = empty_ready;
  results.empty_exercised = empty_exercised;
  results.loaded_ready = *loaded_ready;
  results.loaded_exercised = *loaded_exercised;
  results.loaded_final = *loaded_final;
  results.cold_start = cold_start;
  results.first_code = first_code;
  results.health_again = std::move(health_again);
  results.check_lines = std::move(check_lines);
  results.sql_settings = sql_settings;
  PrintReport(o, scenarios, results);
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace compdata::bench

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // interleave with stderr
  compdata::bench::Options options;
  for (int i = 1; i < argc; ++i) {
    if (!compdata::bench::ParseFlag(argv[i], &options)) {
      std::fprintf(
          stderr,
          "bad flag %s\nusage: query_bench [--postings=N] [--reports=N] "
          "[--concurrency=N] [--channels=N] [--warmup=D] [--duration=D] "
          "[--latency_duration=D] [--sql_reps=N] [--sql_work_mem=SIZE] "
          "[--ready_timeout=D] [--reuse_data] [--server_arg=ARG ...]\n",
          argv[i]);
      return 2;
    }
  }
  const char* base = std::getenv("COMPDATA_BENCH_DATABASE_URL");
  if (base == nullptr) {
    std::fprintf(stderr,
                 "set COMPDATA_BENCH_DATABASE_URL (bench/query/run.sh does)\n");
    return 2;
  }
  return compdata::bench::Run(options, base);
}
