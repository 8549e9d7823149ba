#ifndef COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
#define COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_

// The server interceptor that records the calls of the services gRPC serves
// itself (health, reflection) through a CallObserver. Our own services
// record in their handlers (call_observer.h says why): for their methods
// the factory makes no interceptor, and gRPC then runs none.

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <string>

#include "server/metrics/call_observer.h"

namespace compdata::server::metrics {

class RpcObserverFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // Methods whose path starts with `self_recorded` ("/compdata.") are left
  // to their handlers.
  RpcObserverFactory(CallObserver* observer, std::string self_recorded)
      : observer_(observer), self_recorded_(std::move(self_recorded)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  CallObserver* const observer_;
  const std::string self_recorded_;
};

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_RPC_OBSERVER_H_
