#ifndef COMPDATA_BENCH_QUERY_SQL_CROSS_CHECK_H_
#define COMPDATA_BENCH_QUERY_SQL_CROSS_CHECK_H_

// The equivalent SQL of each statistics scenario, timed, and a comparison of
// its answer with the RPC's (differences are warnings, not errors).

#include <cstdint>
#include <string>
#include <vector>

#include "bench/query/scenarios.h"
#include "bench/query/sql_baseline.h"

namespace compdata::bench {

// Runs the SQL of every GetSalaryDistribution / CompareRoles scenario `reps`
// times (filling its `sql` and `sql_ok`) and, for those the server served,
// compares the probe's answer with SQL. Appends one line per SQL answer and
// per comparison to `check_lines`. False when some SQL failed.
bool RunSqlCrossChecks(SqlBaseline* sql, int64_t role_a_id, int64_t role_b_id,
                       int reps, std::vector<Scenario>* scenarios,
                       std::vector<std::string>* check_lines);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_SQL_CROSS_CHECK_H_
