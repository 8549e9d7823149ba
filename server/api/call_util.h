#ifndef COMPDATA_SERVER_API_CALL_UTIL_H_
#define COMPDATA_SERVER_API_CALL_UTIL_H_

#include <grpcpp/grpcpp.h>

#include "absl/time/time.h"

namespace compdata::api {

// The caller's deadline as absl::Time (InfiniteFuture when none was set).
inline absl::Time DeadlineOf(const grpc::ServerContextBase& ctx) {
  const auto deadline = ctx.deadline();
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_CALL_UTIL_H_
