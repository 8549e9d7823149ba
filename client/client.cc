#include "client/client.h"

namespace compdata {
absl::StatusOr<std::unique_ptr<Client>> Client::Create(ClientOptions options) {
  if (options.target.empty()) {
    return absl::InvalidArgumentError("client target is empty");
  }
  auto channel =
      grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials());
  return std::unique_ptr<Client>(new Client(std::move(options), channel));
}

Client::Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(v1::CompensationService::NewStub(channel_)),
      ingest_stub_(v1::IngestService::NewStub(channel_)) {}

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
