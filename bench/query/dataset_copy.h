#ifndef COMPDATA_BENCH_QUERY_DATASET_COPY_H_
#define COMPDATA_BENCH_QUERY_DATASET_COPY_H_

// Bulk loading of the generated rows with COPY (text format) through libpq.
// Each function opens its own connection (SET session_replication_role =
// replica when allowed: `*triggers_skipped` says whether it was).
// Internal to dataset.cc.

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "bench/query/dataset.h"
#include "bench/query/dataset_tables.h"

namespace compdata::bench::dataset_internal {

// Postings 0..n-1 into job_postings (ids 1..n).
absl::Status CopyPostings(const std::string& url, const Reference& ref,
                          const Tables& t, int64_t n, absl::Time now,
                          bool* triggers_skipped);

// The skills of postings 0..n-1 into posting_skills; adds the row count to
// `*rows`.
absl::Status CopyPostingSkills(const std::string& url, const Tables& t,
                               int64_t n, absl::Time now, int64_t* rows,
                               bool* triggers_skipped);

// Reports 0..n-1 into salary_reports.
absl::Status CopyReports(const std::string& url, const Reference& ref,
                         const Tables& t, int64_t n, absl::Time now,
                         bool* triggers_skipped);

}  // namespace compdata::bench::dataset_internal

#endif  // COMPDATA_BENCH_QUERY_DATASET_COPY_H_
