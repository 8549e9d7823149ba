#ifndef COMPDATA_BENCH_QUERY_BATCH_VS_UNARY_H_
#define COMPDATA_BENCH_QUERY_BATCH_VS_UNARY_H_

// Items answered per second by unary GetSalaryDistribution calls and by
// BatchRead calls carrying the same requests as items. Every request is
// distinct (a percentile unique to it), so no response cache answers
// either side. The two alternate in --rounds slices like the throughput
// runs: unary with --concurrency calls outstanding, batch with
// --batch_streams BatchRead calls of --batch_items items each; the ratio is
// the median of the rounds' batch / unary ratios.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <vector>

#include "bench/query/bench_options.h"
#include "bench/query/load_generator.h"

namespace compdata::bench {

struct BatchVsUnary {
  LoadResult unary;                   // calls = items
  double batch_items_per_second = 0;  // pooled over the batch slices
  int64_t batch_items = 0;            // answered inside the windows
  int64_t batch_failed = 0;           // items or calls that failed
  std::vector<double> round_ratios;   // batch / unary items per second
};

// `distinct(n)`: the serialised GetSalaryDistributionRequest of call n.
BatchVsUnary MeasureBatchVsUnary(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const RequestSource& distinct, const Options& o);

// The figures and the ratio, to stdout.
void PrintBatchVsUnary(const BatchVsUnary& r, const Options& o);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_BATCH_VS_UNARY_H_
