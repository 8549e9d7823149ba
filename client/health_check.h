#ifndef COMPDATA_CLIENT_HEALTH_CHECK_H_
#define COMPDATA_CLIENT_HEALTH_CHECK_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace compdata {

// grpc.health.v1.HealthCheckResponse.ServingStatus values.
enum class ServingStatus {
  kUnknown = 0,
  kServing = 1,
  kNotServing = 2,
  kServiceUnknown = 3
};

const char* ServingStatusName(ServingStatus status);

// grpc.health.v1.Health/Check for `service` ("" = the whole server). Debian
// ships no health.proto, and the two messages are one field each, so the
// call goes through the generic stub with the wire bytes written by hand.
absl::StatusOr<ServingStatus> CheckHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout);

}  // namespace compdata

#endif  // COMPDATA_CLIENT_HEALTH_CHECK_H_
