#include "server/api/grpc_status.h"

#include <string>

#include "common/status_util.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace compdata::api {
namespace {

absl::string_view DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return kReasonInvalidField;
    case absl::StatusCode::kUnimplemented:
      return kReasonNotImplemented;
    case absl::StatusCode::kDeadlineExceeded:
      return kReasonDeadlineExceeded;
    case absl::StatusCode::kUnauthenticated:
      return kReasonUnauthenticated;
    default:
      return kReasonInternal;
  }
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());

  google::rpc::Status details;
  details.set_code(static_cast<int>(status.code()));
  details.set_message(message);

  const std::optional<std::string> field = FieldOf(status);
  google::rpc::ErrorInfo info;
  info.set_reason(
      ReasonOf(status).value_or(std::string(DefaultReason(status.code()))));
  info.set_domain(kErrorDomain);
  if (field.has_value()) (*info.mutable_metadata())["field"] = *field;
  details.add_details()->PackFrom(info);

  if (field.has_value() &&
      status.code() == absl::StatusCode::kInvalidArgument) {
    google::rpc::BadRequest bad_request;
    std::vector<FieldViolation> violations = ViolationsOf(status);
    if (violations.empty()) violations.push_back({*field, message});
    for (FieldViolation& v : violations) {
      auto* violation = bad_request.add_field_violations();
      violation->set_field(std::move(v.field));
      violation->set_description(std::move(v.description));
    }
    details.add_details()->PackFrom(bad_request);
  }
  return grpc::Status(code, message, details.SerializeAsString());
}

}  // namespace compdata::api
