// Writing the two CSVs (streaming, constant memory) and reading them back.

#ifndef COMPDATA_DATAGEN_GENERATE_H_
#define COMPDATA_DATAGEN_GENERATE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "datagen/check.h"
#include "datagen/targets.h"

namespace compdata::datagen {

// 2026-01-15T00:00:00Z, the default --as_of.
constexpr int64_t kDefaultAsOf = 1768435200;

struct GenerateOptions {
  std::string out_dir;
  int64_t postings = kDefaultPostings;
  int64_t reports = kDefaultReports;
  uint64_t seed = 1;
  int64_t as_of = kDefaultAsOf;
};

// Writes out_dir/postings.csv and out_dir/reports.csv (creating out_dir if
// needed). Every record is also passed to `check` when it is not null.
absl::Status GenerateFiles(const GenerateOptions& options,
                           CheckAccumulator* check);

// Reads out_dir/postings.csv and out_dir/reports.csv into `check`.
absl::Status ReadFiles(const std::string& dir, CheckAccumulator* check);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_GENERATE_H_
