#ifndef COMPDATA_BENCH_QUERY_SQL_BASELINE_H_
#define COMPDATA_BENCH_QUERY_SQL_BASELINE_H_

// The SQL a service without a snapshot would run on PostgreSQL to answer the
// same questions as GetSalaryDistribution and CompareRoles (definitions
// D1-D9 of common.proto), run directly through libpqxx and timed.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace compdata::bench {

// The subset of SalaryFilter the benchmark uses; currency is USD, pay
// component TOTAL, both sources, time window "until now".
struct SqlFilter {
  std::string seniority;  // "senior" etc.; empty = any
  bool remote_only = false;
};

struct SqlDistribution {
  int64_t count = 0, postings = 0, reports = 0;
  std::vector<double> percentiles;  // 10, 25, 50, 75, 90
  double mean = 0, min = 0, max = 0;
};

struct SqlRoleComparison {
  int64_t count = 0, reports = 0;
  double p25 = 0, median = 0, p75 = 0, mean = 0;
  std::map<std::string, double> level_median;  // "entry" -> median
  int64_t open = 0, open_remote = 0;
  std::map<std::string, int64_t> open_by_level;
  std::vector<std::pair<std::string, int64_t>> top_companies, top_metros,
      top_skills;
};

struct SqlComparison {
  std::vector<SqlRoleComparison> roles;  // in request order
  int64_t tracked = 0;                   // open postings of every role
};

struct SqlTiming {
  std::vector<double> ms;  // one per repetition, ascending
  double median_ms() const;
};

class SqlBaseline {
 public:
  // `work_mem`: empty = the server's setting; else SET work_mem for the
  // session (e.g. "256MB").
  static absl::StatusOr<std::unique_ptr<SqlBaseline>> Connect(
      const std::string& url, const std::string& work_mem);
  ~SqlBaseline();

  // Runs the question once untimed (warm-up; its answer is returned), then
  // `reps` times timed, each in its own read-only transaction.
  absl::StatusOr<SqlDistribution> Distribution(int64_t role_id,
                                               const SqlFilter& filter,
                                               int reps, SqlTiming* timing);
  absl::StatusOr<SqlComparison> Compare(const std::vector<int64_t>& role_ids,
                                        int top_n, int reps, SqlTiming* timing);

  // SHOW work_mem, max_parallel_workers_per_gather, shared_buffers.
  std::string Settings();

 private:
  struct Impl;
  explicit SqlBaseline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_SQL_BASELINE_H_
