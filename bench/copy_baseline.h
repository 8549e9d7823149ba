#ifndef COMPDATA_BENCH_COPY_BASELINE_H_
#define COMPDATA_BENCH_COPY_BASELINE_H_

// The ingest benchmarks' baseline: the rows the RPC path would store for
// some postings, loaded with psql \copy straight into job_postings.

#include <string>
#include <vector>

#include "compdata/v1/ingest_service.pb.h"

namespace compdata::bench {

// Seconds psql \copy took to load `postings` (resolved to ids through the
// database at `url`, skills left out) into `url`, or a negative number after
// saying why it failed.
double CopyWithPsql(const std::string& url,
                    const std::vector<v1::JobPosting>& postings);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_COPY_BASELINE_H_
