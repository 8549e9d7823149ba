#include "client/client.h"

#include "absl/strings/cord.h"

namespace compdata {
namespace {
constexpr char kDetailsPayload[] = "type.googleapis.com/google.rpc.Status";
}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()),
                   status.error_message());
  if (!status.error_details().empty()) {
    out.SetPayload(kDetailsPayload, absl::Cord(status.error_details()));
  }
  return out;
}

std::optional<google::rpc::Status> RpcStatusDetails(const absl::Status& status) {
  auto payload = status.GetPayload(kDetailsPayload);
  if (!payload.has_value()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(std::string(*payload))) return std::nullopt;
  return details;
}

absl::StatusOr<std::unique_ptr<Client>> Client::Create(ClientOptions options) {
  if (options.target.empty()) {
    return absl::InvalidArgumentError("client target is empty");
  }
  auto channel = grpc::CreateChannel(options.target,
                                     grpc::InsecureChannelCredentials());
  return std::unique_ptr<Client>(new Client(std::move(options), channel));
}

Client::Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(v1::CompensationService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> Client::NewContext() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + options_.default_timeout));
  return ctx;
}

absl::StatusOr<v1::ListRolesResponse> Client::ListRoles(
    const v1::ListRolesRequest& request) const {
  v1::ListRolesResponse response;
  auto ctx = NewContext();
  absl::Status status =
      FromGrpcStatus(stub_->ListRoles(ctx.get(), request, &response));
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<v1::GetRoleResponse> Client::GetRole(
    const v1::GetRoleRequest& request) const {
  v1::GetRoleResponse response;
  auto ctx = NewContext();
  absl::Status status =
      FromGrpcStatus(stub_->GetRole(ctx.get(), request, &response));
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<ServingStatus> Client::Health(const std::string& service) const {
  return CheckHealth(channel_, service, options_.default_timeout);
}

}  // namespace compdata
