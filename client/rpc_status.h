#ifndef COMPDATA_CLIENT_RPC_STATUS_H_
#define COMPDATA_CLIENT_RPC_STATUS_H_

#include <grpcpp/support/status.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/rpc/status.pb.h"

namespace compdata {

// grpc::Status -> absl::Status, keeping error_details as a payload.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The google.rpc.Status the server attached to a failed call, if any.
std::optional<google::rpc::Status> RpcStatusDetails(const absl::Status& status);

// The fields named by the BadRequest detail of a failed call.
std::vector<std::string> ViolatedFields(const absl::Status& status);

}  // namespace compdata

#endif  // COMPDATA_CLIENT_RPC_STATUS_H_
