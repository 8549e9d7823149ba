#include "common/status_util.h"

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace compdata {
namespace {
// Payload type URLs private to compdata; never sent on the wire as such.
constexpr absl::string_view kFieldPayload = "compdata/field";
constexpr absl::string_view kReasonPayload = "compdata/reason";
constexpr absl::string_view kViolationsPayload = "compdata/violations";

// Length-prefixed ("5:table"), since descriptions quote arbitrary input.
void AppendPart(std::string* out, absl::string_view part) {
  absl::StrAppend(out, part.size(), ":", part);
}
bool TakePart(absl::string_view* in, std::string* part) {
  const size_t colon = in->find(':');
  size_t size = 0;
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(in->substr(0, colon), &size) ||
      in->size() - colon - 1 < size) {
    return false;
  }
  *part = std::string(in->substr(colon + 1, size));
  in->remove_prefix(colon + 1 + size);
  return true;
}

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

absl::Status InvalidFields(const std::vector<FieldViolation>& violations,
                           absl::string_view message) {
  absl::Status status =
      InvalidField(violations.empty() ? "" : violations[0].field, message);
  std::string encoded;
  for (const FieldViolation& v : violations) {
    AppendPart(&encoded, v.field);
    AppendPart(&encoded, v.description);
  }
  status.SetPayload(kViolationsPayload, absl::Cord(encoded));
  return status;
}

std::vector<FieldViolation> ViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  const std::optional<std::string> encoded =
      PayloadString(status, kViolationsPayload);
  if (!encoded.has_value()) return out;
  absl::string_view in = *encoded;
  FieldViolation v;
  while (TakePart(&in, &v.field) && TakePart(&in, &v.description)) {
    out.push_back(std::move(v));
  }
  return out;
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
