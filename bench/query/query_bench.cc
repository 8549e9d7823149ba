// Read-path benchmark. With N postings + M reports loaded (default 1M + 1M),
// measures in one run:
//   * cold start: fork of compdata-server -> first GetSalaryDistribution
//     answer that is not UNAVAILABLE (snapshot loaded). Goal <= 5 s (2M).
//   * memory: VmRSS of the loaded server minus VmRSS of the same server on a
//     database holding only the reference data, per record. Goal <= 100 B.
//   * GetSalaryDistribution (plain and senior+remote) and CompareRoles:
//     latency p50/p99 one call at a time, and throughput (plus p50/p99) with
//     --concurrency calls outstanding, against grpc.health.v1.Health/Check
//     driven the same way on the same server. Goal: throughput >= 0.8 x
//     health. Each RPC runs twice: [distinct] requests (each call adds a
//     percentile unique to it, so a response cache cannot answer and the
//     engine computes every call; the goals use these) and the [same]
//     request over and over (a cache's best case; reported, no goal).
//   * the equivalent SQL run directly on PostgreSQL (median of --sql_reps).
//     Goal: RPC p50 (one call at a time) <= 0.001 x SQL median.
// Prints a table, one `ratio ...` line per goal and one `GOAL ...` line per
// goal (MET / NOT MET / NOT MEASURED). Exits 0 whether or not goals are met;
// non-zero only when the benchmark itself fails.
//
//   query_bench [--postings=N] [--reports=N] [--concurrency=32] [--channels=4]
//               [--warmup=1s] [--duration=5s] [--latency_duration=2s]
//               [--sql_reps=5] [--sql_work_mem=] [--ready_timeout=120s]
//               [--reuse_data] [--server_arg=--flag=value ...]
//   (bench/query/run.sh sets COMPDATA_BENCH_DATABASE_URL)

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "bench/query/dataset.h"
#include "bench/query/load_generator.h"
#include "bench/query/server_launcher.h"
#include "bench/query/sql_baseline.h"
#include "client/client.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "tests/support/ingest_data.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kEmptyDb[] = "bench_query_empty";
constexpr char kDataDb[] = "bench_query";
constexpr char kRoleA[] = "ai-engineer";
constexpr char kRoleB[] = "software-engineer";
constexpr char kHealthMethod[] = "/grpc.health.v1.Health/Check";

// Goals of the issue.
constexpr double kMinThroughputRatio = 0.8;
constexpr double kMaxLatencyRatio = 0.001;
constexpr double kMaxColdStartSeconds = 5;
constexpr double kMaxBytesPerRecord = 100;
constexpr int64_t kGoalRecords = 2000000;

struct Options {
  int64_t postings = 1000000;
  int64_t reports = 1000000;
  int concurrency = 32;
  int channels = 4;
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(5);
  absl::Duration latency_duration = absl::Seconds(2);
  int sql_reps = 5;
  std::string sql_work_mem;
  absl::Duration ready_timeout = absl::Seconds(120);
  bool reuse_data = false;
  std::vector<std::string> server_args;
};

bool ParseFlag(const char* arg, Options* o) {
  absl::string_view a = arg;
  auto value = [&](absl::string_view name, absl::string_view* out) {
    if (!absl::ConsumePrefix(&a, name)) return false;
    *out = a;
    return true;
  };
  absl::string_view v;
  if (value("--postings=", &v))
    return absl::SimpleAtoi(v, &o->postings) && o->postings >= 0;
  if (value("--reports=", &v))
    return absl::SimpleAtoi(v, &o->reports) && o->reports >= 0;
  if (value("--concurrency=", &v))
    return absl::SimpleAtoi(v, &o->concurrency) && o->concurrency > 0;
  if (value("--channels=", &v))
    return absl::SimpleAtoi(v, &o->channels) && o->channels > 0;
  if (value("--warmup=", &v)) return absl::ParseDuration(v, &o->warmup);
  if (value("--duration=", &v))
    return absl::ParseDuration(v, &o->duration) &&
           o->duration > absl::ZeroDuration();
  if (value("--latency_duration=", &v))
    return absl::ParseDuration(v, &o->latency_duration) &&
           o->latency_duration > absl::ZeroDuration();
  if (value("--sql_reps=", &v))
    return absl::SimpleAtoi(v, &o->sql_reps) && o->sql_reps > 0;
  if (value("--sql_work_mem=", &v)) {
    o->sql_work_mem = std::string(v);
    return true;
  }
  if (value("--ready_timeout=", &v))
    return absl::ParseDuration(v, &o->ready_timeout);
  if (value("--server_arg=", &v)) {
    o->server_args.emplace_back(v);
    return true;
  }
  if (a == "--reuse_data") {
    o->reuse_data = true;
    return true;
  }
  return false;
}

std::string WithDatabase(const std::string& url, const std::string& db) {
  return url.substr(0, url.rfind('/') + 1) + db;
}

void Exec(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction(conn).exec(sql);
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double MiB(int64_t bytes) { return bytes / 1048576.0; }

double ToDouble(const google::type::Money& m) {
  return m.units() + m.nanos() / 1e9;
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

absl::Status PrepareDatabases(const std::string& base, const Options& o) {
  const std::string empty_url = WithDatabase(base, kEmptyDb);
  const std::string data_url = WithDatabase(base, kDataDb);
  if (o.reuse_data) {
    const auto counts = DataCounts(base);
    if (counts.has_value() && counts->first == o.postings &&
        counts->second == o.reports) {
      std::printf(
          "data               reusing %s (%lld postings, %lld reports)\n",
          kDataDb, static_cast<long long>(o.postings),
          static_cast<long long>(o.reports));
      return absl::OkStatus();
    }
    std::printf("data               --reuse_data: no matching %s, loading\n",
                kDataDb);
  }
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
  // Reference data (roles, skills, ladders, transitions) through the server.
  const auto seed_start = Clock::now();
  {
    auto server = LaunchedServer::Launch(empty_url, o.server_args, kRoleA,
                                         o.ready_timeout);
    if (!server.ok()) return server.status();
    auto client =
        Client::Create(ClientOptions{(*server)->target(), absl::Minutes(5)});
    if (!client.ok()) return client.status();
    testing::LoadSeed(**client);
    if (::testing::UnitTest::GetInstance()->ad_hoc_test_result().Failed()) {
      return absl::InternalError("loading db/seed through the server failed");
    }
    (*server)->Stop(SIGTERM);
  }
  const double seed_seconds = Seconds(seed_start);
  // The data database starts as a copy of the seeded one: same ids.
  try {
    Exec(base,
         absl::StrCat("CREATE DATABASE ", kDataDb, " TEMPLATE ", kEmptyDb));
  } catch (const std::exception& e) {
    return absl::InternalError(e.what());
  }
  auto reference = ReadReference(data_url);
  if (!reference.ok()) return reference.status();
  auto load =
      LoadDataset(data_url, *reference, o.postings, o.reports, absl::Now());
  if (!load.ok()) return load.status();
  std::printf(
      "data               seed via RPC %.1f s; COPY %lld postings + %lld "
      "posting_skills + %lld reports %.1f s%s; VACUUM ANALYZE %.1f s\n",
      seed_seconds, static_cast<long long>(load->postings),
      static_cast<long long>(load->posting_skills),
      static_cast<long long>(load->reports), load->copy_seconds,
      load->triggers_skipped ? " (FK/version triggers skipped)" : "",
      load->vacuum_seconds);
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// RPC scenarios
// ---------------------------------------------------------------------------

enum class Kind { kHealth, kDistribution, kCompare };

// A statistics RPC is driven two ways:
//   distinct: every call asks for one more percentile whose value is unique
//             to the call (the rest of the request fixed), so a response
//             cache can never answer it and the engine computes every call;
//             the extra percentile costs one selection. The goals are judged
//             on this.
//   same:     the identical request every time: a response cache's best case.
struct Measured {
  LoadResult latency;     // one call at a time
  LoadResult throughput;  // --concurrency outstanding
};

struct Scenario {
  std::string name;
  Kind kind;
  std::string method;
  std::string request;     // serialised; the probe and the "same" mode
  RequestSource distinct;  // empty for the health check
  SqlFilter sql_filter;

  // Filled by the run.
  grpc::Status probe;
  std::string probe_response;
  bool served = false;
  Measured same;
  Measured unique;  // the "distinct" mode
  SqlTiming sql;
  bool sql_ok = false;
};

// A percentile in [0, 100) unique to call n (for n < 10^8).
double UniquePercentile(uint64_t n) {
  return static_cast<double>(n % 100000000) * 1e-6;
}

Scenario MakeScenario(std::string name, Kind kind, std::string method,
                      std::string request, RequestSource distinct,
                      SqlFilter filter = {}) {
  Scenario s;
  s.name = std::move(name);
  s.kind = kind;
  s.method = std::move(method);
  s.request = std::move(request);
  s.distinct = std::move(distinct);
  s.sql_filter = std::move(filter);
  return s;
}

Scenario DistributionScenario(const std::string& name,
                              const v1::GetSalaryDistributionRequest& r,
                              SqlFilter filter) {
  return MakeScenario(
      name, Kind::kDistribution,
      absl::StrCat("/", v1::CompensationService::service_full_name(),
                   "/GetSalaryDistribution"),
      r.SerializeAsString(),
      [r](uint64_t n) {
        v1::GetSalaryDistributionRequest q = r;
        for (double p : {10, 25, 50, 75, 90}) q.add_percentiles(p);
        q.add_percentiles(UniquePercentile(n));
        return q.SerializeAsString();
      },
      std::move(filter));
}

std::vector<Scenario> MakeScenarios() {
  std::vector<Scenario> out;
  out.push_back(
      MakeScenario("health.Check", Kind::kHealth, kHealthMethod, "", nullptr));
  {
    v1::GetSalaryDistributionRequest r;
    r.set_role(kRoleA);
    out.push_back(DistributionScenario(
        absl::StrCat("GetSalaryDistribution ", kRoleA), r, {}));
  }
  {
    v1::GetSalaryDistributionRequest r;
    r.set_role(kRoleA);
    r.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
    r.mutable_filter()->set_remote(v1::REMOTE_FILTER_REMOTE_ONLY);
    out.push_back(DistributionScenario(
        absl::StrCat("GetSalaryDistribution ", kRoleA, " senior+remote"), r,
        SqlFilter{"senior", true}));
  }
  {
    v1::CompareRolesRequest r;
    r.add_roles(kRoleA);
    r.add_roles(kRoleB);
    out.push_back(MakeScenario(
        absl::StrCat("CompareRoles ", kRoleA, " vs ", kRoleB), Kind::kCompare,
        absl::StrCat("/", v1::CompensationService::service_full_name(),
                     "/CompareRoles"),
        r.SerializeAsString(), [r](uint64_t n) {
          v1::CompareRolesRequest q = r;
          q.add_percentiles(UniquePercentile(n));
          return q.SerializeAsString();
        }));
  }
  return out;
}

// For the VmRSS reading: a short burst of every scenario, so gRPC's threads
// and per-connection buffers are counted on both servers alike. The same
// request each time: a response cache (bounded, unrelated to the data size)
// stays nearly empty here; the final reading includes it.
void Exercise(const std::string& target, const std::vector<Scenario>& scenarios,
              const Options& o) {
  const auto channels = MakeChannels(target, o.channels);
  LoadOptions burst;
  burst.concurrency = o.concurrency;
  burst.warmup = absl::ZeroDuration();
  burst.duration = absl::Milliseconds(500);
  for (const Scenario& s : scenarios) {
    RunClosedLoop(channels, s.method, FixedRequest(s.request), burst);
  }
}

// ---------------------------------------------------------------------------
// Cross-checks of the RPC answers against SQL (warnings, not errors)
// ---------------------------------------------------------------------------

void Check(std::vector<std::string>* issues, const std::string& what,
           double rpc, double sql, double tolerance) {
  if (std::fabs(rpc - sql) > tolerance) {
    issues->push_back(absl::StrFormat("%s rpc %.2f sql %.2f", what, rpc, sql));
  }
}

std::vector<std::string> CheckDistribution(const std::string& bytes,
                                           const SqlDistribution& sql) {
  std::vector<std::string> issues;
  v1::GetSalaryDistributionResponse r;
  if (!r.ParseFromString(bytes)) return {"response does not parse"};
  const v1::PayDistribution& d = r.distribution();
  Check(&issues, "count", static_cast<double>(d.count()),
        static_cast<double>(sql.count), 0);
  Check(&issues, "report_count",
        static_cast<double>(r.quality().report_count()),
        static_cast<double>(sql.reports), 0);
  for (int i = 0;
       i < d.percentiles_size() && i < static_cast<int>(sql.percentiles.size());
       ++i) {
    Check(&issues, absl::StrCat("p", d.percentiles(i).percentile()),
          ToDouble(d.percentiles(i).value()), sql.percentiles[i], 0.011);
  }
  Check(&issues, "mean", ToDouble(d.mean()), sql.mean, 0.011);
  Check(&issues, "min", ToDouble(d.min()), sql.min, 0.011);
  Check(&issues, "max", ToDouble(d.max()), sql.max, 0.011);
  return issues;
}

std::vector<std::string> CheckCompare(const std::string& bytes,
                                      const SqlComparison& sql) {
  std::vector<std::string> issues;
  v1::CompareRolesResponse r;
  if (!r.ParseFromString(bytes)) return {"response does not parse"};
  Check(&issues, "total_tracked_postings",
        static_cast<double>(r.total_tracked_postings()),
        static_cast<double>(sql.tracked), 0);
  for (int i = 0; i < r.roles_size() && i < static_cast<int>(sql.roles.size());
       ++i) {
    const v1::RoleComparison& rc = r.roles(i);
    const SqlRoleComparison& s = sql.roles[i];
    const std::string p = rc.role().slug() + " ";
    Check(&issues, p + "sample_size",
          static_cast<double>(rc.pay().quality().sample_size()),
          static_cast<double>(s.count), 0);
    Check(&issues, p + "median", ToDouble(rc.pay().median()), s.median, 0.011);
    Check(&issues, p + "mean", ToDouble(rc.pay().mean()), s.mean, 0.011);
    Check(&issues, p + "p25", ToDouble(rc.pay().average_range().low()), s.p25,
          0.011);
    Check(&issues, p + "p75", ToDouble(rc.pay().p75()), s.p75, 0.011);
    Check(&issues, p + "open_positions",
          static_cast<double>(rc.open_positions()), static_cast<double>(s.open),
          0);
    for (const v1::LevelPay& lp : rc.pay_by_level()) {
      const int level = static_cast<int>(lp.seniority_level());
      static const char* kLevels[] = {"",       "entry", "mid",
                                      "senior", "staff", "principal"};
      if (level < 1 || level > 5) continue;
      auto it = s.level_median.find(kLevels[level]);
      if (it != s.level_median.end()) {
        Check(&issues, p + kLevels[level] + " median", ToDouble(lp.median()),
              it->second, 0.011);
      }
    }
    auto check_top =
        [&](const std::string& what, auto names,
            const std::vector<std::pair<std::string, int64_t>>& expected) {
          if (names != expected) {
            issues.push_back(
                absl::StrCat(p, what, " differ (first rpc ",
                             names.empty() ? "-" : names[0].first, ", sql ",
                             expected.empty() ? "-" : expected[0].first, ")"));
          }
        };
    std::vector<std::pair<std::string, int64_t>> companies, metros, skills;
    for (const auto& c : rc.top_companies()) {
      companies.emplace_back(c.company(), c.posting_count());
    }
    for (const auto& m : rc.top_metros()) {
      metros.emplace_back(m.metro(), m.posting_count());
    }
    for (const auto& k : rc.top_skills()) {
      skills.emplace_back(k.skill().slug(), k.posting_count());
    }
    check_top("top_companies", companies, s.top_companies);
    check_top("top_metros", metros, s.top_metros);
    check_top("top_skills", skills, s.top_skills);
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

struct Goal {
  std::string name;
  std::string verdict;  // MET, NOT MET, NOT MEASURED
  std::string note;
};

std::string Verdict(bool met) { return met ? "MET" : "NOT MET"; }

std::string Ms(double ms) {
  if (std::isnan(ms)) return "-";
  return ms < 1 ? absl::StrFormat("%.3f", ms) : absl::StrFormat("%.2f", ms);
}

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
    m.throughput = RunClosedLoop(channels, s.method, requests, many);
    return m;
  };
  for (Scenario& s : scenarios) {
    if (!s.served) continue;
    std::fprintf(stderr, "running %s ...\n", s.name.c_str());
    if (s.distinct) s.unique = measure(s, s.distinct);
    s.same = measure(s, FixedRequest(s.request));
  }
  // The baseline again at the end: the ratios use the mean of both runs, and
  // their difference shows how steady the machine was.
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
  for (Scenario& s : scenarios) {
    std::vector<std::string> issues;
    if (s.kind == Kind::kDistribution) {
      auto d = (*sql)->Distribution(reference->roles[role_a].id, s.sql_filter,
                                    o.sql_reps, &s.sql);
      s.sql_ok = d.ok();
      if (!d.ok()) {
        std::fprintf(stderr, "SQL %s: %s\n", s.name.c_str(),
                     d.status().ToString().c_str());
        failed = true;
        continue;
      }
      check_lines.push_back(absl::StrFormat(
          "sql %-44s n=%lld (%lld postings, %lld reports) median %.2f", s.name,
          static_cast<long long>(d->count), static_cast<long long>(d->postings),
          static_cast<long long>(d->reports),
          d->percentiles.size() > 2 ? d->percentiles[2] : NAN));
      if (s.served) issues = CheckDistribution(s.probe_response, *d);
    } else if (s.kind == Kind::kCompare) {
      auto c = (*sql)->Compare(
          {reference->roles[role_a].id, reference->roles[role_b].id}, 8,
          o.sql_reps, &s.sql);
      s.sql_ok = c.ok();
      if (!c.ok()) {
        std::fprintf(stderr, "SQL %s: %s\n", s.name.c_str(),
                     c.status().ToString().c_str());
        failed = true;
        continue;
      }
      for (const SqlRoleComparison& r : c->roles) {
        check_lines.push_back(absl::StrFormat(
            "sql %-44s n=%lld median %.2f open %lld of %lld tracked, top "
            "skill %s",
            s.name, static_cast<long long>(r.count), r.median,
            static_cast<long long>(r.open), static_cast<long long>(c->tracked),
            r.top_skills.empty() ? "-" : r.top_skills[0].first));
      }
      if (s.served) issues = CheckCompare(s.probe_response, *c);
    }
    if (s.served && s.kind != Kind::kHealth) {
      check_lines.push_back(
          issues.empty()
              ? absl::StrCat("check ", s.name, ": RPC answer equals SQL")
              : absl::StrCat("check ", s.name,
                             ": WARNING RPC differs from SQL: ",
                             absl::StrJoin(issues, "; ")));
    }
  }
  const std::string sql_settings = (*sql)->Settings();

  // ---- table ----
  auto per_record = [&](const ProcessMemory& loaded,
                        const ProcessMemory& empty) {
    return records > 0
               ? static_cast<double>(loaded.rss_bytes - empty.rss_bytes) /
                     records
               : NAN;
  };
  const double ready_per_record = per_record(*loaded_ready, empty_ready);
  const double exercised_per_record =
      per_record(*loaded_exercised, empty_exercised);
  std::printf(
      "memory (VmRSS)     reference data only: %.1f MiB when ready, %.1f MiB "
      "after a burst of each RPC\n"
      "                   loaded:              %.1f MiB when ready, %.1f MiB "
      "after the burst, %.1f MiB at the end (peak %.1f MiB)\n",
      MiB(empty_ready.rss_bytes), MiB(empty_exercised.rss_bytes),
      MiB(loaded_ready->rss_bytes), MiB(loaded_exercised->rss_bytes),
      MiB(loaded_final->rss_bytes), MiB(loaded_final->peak_bytes));
  std::printf(
      "memory per record  %.1f bytes when ready, %.1f bytes after the burst "
      "((loaded - reference only) / %lld records)\n",
      ready_per_record, exercised_per_record, static_cast<long long>(records));
  std::printf("\n%-60s %-14s %9s %9s %10s %9s %9s %8s %7s %10s\n", "rpc",
              "status", "p50 c=1", "p99 c=1", "calls/s", "p50 c=N", "p99 c=N",
              "resp B", "errors", "sql p50");
  auto row = [](const std::string& label, const std::string& status,
                const Measured& m, const std::string& sql_ms) {
    std::printf("%-60s %-14s %9s %9s %10.0f %9s %9s %8lld %7lld %10s\n",
                label.c_str(), status.c_str(),
                Ms(m.latency.LatencyMs(50)).c_str(),
                Ms(m.latency.LatencyMs(99)).c_str(), m.throughput.throughput(),
                Ms(m.throughput.LatencyMs(50)).c_str(),
                Ms(m.throughput.LatencyMs(99)).c_str(),
                static_cast<long long>(m.throughput.response_bytes),
                static_cast<long long>(m.latency.failed + m.throughput.failed),
                sql_ms.c_str());
    if (m.latency.failed + m.throughput.failed > 0) {
      std::printf("  failures: %s\n", !m.throughput.first_failure.empty()
                                          ? m.throughput.first_failure.c_str()
                                          : m.latency.first_failure.c_str());
    }
  };
  for (const Scenario& s : scenarios) {
    const std::string status =
        s.probe.ok() ? "OK" : StatusCodeName(s.probe.error_code());
    const std::string sql_ms =
        s.sql_ok ? absl::StrCat(Ms(s.sql.median_ms()), " ms") : "-";
    if (!s.served) {
      std::printf("%-60s %-14s %9s %9s %10s %9s %9s %8s %7s %10s\n",
                  s.name.c_str(), status.c_str(), "-", "-", "-", "-", "-", "-",
                  "-", sql_ms.c_str());
      continue;
    }
    if (s.distinct) {
      row(s.name + " [distinct]", status, s.unique, sql_ms);
      row(s.name + " [same]", status, s.same, sql_ms);
    } else {
      row(s.name, status, s.same, sql_ms);
    }
  }
  if (scenarios[0].served) {
    row(scenarios[0].name + " (again, at the end)", "OK", health_again, "-");
  }
  std::printf(
      "(latencies in ms; c=1: one call at a time for %s; c=N: %d "
      "outstanding for %s; sql: median of %d, %s)\n"
      "([distinct]: each call adds a percentile unique to it, so no response "
      "cache can answer; goals use it. [same]: one identical request, a "
      "cache's best case)\n",
      absl::FormatDuration(o.latency_duration).c_str(), o.concurrency,
      absl::FormatDuration(o.duration).c_str(), o.sql_reps,
      sql_settings.c_str());
  for (const Scenario& s : scenarios) {
    if (!s.served && s.kind != Kind::kHealth) {
      std::printf("%s: %s (%s) - not served yet, not measured\n",
                  s.name.c_str(), StatusCodeName(s.probe.error_code()).c_str(),
                  s.probe.error_message().c_str());
    }
  }
  std::printf("\n");
  for (const std::string& line : check_lines) std::printf("%s\n", line.c_str());
  std::printf("\n");

  // ---- ratios and goals ----
  std::vector<Goal> goals;
  const Scenario& health = scenarios[0];
  const bool health_ok = health.served && health.same.throughput.ok > 0 &&
                         health_again.throughput.ok > 0;
  const double health_rate = health_ok
                                 ? (health.same.throughput.throughput() +
                                    health_again.throughput.throughput()) /
                                       2
                                 : 0;
  if (health_ok) {
    std::printf(
        "baseline health.Check %.0f calls/s (mean of %.0f at the start and "
        "%.0f at the end)\n",
        health_rate, health.same.throughput.throughput(),
        health_again.throughput.throughput());
  }
  for (const Scenario& s : scenarios) {
    if (s.kind == Kind::kHealth) continue;
    const std::string goal_name = absl::StrFormat(
        "throughput %s >= %.1f x health.Check", s.name, kMinThroughputRatio);
    if (s.served && health_ok && s.unique.throughput.ok > 0) {
      const double ratio = s.unique.throughput.throughput() / health_rate;
      std::printf("ratio throughput %s / health.Check = %.4g (goal >= %.1f)\n",
                  s.name.c_str(), ratio, kMinThroughputRatio);
      goals.push_back({goal_name, Verdict(ratio >= kMinThroughputRatio), ""});
    } else {
      const std::string why = s.served ? "no successful calls"
                                       : StatusCodeName(s.probe.error_code());
      std::printf("ratio throughput %s / health.Check = n/a (%s)\n",
                  s.name.c_str(), why.c_str());
      goals.push_back({goal_name, "NOT MEASURED", why});
    }
  }
  for (const Scenario& s : scenarios) {
    if (s.kind == Kind::kHealth) continue;
    const std::string goal_name =
        absl::StrFormat("p50 %s <= %g x SQL", s.name, kMaxLatencyRatio);
    if (s.served && s.sql_ok && s.unique.latency.ok > 0) {
      const double rpc_ms = s.unique.latency.LatencyMs(50);
      const double ratio = rpc_ms / s.sql.median_ms();
      std::printf(
          "ratio p50 %s / sql = %.4g (rpc %s ms, sql %s ms; goal <= %g)\n",
          s.name.c_str(), ratio, Ms(rpc_ms).c_str(),
          Ms(s.sql.median_ms()).c_str(), kMaxLatencyRatio);
      goals.push_back({goal_name, Verdict(ratio <= kMaxLatencyRatio), ""});
    } else {
      const std::string why =
          !s.served ? StatusCodeName(s.probe.error_code())
                    : (!s.sql_ok ? "SQL failed" : "no successful calls");
      std::printf("ratio p50 %s / sql = n/a (%s)\n", s.name.c_str(),
                  why.c_str());
      goals.push_back({goal_name, "NOT MEASURED", why});
    }
  }
  // The same figures for one repeated request (no goal).
  for (const Scenario& s : scenarios) {
    if (s.kind == Kind::kHealth || !s.served || !health_ok ||
        s.same.throughput.ok == 0) {
      continue;
    }
    std::printf(
        "info [same request] %s: throughput / health.Check = %.4g, p50 / sql "
        "= %.4g\n",
        s.name.c_str(), s.same.throughput.throughput() / health_rate,
        s.sql_ok ? s.same.latency.LatencyMs(50) / s.sql.median_ms() : NAN);
  }
  // Cold start and memory are only meaningful once the server loads a
  // snapshot, i.e. once GetSalaryDistribution answers.
  const bool reads_served = scenarios[1].served;
  std::string caveat;
  if (!reads_served) {
    caveat = absl::StrCat("provisional: GetSalaryDistribution answers ",
                          StatusCodeName(first_code),
                          ", so no snapshot load is measured");
  }
  if (records != kGoalRecords) {
    caveat += absl::StrCat(caveat.empty() ? "" : "; ", "scaled run: ", records,
                           " records, the goal is stated for ", kGoalRecords);
  }
  std::printf(
      "ratio cold_start / %.0f s = %.3f (cold start %.3f s; goal <= 1)\n",
      kMaxColdStartSeconds, cold_start / kMaxColdStartSeconds, cold_start);
  goals.push_back(
      {absl::StrFormat("cold start <= %.0f s", kMaxColdStartSeconds),
       Verdict(cold_start <= kMaxColdStartSeconds), caveat});
  const double bytes_per_record =
      std::max(ready_per_record, exercised_per_record);
  std::printf(
      "ratio rss_per_record / %.0f B = %.3f (%.1f bytes/record, the larger of "
      "when ready / after the burst; goal <= 1)\n",
      kMaxBytesPerRecord, bytes_per_record / kMaxBytesPerRecord,
      bytes_per_record);
  goals.push_back({absl::StrFormat("resident memory <= %.0f bytes/record",
                                   kMaxBytesPerRecord),
                   Verdict(bytes_per_record <= kMaxBytesPerRecord),
                   reads_served ? (records != kGoalRecords ? "scaled run" : "")
                                : "provisional: no snapshot served yet"});
  std::printf("\n");
  for (const Goal& g : goals) {
    std::printf("GOAL %-76s %s%s\n", g.name.c_str(), g.verdict.c_str(),
                g.note.empty() ? "" : absl::StrCat(" (", g.note, ")").c_str());
  }
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
