#include "client/rpc_status.h"

#include "absl/strings/cord.h"
#include "google/rpc/error_details.pb.h"

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

std::optional<google::rpc::Status> RpcStatusDetails(
    const absl::Status& status) {
  auto payload = status.GetPayload(kDetailsPayload);
  if (!payload.has_value()) return std::nullopt;
  google::rpc::Status details;
  if (!details.ParseFromString(std::string(*payload))) return std::nullopt;
  return details;
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  auto details = RpcStatusDetails(status);
  if (!details.has_value()) return fields;
  for (const auto& any : details->details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations())
      fields.push_back(v.field());
  }
  return fields;
}

}  // namespace compdata
