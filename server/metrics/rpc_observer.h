#ifndef COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
#define COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_

// The server interceptor that records the calls of the reflection service
// (served by gRPC itself) through a CallObserver. Our own services record in
// their handlers (call_observer.h says why), and grpc.health.v1 is not
// recorded: probes every few seconds say nothing a dashboard wants, and an
// interceptor would give each Check the extra trip through gRPC's core. For
// those methods the factory makes no interceptor, and gRPC then runs none.

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <string>
#include <vector>

#include "server/metrics/call_observer.h"

namespace compdata::server::metrics {

class RpcObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Methods whose path starts with one of `skipped` ("/compdata.") get no
  // interceptor.
  RpcObserverFactory(CallObserver* observer, std::vector<std::string> skipped)
      : observer_(observer), skipped_(std::move(skipped)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  CallObserver* const observer_;
  const std::vector<std::string> skipped_;
};

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
