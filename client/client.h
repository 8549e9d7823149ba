#ifndef COMPDATA_CLIENT_CLIENT_H_
#define COMPDATA_CLIENT_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/health_check.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "google/rpc/status.pb.h"

namespace compdata {

struct ClientOptions {
  std::string target;  // "host:port" or "dns:///name:port"
  // Deadline of a call that sets none itself.
  absl::Duration default_timeout = absl::Seconds(10);
};

// A thin client: one method per RPC, each returning the response or the
// call's status as absl::Status (code and message unchanged; the server's
// google.rpc.Status details kept as a payload, see RpcStatusDetails).
class Client {
 public:
  static absl::StatusOr<std::unique_ptr<Client>> Create(ClientOptions options);

  absl::StatusOr<v1::ListRolesResponse> ListRoles(
      const v1::ListRolesRequest& request) const;
  absl::StatusOr<v1::GetRoleResponse> GetRole(
      const v1::GetRoleRequest& request) const;
  absl::StatusOr<ServingStatus> Health(const std::string& service = "") const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel);
  std::unique_ptr<grpc::ClientContext> NewContext() const;

  ClientOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CompensationService::Stub> stub_;
};

// grpc::Status -> absl::Status, keeping error_details as a payload.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The google.rpc.Status the server attached to a failed call, if any.
std::optional<google::rpc::Status> RpcStatusDetails(const absl::Status& status);

}  // namespace compdata

#endif  // COMPDATA_CLIENT_CLIENT_H_
