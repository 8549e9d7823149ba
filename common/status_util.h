#ifndef COMPDATA_COMMON_STATUS_UTIL_H_
#define COMPDATA_COMMON_STATUS_UTIL_H_

// absl::Status helpers shared by every layer. A status may carry the request
// field at fault and a machine-readable reason as payloads; the one mapping to
// grpc::Status (server/api/grpc_status.h) turns them into google.rpc details,
// so nothing below the API layer needs gRPC or protobuf.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace compdata {

// Error reasons (google.rpc.ErrorInfo.reason): the names of the ErrorReason
// enum in proto/compdata/v1/common.proto without their prefix; a unit test
// keeps the two lists in step.
inline constexpr absl::string_view kReasonInvalidField = "INVALID_FIELD";
inline constexpr absl::string_view kReasonInvalidPageToken =
    "INVALID_PAGE_TOKEN";
inline constexpr absl::string_view kReasonRoleNotFound = "ROLE_NOT_FOUND";
inline constexpr absl::string_view kReasonDatabaseUnavailable =
    "DATABASE_UNAVAILABLE";
inline constexpr absl::string_view kReasonNotImplemented = "NOT_IMPLEMENTED";
inline constexpr absl::string_view kReasonInternal = "INTERNAL";
inline constexpr absl::string_view kReasonDeadlineExceeded =
    "DEADLINE_EXCEEDED";
inline constexpr absl::string_view kReasonDatabaseError = "DATABASE_ERROR";
inline constexpr absl::string_view kReasonUnauthenticated = "UNAUTHENTICATED";

// A status with `field` recorded as the offending request field, e.g.
// FieldError(absl::StatusCode::kInvalidArgument, "percentiles[2]", "...").
absl::Status FieldError(absl::StatusCode code, absl::string_view field,
                        absl::string_view message);
inline absl::Status InvalidField(absl::string_view field,
                                 absl::string_view message) {
  return FieldError(absl::StatusCode::kInvalidArgument, field, message);
}

// One problem with one request field, as a google.rpc.BadRequest violation.
struct FieldViolation {
  std::string field;
  std::string description;
};
// INVALID_ARGUMENT with several violations (e.g. one per bad line of a
// table), all sent in the BadRequest; FieldOf names the first one's field.
// `violations` must not be empty.
absl::Status InvalidFields(const std::vector<FieldViolation>& violations,
                           absl::string_view message);
// The violations InvalidFields attached; empty for any other status.
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

// Attaches a machine-readable reason; returns the status for chaining. A
// status without one gets a reason derived from its code when mapped.
absl::Status WithReason(absl::Status status, absl::string_view reason);

// The same status (code and payloads) with "context: " before its message.
absl::Status Annotate(const absl::Status& status, absl::string_view context);

std::optional<std::string> FieldOf(const absl::Status& status);
std::optional<std::string> ReasonOf(const absl::Status& status);

}  // namespace compdata

// Abseil 20220623 ships no status macros; these are the two we use.
#define COMPDATA_STATUS_CONCAT_INNER_(a, b) a##b
#define COMPDATA_STATUS_CONCAT_(a, b) COMPDATA_STATUS_CONCAT_INNER_(a, b)

#define COMPDATA_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::absl::Status compdata_status_ = (expr);            \
    if (!compdata_status_.ok()) return compdata_status_; \
  } while (0)

#define COMPDATA_ASSIGN_OR_RETURN(lhs, expr) \
  COMPDATA_ASSIGN_OR_RETURN_IMPL_(           \
      COMPDATA_STATUS_CONCAT_(compdata_statusor_, __LINE__), lhs, expr)
#define COMPDATA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // COMPDATA_COMMON_STATUS_UTIL_H_
