#ifndef COMPDATA_BENCH_QUERY_BENCH_DATABASES_H_
#define COMPDATA_BENCH_QUERY_BENCH_DATABASES_H_

// The two databases query_bench runs on, next to the one of
// COMPDATA_BENCH_DATABASE_URL: kEmptyDb holds the reference data only (the
// memory baseline), kDataDb the same plus the generated records.

#include <string>

#include "absl/status/status.h"
#include "bench/query/bench_options.h"

namespace compdata::bench {

inline constexpr char kEmptyDb[] = "bench_query_empty";
inline constexpr char kDataDb[] = "bench_query";

// `url` with its database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db);

// Creates both databases: migrations, reference data (db/seed) through the
// server, then the records by COPY (see dataset.h). With --reuse_data, keeps
// existing databases holding exactly the requested counts.
absl::Status PrepareDatabases(const std::string& base, const Options& o);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_BENCH_DATABASES_H_
