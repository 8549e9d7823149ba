// Read-path benchmark. With N postings + M reports loaded (default 1M + 1M),
// measures in one run:
//   * cold start: fork of compdata-server -> first GetSalaryDistribution
//     answer that is not UNAVAILABLE (snapshot loaded). Goal <= 5 s (2M).
//   * memory: VmRSS of the loaded server minus VmRSS of the same server on a
//     database holding only the reference data, per record. Goal <= 100 B.
//   * GetSalaryDistribution (plain and senior+remote) and CompareRoles (whole,
//     and with read_mask roles.pay,verdicts):
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
//   * BatchRead vs unary: GetSalaryDistribution's distinct requests as
//     unary calls and as items of BatchRead calls (--batch_items each,
//     --batch_streams outstanding), items per second of each in alternating
//     slices and the median ratio (batch_vs_unary.h). No goal.
//   * the equivalent SQL run directly on PostgreSQL (median of --sql_reps).
//     Goal: RPC p50 (one call at a time) <= 0.001 x SQL median (not for
//     the masked CompareRoles, which has no SQL equivalent).
// Prints a table, one `ratio ...` line per goal and one `GOAL ...` line per
// goal (MET / NOT MET / NOT MEASURED). Exits 0 whether or not goals are met;
// non-zero only when the benchmark itself fails.
//
//   query_bench [--postings=N] [--reports=N] [--concurrency=32] [--channels=4]
//               [--warmup=1s] [--duration=10s] [--rounds=15]
//               [--latency_duration=2s]
//               [--sql_reps=5] [--sql_work_mem=] [--ready_timeout=120s]
//               [--reuse_data] [--server_arg=--flag=value,...]
//               [--batch_items=100] [--batch_streams=4]
//   (bench/query/run.sh sets COMPDATA_BENCH_DATABASE_URL; the flags are
//   ABSL_FLAGs, bench_options.cc, --help lists them)

#include <signal.h>

#include <cstdio>
#include <optional>
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

using Channels = std::vector<std::shared_ptr<grpc::Channel>>;

void PrintHeader(const Options& o) {
  std::printf(
      "query_bench: %lld postings + %lld reports = %lld records, %u CPUs, "
      "concurrency %d on %d channels, %s warm-up + %s per run\n",
      static_cast<long long>(o.postings), static_cast<long long>(o.reports),
      static_cast<long long>(o.postings + o.reports),
      std::thread::hardware_concurrency(), o.concurrency, o.channels,
      absl::FormatDuration(o.warmup).c_str(),
      absl::FormatDuration(o.duration).c_str());
}

// The databases loaded and the reference data read back, with the compared
// roles in it; nullopt after saying what failed.
std::optional<Reference> PrepareReference(const Options& o,
                                          const std::string& base) {
  if (absl::Status s = PrepareDatabases(base, o); !s.ok()) {
    std::fprintf(stderr, "set-up failed: %s\n", s.ToString().c_str());
    return std::nullopt;
  }
  auto reference = ReadReference(WithDatabase(base, kDataDb));
  if (!reference.ok()) {
    std::fprintf(stderr, "%s\n", reference.status().ToString().c_str());
    return std::nullopt;
  }
  if (reference->RoleIndex(kRoleA) < 0 || reference->RoleIndex(kRoleB) < 0) {
    std::fprintf(stderr, "roles %s / %s not in the seed\n", kRoleA, kRoleB);
    return std::nullopt;
  }
  return *std::move(reference);
}

// Memory of the same server on the reference data only: the baseline.
// Read when ready and again after the same short burst of every RPC as the
// loaded server gets (gRPC's threads and per-connection buffers count
// alike). False after saying what failed.
bool MeasureEmptyServer(const Options& o, const std::string& base,
                        const std::vector<Scenario>& scenarios,
                        RunResults* results) {
  auto server = LaunchedServer::Launch(WithDatabase(base, kEmptyDb),
                                       o.server_args, kRoleA, o.ready_timeout);
  if (!server.ok()) {
    std::fprintf(stderr, "empty server: %s\n",
                 server.status().ToString().c_str());
    return false;
  }
  auto ready = ReadProcessMemory((*server)->pid());
  Exercise((*server)->target(), scenarios, o);
  auto exercised = ReadProcessMemory((*server)->pid());
  if (!ready.ok() || !exercised.ok()) {
    std::fprintf(stderr, "cannot read /proc/<pid>/status\n");
    return false;
  }
  results->empty_ready = *ready;
  results->empty_exercised = *exercised;
  (*server)->Stop(SIGTERM);
  return true;
}

// The loaded server's cold start and memory when ready and after the burst.
// False after saying what failed.
bool MeasureLoadedStart(const Options& o, LaunchedServer& server,
                        const std::vector<Scenario>& scenarios,
                        RunResults* results) {
  results->cold_start = server.ready_seconds();
  results->first_code = server.first_answer_code();
  std::printf(
      "cold start         %.3f s to the first read answer (%s), listening "
      "after %.3f s\n",
      results->cold_start, StatusCodeName(results->first_code).c_str(),
      server.listen_seconds());
  auto ready = ReadProcessMemory(server.pid());
  Exercise(server.target(), scenarios, o);
  auto exercised = ReadProcessMemory(server.pid());
  if (!ready.ok() || !exercised.ok()) {
    std::fprintf(stderr, "cannot read /proc/<pid>/status\n");
    return false;
  }
  results->loaded_ready = *ready;
  results->loaded_exercised = *exercised;
  return true;
}

// Calls each RPC once, plainly and with a distinct percentile, and marks
// those that answer as served: only they are driven. False when one fails
// with anything but UNIMPLEMENTED (a server without that RPC yet).
bool ProbeScenarios(const Channels& single, std::vector<Scenario>* scenarios) {
  bool ok = true;
  for (Scenario& s : *scenarios) {
    s.probe = CallOnce(single[0], s.method, s.request, &s.probe_response,
                       absl::Seconds(60));
    s.served = s.probe.ok();
    if (!s.probe.ok() &&
        s.probe.error_code() != grpc::StatusCode::UNIMPLEMENTED) {
      std::fprintf(stderr, "%s answered %s: %s\n", s.name.c_str(),
                   StatusCodeName(s.probe.error_code()).c_str(),
                   s.probe.error_message().c_str());
      ok = false;
    }
  }
  for (Scenario& s : *scenarios) {
    if (!s.served || !s.distinct) continue;
    std::string ignored;
    const grpc::Status st = CallOnce(single[0], s.method, s.distinct(0),
                                     &ignored, absl::Seconds(60));
    if (!st.ok()) {
      std::fprintf(stderr, "%s with a distinct percentile answered %s: %s\n",
                   s.name.c_str(), StatusCodeName(st.error_code()).c_str(),
                   st.error_message().c_str());
      ok = false;
    }
  }
  return ok;
}

// Drives the loaded server's RPCs: one call at a time for latency, then
// --concurrency calls for throughput.
class Driver {
 public:
  Driver(const Options& o, const std::string& target, const Scenario& health)
      : o_(o),
        channels_(MakeChannels(target, o.channels)),
        single_(MakeChannels(target, 1)),
        health_(health) {}

  const Channels& single() const { return single_; }

  // GetSalaryDistribution's distinct requests as unary calls and as
  // BatchRead items (batch_vs_unary.h).
  bench::BatchVsUnary BatchVsUnary(const RequestSource& distinct) const {
    return MeasureBatchVsUnary(channels_, distinct, o_);
  }

  // Throughput of the health RPC is measured alone; every other RPC's in
  // --rounds slices alternating with health's, so drift cancels out.
  Measured Measure(const Scenario& s, const RequestSource& requests) const {
    Measured m;
    LoadOptions one;
    one.concurrency = 1;
    one.warmup = o_.warmup;
    one.duration = o_.latency_duration;
    m.latency = RunClosedLoop(single_, s.method, requests, one);
    LoadOptions many;
    many.concurrency = o_.concurrency;
    many.warmup = o_.warmup;
    many.duration = o_.duration;
    if (s.kind == Kind::kHealth) {
      m.throughput = RunClosedLoop(channels_, s.method, requests, many);
      return m;
    }
    many.warmup = o_.warmup / o_.rounds;
    PairedResult paired =
        RunPaired(channels_, health_.method, FixedRequest(health_.request),
                  s.method, requests, many, o_.rounds);
    m.throughput = std::move(paired.measured);
    m.baseline = std::move(paired.baseline);
    m.round_ratios = std::move(paired.round_ratios);
    return m;
  }

 private:
  const Options& o_;
  const Channels channels_;
  const Channels single_;
  const Scenario& health_;
};

// Every served RPC in both request modes, then health alone again: its
// difference from the start shows how steady the machine was (the ratios
// divide by their own paired slices).
void RunScenarios(const Driver& driver, std::vector<Scenario>* scenarios,
                  RunResults* results) {
  for (Scenario& s : *scenarios) {
    if (!s.served) continue;
    std::fprintf(stderr, "running %s ...\n", s.name.c_str());
    if (s.distinct) s.unique = driver.Measure(s, s.distinct);
    s.same = driver.Measure(s, FixedRequest(s.request));
  }
  const Scenario& distribution = (*scenarios)[1];
  if (distribution.served) {
    std::fprintf(stderr, "running BatchRead vs unary ...\n");
    results->batch = driver.BatchVsUnary(distribution.distinct);
  }
  const Scenario& health = (*scenarios)[0];
  if (health.served) {
    std::fprintf(stderr, "running %s again ...\n", health.name.c_str());
    results->health_again =
        driver.Measure(health, FixedRequest(health.request));
  }
}

// The loaded server: cold start, memory, every RPC driven, memory at the end.
// 1 when the benchmark itself failed, 0 otherwise; *failed is set when a
// figure is not trustworthy (an RPC failed, the server did not exit cleanly).
int MeasureLoadedServer(const Options& o, const std::string& data_url,
                        std::vector<Scenario>* scenarios, RunResults* results,
                        bool* failed) {
  auto server =
      LaunchedServer::Launch(data_url, o.server_args, kRoleA, o.ready_timeout);
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  if (!MeasureLoadedStart(o, **server, *scenarios, results)) return 1;
  const Driver driver(o, (*server)->target(), (*scenarios)[0]);
  if (!ProbeScenarios(driver.single(), scenarios)) *failed = true;
  RunScenarios(driver, scenarios, results);
  auto loaded_final = ReadProcessMemory((*server)->pid());
  const int exit_code = (*server)->Stop(SIGTERM);
  if (exit_code != 0) {
    std::fprintf(stderr, "compdata-server exited with %d after SIGTERM\n",
                 exit_code);
    *failed = true;
  }
  if (!loaded_final.ok()) {
    std::fprintf(stderr, "%s\n", loaded_final.status().ToString().c_str());
    return 1;
  }
  results->loaded_final = *loaded_final;
  return 0;
}

// The equivalent SQL, run with the server stopped (it has the CPUs alone).
// 1 when the benchmark itself failed; *failed is set when a cross-check
// does not match.
int RunSql(const Options& o, const std::string& data_url,
           const Reference& reference, std::vector<Scenario>* scenarios,
           RunResults* results, bool* failed) {
  auto sql = SqlBaseline::Connect(data_url, o.sql_work_mem);
  if (!sql.ok()) {
    std::fprintf(stderr, "%s\n", sql.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "running SQL baselines ...\n");
  if (!RunSqlCrossChecks(sql->get(),
                         reference.roles[reference.RoleIndex(kRoleA)].id,
                         reference.roles[reference.RoleIndex(kRoleB)].id,
                         o.sql_reps, scenarios, &results->check_lines)) {
    *failed = true;
  }
  results->sql_settings = (*sql)->Settings();
  return 0;
}

int Run(const Options& o, const std::string& base) {
  PrintHeader(o);
  const std::optional<Reference> reference = PrepareReference(o, base);
  if (!reference) return 1;
  const std::string data_url = WithDatabase(base, kDataDb);
  std::vector<Scenario> scenarios = MakeScenarios();
  RunResults results;
  results.records = o.postings + o.reports;
  if (!MeasureEmptyServer(o, base, scenarios, &results)) return 1;
  bool failed = false;
  if (MeasureLoadedServer(o, data_url, &scenarios, &results, &failed) != 0 ||
      RunSql(o, data_url, *reference, &scenarios, &results, &failed) != 0) {
    return 1;
  }
  PrintReport(o, scenarios, results);
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace compdata::bench

int main(int argc, char** argv) {
  return compdata::bench::RunBenchmark(argc, argv, "bench/query/run.sh",
                                       compdata::bench::Run);
}
