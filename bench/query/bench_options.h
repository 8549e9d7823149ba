#ifndef COMPDATA_BENCH_QUERY_BENCH_OPTIONS_H_
#define COMPDATA_BENCH_QUERY_BENCH_OPTIONS_H_

// Command-line options of query_bench (see the top of query_bench.cc): the
// ABSL_FLAGs of bench_options.cc, read into one struct.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace compdata::bench {

struct Options {
  int64_t postings = 1000000;
  int64_t reports = 1000000;
  int concurrency = 32;
  int channels = 4;
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration duration = absl::Seconds(10);
  int rounds = 15;  // alternating health / RPC slices per throughput figure
  absl::Duration latency_duration = absl::Seconds(2);
  int sql_reps = 5;
  std::string sql_work_mem;
  absl::Duration ready_timeout = absl::Seconds(120);
  bool reuse_data = false;
  int batch_items = 100;  // items per BatchRead against as many unary calls
  int batch_streams = 4;  // BatchRead calls outstanding
  std::vector<std::string> server_args;
};

// Parses the command line (absl::ParseCommandLine: exits on an unknown flag,
// a malformed value or --help) and reads the flags; nullopt, after saying
// which, when a value is out of range.
std::optional<Options> ParseOptions(int argc, char** argv);

// The main() of a benchmark on these options: stdout line-buffered (to
// interleave with stderr), the options parsed, and `run` called with them
// and COMPDATA_BENCH_DATABASE_URL, which `script` sets; 2 when either is
// missing or wrong, else what `run` returns.
int RunBenchmark(int argc, char** argv, const char* script,
                 int (*run)(const Options& options, const std::string& base));

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_BENCH_OPTIONS_H_
