#ifndef COMPDATA_BENCH_QUERY_LOAD_GENERATOR_H_
#define COMPDATA_BENCH_QUERY_LOAD_GENERATOR_H_

// Closed-loop unary load over the gRPC callback API: `concurrency` calls
// outstanding at all times, spread over `channels` separate connections;
// each completion immediately issues the next call. Every RPC is driven the
// same way, as raw bytes (GenericStub, response not parsed), so the client
// does the same work for the health check as for a statistics RPC and a
// ratio of two runs measures the server.

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace compdata::bench {

struct LoadOptions {
  int concurrency = 32;
  absl::Duration warmup = absl::Seconds(1);    // calls made, not recorded
  absl::Duration duration = absl::Seconds(5);  // recorded window
  absl::Duration call_timeout = absl::Seconds(10);
};

struct LoadResult {
  int64_t ok = 0;      // calls that completed OK inside the window
  int64_t failed = 0;  // calls that completed with an error inside it
  std::map<int, int64_t> failures_by_code;
  std::string first_failure;  // "CODE: message"
  double window_seconds = 0;
  int64_t response_bytes = 0;       // of the last OK response
  std::vector<int64_t> latency_ns;  // of the OK calls, ascending

  double throughput() const { return ok / window_seconds; }
  // percentile_cont over latency_ns, p in [0, 100]; in milliseconds.
  double LatencyMs(double p) const;
};

// The serialised request of call number `n`; numbers are unique within the
// process, so a source can make every request distinct (and uncacheable).
using RequestSource = std::function<std::string(uint64_t n)>;
RequestSource FixedRequest(std::string bytes);

// `channels` connections to `target`, each with its own TCP connection.
std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(
    const std::string& target, int channels);

// Runs the loop on `channels` (call i on channel i % size) for
// options.warmup + options.duration; returns once every call has completed.
LoadResult RunClosedLoop(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& method, const RequestSource& requests,
    const LoadOptions& options);

// `rounds` alternating slices of the closed loop, first `baseline_method`
// then `method`, each options.duration / rounds long (plus the warm-up), so
// both see the same machine: on a shared host the speed drifts by 10-20%
// within a minute, and a ratio of runs far apart in time measures the drift.
// The results add up the slices of each side; round_ratios holds each
// round's measured / baseline throughput (0 when a slice had no OK call).
struct PairedResult {
  LoadResult baseline;
  LoadResult measured;
  std::vector<double> round_ratios;
};
// The median of PairedResult::round_ratios: a transient disturbance (another
// tenant of the host) spoils a round or two, not the figure.
double MedianRatio(std::vector<double> round_ratios);
PairedResult RunPaired(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& baseline_method, const RequestSource& baseline_requests,
    const std::string& method, const RequestSource& requests,
    const LoadOptions& options, int rounds);

// One blocking call: the status and the response bytes.
grpc::Status CallOnce(const std::shared_ptr<grpc::Channel>& channel,
                      const std::string& method,
                      const std::string& request_bytes, std::string* response,
                      absl::Duration timeout);

std::string StatusCodeName(int code);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_LOAD_GENERATOR_H_
