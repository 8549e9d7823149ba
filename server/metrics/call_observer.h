#ifndef COMPDATA_SERVER_METRICS_CALL_OBSERVER_H_
#define COMPDATA_SERVER_METRICS_CALL_OBSERVER_H_

// Every call is recorded once: grpc_server_* metrics and a log line for each
// failed and each slow unary call. Our own services record in their handlers
// (CallRecord); reflection, served by gRPC itself, through a server
// interceptor (rpc_observer.h). Not an interceptor for ours: with one
// installed, gRPC finishes every batch of the call with an extra round trip
// through its core (grpcpp/impl/call_op_set.h, FinalizeResult): work per
// call that recording in the handler does not need.

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <chrono>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/log.h"
#include "server/metrics/rpc_metrics.h"

namespace compdata::server::metrics {

class CallObserver {
 public:
  struct Options {
    // nullptr: no metrics, logs only.
    RpcMetrics* metrics = nullptr;
    // A unary call that takes longer is logged; zero turns it off. Streams
    // are long by nature and are not.
    absl::Duration slow_threshold = absl::Seconds(1);
  };
  explicit CallObserver(Options options) : options_(options) {}

  // The counters of a method by its path ("/pkg.Service/Method"); nullptr
  // without metrics or for a method not served.
  MethodCounters* Counters(absl::string_view path) const;

  struct Call {
    MethodCounters* counters;  // may be nullptr
    const char* path;
    grpc::ServerContextBase* ctx;
    bool unary;
    std::chrono::steady_clock::time_point start;
  };
  // The call ends with `status`. `trailers` (may be nullptr) receives the
  // x-request-id the log line names when the caller sent none.
  void Finished(const Call& call, const grpc::Status& status,
                std::multimap<std::string, std::string>* trailers);

 private:
  void LogCall(const Call& call, const grpc::Status& status,
               absl::Duration duration,
               std::multimap<std::string, std::string>* trailers);

  const Options options_;
  // Identical failures (method, code, reason, field): 5 lines a minute.
  LogRateLimiter limiter_{5, absl::Minutes(1)};
};

// One call of our own handlers: started when made, Finish once, just before
// the call's own Finish. A null observer records nothing.
class CallRecord {
 public:
  CallRecord(CallObserver* observer, const char* path, MethodCounters* counters,
             grpc::ServerContextBase* ctx, bool unary);

  void Received() {
    if (call_.counters != nullptr) {
      call_.counters->received.fetch_add(1, std::memory_order_relaxed);
    }
  }
  void Sent() {
    if (call_.counters != nullptr) {
      call_.counters->sent.fetch_add(1, std::memory_order_relaxed);
    }
  }
  void Finish(const grpc::Status& status);

 private:
  CallObserver* const observer_;
  CallObserver::Call call_;
};

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_CALL_OBSERVER_H_
