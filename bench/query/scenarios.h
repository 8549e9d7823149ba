#ifndef COMPDATA_BENCH_QUERY_SCENARIOS_H_
#define COMPDATA_BENCH_QUERY_SCENARIOS_H_

// The RPCs query_bench drives (health check, GetSalaryDistribution plain and
// senior+remote, CompareRoles whole and masked to pay and verdicts), their
// requests and what a run measures of each.

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "bench/query/bench_options.h"
#include "bench/query/load_generator.h"
#include "bench/query/sql_baseline.h"

namespace compdata::bench {

inline constexpr char kRoleA[] = "ai-engineer";
inline constexpr char kRoleB[] = "software-engineer";

// kCompareMasked: CompareRoles with read_mask roles.pay,verdicts (a page's
// headline table); throughput goal only, no SQL equivalent.
enum class Kind { kHealth, kDistribution, kCompare, kCompareMasked };

// A statistics RPC is driven two ways:
//   distinct: every call asks for one more percentile whose value is unique
//             to the call (the rest of the request fixed), so a response
//             cache can never answer it and the engine computes every call;
//             the extra percentile costs one selection. The goals are judged
//             on this.
//   same:     the identical request every time: a response cache's best case.
struct Measured {
  LoadResult latency;     // one call at a time
  LoadResult throughput;  // --concurrency outstanding
  // health.Check in slices alternating with `throughput`'s (RunPaired); the
  // throughput ratio of this scenario divides by it.
  LoadResult baseline;
  std::vector<double> round_ratios;  // throughput / baseline, per round
};

struct Scenario {
  std::string name;
  Kind kind;
  std::string method;
  std::string request;     // serialised; the probe and the "same" mode
  RequestSource distinct;  // empty for the health check
  SqlFilter sql_filter;

  // Filled by the run.
  grpc::Status probe;
  std::string probe_response;
  bool served = false;
  Measured same;
  Measured unique;  // the "distinct" mode
  SqlTiming sql;
  bool sql_ok = false;
};
// health.Check first, then the statistics RPCs.
std::vector<Scenario> MakeScenarios();

// For the VmRSS reading: a short burst of every scenario, so gRPC's threads
// and per-connection buffers are counted on both servers alike. The same
// request each time: a response cache (bounded, unrelated to the data size)
// stays nearly empty here; the final reading includes it.
void Exercise(const std::string& target, const std::vector<Scenario>& scenarios,
              const Options& o);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_SCENARIOS_H_
