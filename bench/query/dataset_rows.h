#ifndef COMPDATA_BENCH_QUERY_DATASET_ROWS_H_
#define COMPDATA_BENCH_QUERY_DATASET_ROWS_H_

// Rows of the read benchmark's data, generated deterministically: record i of
// a stream always draws the same values for the same tables and `now`.
// Internal to dataset.cc and its helpers.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/query/dataset_tables.h"

namespace compdata::bench::dataset_internal {

struct Posting {
  int role = 0;
  int level = -1;  // index into kLevels, -1 = none
  int metro = -1;  // index into Reference::metros, -1 = none
  bool remote = false;
  int company = 0;
  bool has_pay = false;
  const char* period = "year";
  std::string currency;
  int64_t min_cents = 0, max_cents = 0, annual_min = 0, annual_max = 0;
  absl::Time posted_at;
  std::optional<absl::Time> expires_at;
};

Posting MakePosting(const Tables& t, int64_t i, absl::Time now);

// The skill ids of posting i (of role `role`).
void MakeSkills(const Tables& t, int role, int64_t i,
                std::vector<int64_t>* out);

struct Report {
  int role = 0;
  int level = -1;
  std::optional<double> years;
  int metro = -1;
  bool remote = false;
  int company = 0;
  std::string currency;
  const char* period = "year";
  int64_t base = 0, annual_base = 0, bonus = 0, equity = 0;
  absl::Time reported_at;
};

Report MakeReport(const Tables& t, int64_t i, absl::Time now);

}  // namespace compdata::bench::dataset_internal

#endif  // COMPDATA_BENCH_QUERY_DATASET_ROWS_H_
