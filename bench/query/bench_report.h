#ifndef COMPDATA_BENCH_QUERY_BENCH_REPORT_H_
#define COMPDATA_BENCH_QUERY_BENCH_REPORT_H_

// What query_bench prints at the end of a run: memory, the table of RPC
// latencies and throughputs, the SQL cross-checks, one `ratio ...` line and
// one `GOAL ...` line per goal.

#include <cstdint>
#include <string>
#include <vector>

#include "bench/query/batch_vs_unary.h"
#include "bench/query/bench_options.h"
#include "bench/query/scenarios.h"
#include "bench/query/server_launcher.h"

namespace compdata::bench {

// The measurements of a run besides those kept in each Scenario.
struct RunResults {
  int64_t records = 0;  // postings + reports
  // VmRSS of the server on the reference data only / on the loaded data,
  // when ready and after a burst of each RPC; the loaded one at the end.
  ProcessMemory empty_ready, empty_exercised;
  ProcessMemory loaded_ready, loaded_exercised, loaded_final;
  double cold_start = 0;  // seconds from fork to the first read answer
  int first_code = 0;     // grpc::StatusCode of that answer
  Measured health_again;  // health.Check once more at the end
  std::vector<std::string> check_lines;  // SQL answers and cross-checks
  std::string sql_settings;              // SqlBaseline::Settings()
  BatchVsUnary batch;                    // empty round_ratios when not measured
};

// Prints the table, the ratios and the goals to stdout.
void PrintReport(const Options& o, const std::vector<Scenario>& scenarios,
                 const RunResults& r);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_BENCH_REPORT_H_
