#include "common/status_util.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace compdata {
namespace {
// Payload type URLs private to compdata; never sent on the wire as such.
constexpr absl::string_view kFieldPayload = "compdata/field";
constexpr absl::string_view kReasonPayload = "compdata/reason";

std::optional<std::string> PayloadString(const absl::Status& status,
                                         absl::string_view url) {
  auto payload = status.GetPayload(url);
  if (!payload.has_value()) return std::nullopt;
  return std::string(*payload);
}
}  // namespace

absl::Status FieldError(absl::StatusCode code, absl::string_view field,
                        absl::string_view message) {
  absl::Status status(code, message);
  status.SetPayload(kFieldPayload, absl::Cord(field));
  return status;
}

absl::Status WithReason(absl::Status status, absl::string_view reason) {
  if (!status.ok()) status.SetPayload(kReasonPayload, absl::Cord(reason));
  return status;
}

std::optional<std::string> FieldOf(const absl::Status& status) {
  return PayloadString(status, kFieldPayload);
}

std::optional<std::string> ReasonOf(const absl::Status& status) {
  return PayloadString(status, kReasonPayload);
}

absl::Status Annotate(const absl::Status& status, absl::string_view context) {
  if (status.ok()) return status;
  absl::Status annotated(status.code(),
                         absl::StrCat(context, ": ", status.message()));
  status.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
    annotated.SetPayload(url, payload);
  });
  return annotated;
}

}  // namespace compdata
