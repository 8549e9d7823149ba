#include "bench/query/bench_options.h"

#include <cstdio>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"

ABSL_FLAG(int64_t, postings, 1000000, "Job postings loaded");
ABSL_FLAG(int64_t, reports, 1000000, "Salary reports loaded");
ABSL_FLAG(int32_t, concurrency, 32, "Calls outstanding in throughput runs");
ABSL_FLAG(int32_t, channels, 4, "Channels the throughput calls spread over");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "Warm-up before a run");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "Length of a throughput run");
ABSL_FLAG(int32_t, rounds, 15,
          "Health / RPC slices alternating in a throughput run");
ABSL_FLAG(absl::Duration, latency_duration, absl::Seconds(2),
          "Length of a one-call-at-a-time latency run");
ABSL_FLAG(int32_t, sql_reps, 5, "Runs of each SQL baseline (median taken)");
ABSL_FLAG(std::string, sql_work_mem, "",
          "work_mem of the SQL baselines' session (default: the server's)");
ABSL_FLAG(absl::Duration, ready_timeout, absl::Seconds(120),
          "Longest wait for a started server's first read answer");
ABSL_FLAG(bool, reuse_data, false,
          "Keep the databases of an earlier run with the same record counts");
ABSL_FLAG(int32_t, batch_items, 100,
          "Items per BatchRead in the batch-vs-unary run (1..1000)");
ABSL_FLAG(int32_t, batch_streams, 4,
          "BatchRead calls outstanding in the batch-vs-unary run");
ABSL_FLAG(std::vector<std::string>, server_arg, {},
          "Flags passed to compdata-server, comma-separated "
          "(--server_arg=--a=1,--b=2)");

namespace compdata::bench {
namespace {

constexpr char kUsage[] =
    "query_bench [--postings=N] [--reports=N] [--concurrency=N] "
    "[--channels=N] [--warmup=D] [--duration=D] [--rounds=N] "
    "[--latency_duration=D] [--sql_reps=N] [--sql_work_mem=SIZE] "
    "[--ready_timeout=D] [--reuse_data] [--server_arg=ARG,...]";

// Counts must be positive (records: not negative), run lengths longer than
// zero; the name of the first flag that is not, or null.
const char* OutOfRange(const Options& o) {
  if (o.postings < 0) return "--postings";
  if (o.reports < 0) return "--reports";
  if (o.concurrency <= 0) return "--concurrency";
  if (o.channels <= 0) return "--channels";
  if (o.duration <= absl::ZeroDuration()) return "--duration";
  if (o.rounds <= 0) return "--rounds";
  if (o.latency_duration <= absl::ZeroDuration()) return "--latency_duration";
  if (o.sql_reps <= 0) return "--sql_reps";
  if (o.batch_items < 1 || o.batch_items > 1000) return "--batch_items";
  if (o.batch_streams <= 0) return "--batch_streams";
  return nullptr;
}

}  // namespace

std::optional<Options> ParseOptions(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  // --help lists the flags of the binary's main file by default; these are
  // defined here, beside the struct they fill.
  absl::FlagsUsageConfig config;
  config.contains_help_flags = [](absl::string_view file) {
    return absl::EndsWith(file, "bench/query/bench_options.cc");
  };
  config.contains_helpshort_flags = config.contains_help_flags;
  absl::SetFlagsUsageConfig(config);
  absl::ParseCommandLine(argc, argv);
  Options o;
  o.postings = absl::GetFlag(FLAGS_postings);
  o.reports = absl::GetFlag(FLAGS_reports);
  o.concurrency = absl::GetFlag(FLAGS_concurrency);
  o.channels = absl::GetFlag(FLAGS_channels);
  o.warmup = absl::GetFlag(FLAGS_warmup);
  o.duration = absl::GetFlag(FLAGS_duration);
  o.rounds = absl::GetFlag(FLAGS_rounds);
  o.latency_duration = absl::GetFlag(FLAGS_latency_duration);
  o.sql_reps = absl::GetFlag(FLAGS_sql_reps);
  o.sql_work_mem = absl::GetFlag(FLAGS_sql_work_mem);
  o.ready_timeout = absl::GetFlag(FLAGS_ready_timeout);
  o.reuse_data = absl::GetFlag(FLAGS_reuse_data);
  o.server_args = absl::GetFlag(FLAGS_server_arg);
  o.batch_items = absl::GetFlag(FLAGS_batch_items);
  o.batch_streams = absl::GetFlag(FLAGS_batch_streams);
  if (const char* flag = OutOfRange(o)) {
    std::fprintf(stderr, "bad flag %s\nusage: %s\n", flag, kUsage);
    return std::nullopt;
  }
  return o;
}

int RunBenchmark(int argc, char** argv, const char* script,
                 int (*run)(const Options& options, const std::string& base)) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::optional<Options> options = ParseOptions(argc, argv);
  if (!options) return 2;
  const char* base = std::getenv("COMPDATA_BENCH_DATABASE_URL");
  if (base == nullptr) {
    std::fprintf(stderr, "set COMPDATA_BENCH_DATABASE_URL (%s does)\n", script);
    return 2;
  }
  return run(*options, base);
}

}  // namespace compdata::bench
