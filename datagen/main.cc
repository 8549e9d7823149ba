// compdata-gen: writes deterministic synthetic postings.csv / reports.csv
// calibrated to the two reference pages, and optionally checks them.
//
//   compdata-gen --out=DIR [--postings=N] [--reports=M] [--seed=S]
//                [--as_of=2026-01-15T00:00:00Z] [--check]
//
// With --check and none of --postings/--reports/--seed, nothing is generated:
// the CSVs already in DIR are read and checked.

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "datagen/check.h"
#include "datagen/civil_time.h"
#include "datagen/generate.h"

ABSL_FLAG(std::string, out, "",
          "Output (or, for --check only, input) directory");
// -1 = not given (then the default applies; see --check).
ABSL_FLAG(int64_t, postings, -1,
          "Number of job postings (default 100000, of which 26159 are open)");
ABSL_FLAG(int64_t, reports, -1, "Number of salary reports (default 30000)");
ABSL_FLAG(int64_t, seed, -1, "Random seed, >= 0 (default 1)");
ABSL_FLAG(std::string, as_of, "2026-01-15T00:00:00Z",
          "Reference time (RFC 3339 UTC): open postings are counted at it");
ABSL_FLAG(bool, check, false,
          "Recompute every target figure and print PASS/FAIL (exit 1 on FAIL)");

namespace {

using compdata::datagen::CheckAccumulator;
using compdata::datagen::GenerateOptions;

constexpr int64_t kMaxRecords = 1000000000;
constexpr uint64_t kDefaultSeed = 1;

// The flags as GenerateOptions; false, after printing the usage, when one is
// out of range.
bool OptionsFromFlags(GenerateOptions* options) {
  options->out_dir = absl::GetFlag(FLAGS_out);
  const int64_t postings = absl::GetFlag(FLAGS_postings);
  const int64_t reports = absl::GetFlag(FLAGS_reports);
  const int64_t seed = absl::GetFlag(FLAGS_seed);
  if (postings >= 0) options->postings = postings;
  if (reports >= 0) options->reports = reports;
  options->seed = seed >= 0 ? static_cast<uint64_t>(seed) : kDefaultSeed;
  const std::optional<int64_t> as_of =
      compdata::datagen::ParseRfc3339(absl::GetFlag(FLAGS_as_of));
  if (options->out_dir.empty() || !as_of || postings < -1 || reports < -1 ||
      seed < -1 || options->postings > kMaxRecords ||
      options->reports > kMaxRecords) {
    std::fprintf(stderr,
                 "usage: %s\n(--out is required; --as_of must look like "
                 "2026-01-15T00:00:00Z; counts in 0..%lld)\n",
                 absl::ProgramUsageMessage().data(),
                 static_cast<long long>(kMaxRecords));
    return false;
  }
  options->as_of = *as_of;
  return true;
}

// --check alone checks the files already there instead of generating.
bool CheckOnly() {
  return absl::GetFlag(FLAGS_check) && absl::GetFlag(FLAGS_postings) < 0 &&
         absl::GetFlag(FLAGS_reports) < 0 && absl::GetFlag(FLAGS_seed) < 0;
}

void PrintGenerated(const GenerateOptions& options, double seconds) {
  std::fprintf(
      stderr,
      "compdata-gen: %lld postings + %lld reports in %.2f s "
      "(%.0f rows/s) -> %s\n",
      static_cast<long long>(options.postings),
      static_cast<long long>(options.reports), seconds,
      seconds > 0 ? (options.postings + options.reports) / seconds : 0.0,
      options.out_dir.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "compdata-gen --out=DIR [--postings=N] [--reports=M] [--seed=S] "
      "[--as_of=RFC3339] [--check]");
  absl::ParseCommandLine(argc, argv);
  GenerateOptions options;
  if (!OptionsFromFlags(&options)) return 2;
  const bool check = absl::GetFlag(FLAGS_check);
  const bool check_only = CheckOnly();

  CheckAccumulator accumulator(options.as_of);
  const auto start = std::chrono::steady_clock::now();
  const absl::Status status =
      check_only ? compdata::datagen::ReadFiles(options.out_dir, &accumulator)
                 : compdata::datagen::GenerateFiles(
                       options, check ? &accumulator : nullptr);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!status.ok()) {
    std::fprintf(stderr, "compdata-gen: %s%s\n",
                 check_only ? "--check without --postings/--reports/--seed "
                              "checks the CSVs already in --out: "
                            : "",
                 status.ToString().c_str());
    return 2;
  }
  if (!check_only) PrintGenerated(options, seconds);
  if (!check) return 0;
  const auto figures = accumulator.Figures();
  std::fputs(compdata::datagen::FormatTable(figures).c_str(), stdout);
  return compdata::datagen::AllPass(figures) ? 0 : 1;
}
