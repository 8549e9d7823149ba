#ifndef COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
#define COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_

// One server interceptor sees every call to every service (ours, health,
// reflection) and records it once: the grpc_server_* metrics, and a log line
// for each failed call and each slow unary call.

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include "absl/time/time.h"
#include "server/log.h"
#include "server/metrics/rpc_metrics.h"

namespace compdata::server::metrics {

struct RpcObserverOptions {
  // nullptr: no metrics, logs only.
  RpcMetrics* metrics = nullptr;
  // A unary call that takes longer is logged; zero turns it off. Streams are
  // long by nature and are not.
  absl::Duration slow_threshold = absl::Seconds(1);
};

class RpcObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcObserverFactory(RpcObserverOptions options) : options_(options) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  const RpcObserverOptions& options() const { return options_; }
  // Identical failures (method, code, reason, field) log 5 lines a minute.
  LogRateLimiter& limiter() { return limiter_; }

 private:
  const RpcObserverOptions options_;
  LogRateLimiter limiter_{5, absl::Minutes(1)};
};

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
