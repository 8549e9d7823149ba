#ifndef COMPDATA_SERVER_API_CALL_UTIL_H_
#define COMPDATA_SERVER_API_CALL_UTIL_H_

#include <grpcpp/grpcpp.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/api/grpc_status.h"

namespace compdata::api {

// The caller's deadline as absl::Time (InfiniteFuture when none was set).
inline absl::Time DeadlineOf(const grpc::ServerContextBase& ctx) {
  const auto deadline = ctx.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

// Runs a unary handler body returning absl::Status on the callback thread and
// finishes the call with its mapped status.
template <typename Body>
grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* ctx,
                                      Body&& body) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  reactor->Finish(ToGrpcStatus(std::forward<Body>(body)()));
  return reactor;
}

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_CALL_UTIL_H_
