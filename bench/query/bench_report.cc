#include "bench/query/bench_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"

namespace compdata::bench {
namespace {

// Goals of the issue.
constexpr double kMinThroughputRatio = 0.8;
constexpr double kMaxLatencyRatio = 0.001;
constexpr double kMaxColdStartSeconds = 5;
constexpr double kMaxBytesPerRecord = 100;
constexpr int64_t kGoalRecords = 2000000;

double MiB(int64_t bytes) { return bytes / 1048576.0; }

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

// (loaded - reference only) resident bytes per record.
double PerRecord(const RunResults& r, const ProcessMemory& loaded,
                 const ProcessMemory& empty) {
  return r.records > 0
             ? static_cast<double>(loaded.rss_bytes - empty.rss_bytes) /
                   r.records
             : NAN;
}

void PrintMemory(const RunResults& r) {
  std::printf(
      "memory (VmRSS)     reference data only: %.1f MiB when ready, %.1f MiB "
      "after a burst of each RPC\n"
      "                   loaded:              %.1f MiB when ready, %.1f MiB "
      "after the burst, %.1f MiB at the end (peak %.1f MiB)\n",
      MiB(r.empty_ready.rss_bytes), MiB(r.empty_exercised.rss_bytes),
      MiB(r.loaded_ready.rss_bytes), MiB(r.loaded_exercised.rss_bytes),
      MiB(r.loaded_final.rss_bytes), MiB(r.loaded_final.peak_bytes));
  std::printf(
      "memory per record  %.1f bytes when ready, %.1f bytes after the burst "
      "((loaded - reference only) / %lld records)\n",
      PerRecord(r, r.loaded_ready, r.empty_ready),
      PerRecord(r, r.loaded_exercised, r.empty_exercised),
      static_cast<long long>(r.records));
}

void PrintRow(const std::string& label, const std::string& status,
              const Measured& m, const std::string& sql_ms) {
  std::printf("%-72s %-14s %9s %9s %10.0f %9s %9s %8lld %7lld %10s\n",
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
}

void PrintTableRows(const std::vector<Scenario>& scenarios,
                    const RunResults& r) {
  std::printf("\n%-72s %-14s %9s %9s %10s %9s %9s %8s %7s %10s\n", "rpc",
              "status", "p50 c=1", "p99 c=1", "calls/s", "p50 c=N", "p99 c=N",
              "resp B", "errors", "sql p50");
  for (const Scenario& s : scenarios) {
    const std::string status =
        s.probe.ok() ? "OK" : StatusCodeName(s.probe.error_code());
    const std::string sql_ms =
        s.sql_ok ? absl::StrCat(Ms(s.sql.median_ms()), " ms") : "-";
    if (!s.served) {
      std::printf("%-72s %-14s %9s %9s %10s %9s %9s %8s %7s %10s\n",
                  s.name.c_str(), status.c_str(), "-", "-", "-", "-", "-", "-",
                  "-", sql_ms.c_str());
      continue;
    }
    if (s.distinct) {
      PrintRow(s.name + " [distinct]", status, s.unique, sql_ms);
      PrintRow(s.name + " [same]", status, s.same, sql_ms);
    } else {
      PrintRow(s.name, status, s.same, sql_ms);
    }
  }
  if (scenarios[0].served) {
    PrintRow(scenarios[0].name + " (again, at the end)", "OK", r.health_again,
             "-");
  }
}

void PrintTableNotes(const Options& o, const std::vector<Scenario>& scenarios,
                     const RunResults& r) {
  std::printf(
      "(latencies in ms; c=1: one call at a time for %s; c=N: %d "
      "outstanding for %s; sql: median of %d, %s)\n"
      "([distinct]: each call adds a percentile unique to it, so no response "
      "cache can answer; goals use it. [same]: one identical request, a "
      "cache's best case)\n",
      absl::FormatDuration(o.latency_duration).c_str(), o.concurrency,
      absl::FormatDuration(o.duration).c_str(), o.sql_reps,
      r.sql_settings.c_str());
  for (const Scenario& s : scenarios) {
    if (!s.served && s.kind != Kind::kHealth) {
      std::printf("%s: %s (%s) - not served yet, not measured\n",
                  s.name.c_str(), StatusCodeName(s.probe.error_code()).c_str(),
                  s.probe.error_message().c_str());
    }
  }
  std::printf("\n");
  for (const std::string& line : r.check_lines)
    std::printf("%s\n", line.c_str());
  std::printf("\n");
}

void PrintHealthDrift(const std::vector<Scenario>& scenarios,
                      const RunResults& r) {
  const Scenario& health = scenarios[0];
  if (!health.served || health.same.throughput.ok == 0 ||
      r.health_again.throughput.ok == 0) {
    return;
  }
  std::printf(
      "health.Check alone: %.0f calls/s at the start, %.0f at the end (the "
      "machine's drift; each throughput ratio below divides by its own "
      "alternating health slices)\n",
      health.same.throughput.throughput(),
      r.health_again.throughput.throughput());
}

Goal ThroughputGoal(const Scenario& s) {
  const std::string goal_name = absl::StrFormat(
      "throughput %s >= %.1f x health.Check", s.name, kMinThroughputRatio);
  if (s.served && s.unique.baseline.ok > 0 && s.unique.throughput.ok > 0) {
    const std::vector<double>& rounds = s.unique.round_ratios;
    const double ratio = MedianRatio(rounds);
    std::printf(
        "ratio throughput %s / health.Check = %.4g (median of %zu paired "
        "rounds, %.3g to %.3g; pooled %.4g: %.0f vs %.0f calls/s; goal >= "
        "%.1f)\n",
        s.name.c_str(), ratio, rounds.size(),
        *std::min_element(rounds.begin(), rounds.end()),
        *std::max_element(rounds.begin(), rounds.end()),
        s.unique.throughput.throughput() / s.unique.baseline.throughput(),
        s.unique.throughput.throughput(), s.unique.baseline.throughput(),
        kMinThroughputRatio);
    return {goal_name, Verdict(ratio >= kMinThroughputRatio), ""};
  }
  const std::string why =
      s.served ? "no successful calls" : StatusCodeName(s.probe.error_code());
  std::printf("ratio throughput %s / health.Check = n/a (%s)\n", s.name.c_str(),
              why.c_str());
  return {goal_name, "NOT MEASURED", why};
}

Goal LatencyGoal(const Scenario& s) {
  const std::string goal_name =
      absl::StrFormat("p50 %s <= %g x SQL", s.name, kMaxLatencyRatio);
  if (s.served && s.sql_ok && s.unique.latency.ok > 0) {
    const double rpc_ms = s.unique.latency.LatencyMs(50);
    const double ratio = rpc_ms / s.sql.median_ms();
    std::printf(
        "ratio p50 %s / sql = %.4g (rpc %s ms, sql %s ms; goal <= %g)\n",
        s.name.c_str(), ratio, Ms(rpc_ms).c_str(),
        Ms(s.sql.median_ms()).c_str(), kMaxLatencyRatio);
    return {goal_name, Verdict(ratio <= kMaxLatencyRatio), ""};
  }
  const std::string why =
      !s.served ? StatusCodeName(s.probe.error_code())
                : (!s.sql_ok ? "SQL failed" : "no successful calls");
  std::printf("ratio p50 %s / sql = n/a (%s)\n", s.name.c_str(), why.c_str());
  return {goal_name, "NOT MEASURED", why};
}

// The same figures for one repeated request (no goal).
void PrintSameRequestRatios(const std::vector<Scenario>& scenarios) {
  for (const Scenario& s : scenarios) {
    if (s.kind == Kind::kHealth || !s.served || s.same.baseline.ok == 0 ||
        s.same.throughput.ok == 0) {
      continue;
    }
    std::printf(
        "info [same request] %s: throughput / health.Check = %.4g, p50 / sql "
        "= %.4g\n",
        s.name.c_str(), MedianRatio(s.same.round_ratios),
        s.sql_ok ? s.same.latency.LatencyMs(50) / s.sql.median_ms() : NAN);
  }
}

// Cold start and memory are only meaningful once the server loads a
// snapshot, i.e. once GetSalaryDistribution answers; and their goals are
// stated for kGoalRecords.
void AddStartAndMemoryGoals(const std::vector<Scenario>& scenarios,
                            const RunResults& r, std::vector<Goal>* goals) {
  const bool reads_served = scenarios[1].served;
  std::string caveat;
  if (!reads_served) {
    caveat = absl::StrCat("provisional: GetSalaryDistribution answers ",
                          StatusCodeName(r.first_code),
                          ", so no snapshot load is measured");
  }
  if (r.records != kGoalRecords) {
    caveat +=
        absl::StrCat(caveat.empty() ? "" : "; ", "scaled run: ", r.records,
                     " records, the goal is stated for ", kGoalRecords);
  }
  std::printf(
      "ratio cold_start / %.0f s = %.3f (cold start %.3f s; goal <= 1)\n",
      kMaxColdStartSeconds, r.cold_start / kMaxColdStartSeconds, r.cold_start);
  goals->push_back(
      {absl::StrFormat("cold start <= %.0f s", kMaxColdStartSeconds),
       Verdict(r.cold_start <= kMaxColdStartSeconds), caveat});
  const double bytes_per_record =
      std::max(PerRecord(r, r.loaded_ready, r.empty_ready),
               PerRecord(r, r.loaded_exercised, r.empty_exercised));
  std::printf(
      "ratio rss_per_record / %.0f B = %.3f (%.1f bytes/record, the larger of "
      "when ready / after the burst; goal <= 1)\n",
      kMaxBytesPerRecord, bytes_per_record / kMaxBytesPerRecord,
      bytes_per_record);
  goals->push_back({absl::StrFormat("resident memory <= %.0f bytes/record",
                                    kMaxBytesPerRecord),
                    Verdict(bytes_per_record <= kMaxBytesPerRecord),
                    reads_served
                        ? (r.records != kGoalRecords ? "scaled run" : "")
                        : "provisional: no snapshot served yet"});
}

}  // namespace

void PrintReport(const Options& o, const std::vector<Scenario>& scenarios,
                 const RunResults& r) {
  PrintMemory(r);
  PrintTableRows(scenarios, r);
  PrintTableNotes(o, scenarios, r);
  PrintHealthDrift(scenarios, r);
  PrintBatchVsUnary(r.batch, o);
  std::vector<Goal> goals;
  for (const Scenario& s : scenarios) {
    if (s.kind != Kind::kHealth) goals.push_back(ThroughputGoal(s));
  }
  for (const Scenario& s : scenarios) {
    // A masked comparison has no SQL equivalent: throughput goal only.
    if (s.kind != Kind::kHealth && s.kind != Kind::kCompareMasked) {
      goals.push_back(LatencyGoal(s));
    }
  }
  PrintSameRequestRatios(scenarios);
  AddStartAndMemoryGoals(scenarios, r, &goals);
  std::printf("\n");
  for (const Goal& g : goals) {
    std::printf("GOAL %-76s %s%s\n", g.name.c_str(), g.verdict.c_str(),
                g.note.empty() ? "" : absl::StrCat(" (", g.note, ")").c_str());
  }
}

}  // namespace compdata::bench
