#include "server/api/request_fields.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "common/status_util.h"

namespace compdata::api {
namespace {
constexpr int kMaxPercentiles = 20;
}  // namespace

absl::StatusOr<int32_t> ResolveRole(const engine::Snapshot& s,
                                    const std::string& name,
                                    const std::string& field) {
  if (name.empty()) return InvalidField(field, "is required");
  if (name.size() > kMaxNameLength) {
    return InvalidField(
        field, absl::StrCat("longer than ", kMaxNameLength, " characters"));
  }
  auto it = s.role_by_key.find(NormalizeKey(name));
  if (it == s.role_by_key.end()) {
    return WithReason(
        FieldError(absl::StatusCode::kNotFound, field,
                   absl::StrCat("no role with slug or alias \"", name, "\"")),
        kReasonRoleNotFound);
  }
  return it->second;
}

absl::StatusOr<std::vector<int32_t>> ResolveRoles(
    const engine::Snapshot& s,
    const google::protobuf::RepeatedPtrField<std::string>& names, size_t min,
    size_t max) {
  if (names.size() < static_cast<int>(min) ||
      names.size() > static_cast<int>(max)) {
    return InvalidField("roles",
                        min == max ? absl::StrCat("exactly ", min, " roles")
                                   : absl::StrCat(min, " to ", max, " roles"));
  }
  std::vector<int32_t> roles;
  for (int i = 0; i < names.size(); ++i) {
    const std::string field = absl::StrCat("roles[", i, "]");
    COMPDATA_ASSIGN_OR_RETURN(int32_t role, ResolveRole(s, names[i], field));
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
      return InvalidField(field, "names a role already in the list");
    }
    roles.push_back(role);
  }
  return roles;
}

absl::StatusOr<std::vector<double>> ResolvePercentiles(
    const google::protobuf::RepeatedField<double>& requested,
    const std::vector<double>& defaults, const std::string& field) {
  if (requested.empty()) return defaults;
  if (requested.size() > kMaxPercentiles) {
    return InvalidField(
        field, absl::StrCat("at most ", kMaxPercentiles, " percentiles"));
  }
  std::vector<double> out;
  out.reserve(requested.size());
  for (int i = 0; i < requested.size(); ++i) {
    const double p = requested[i];
    if (!(p >= 0 && p <= 100)) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          "must be within [0, 100]");
    }
    out.push_back(p);
  }
  return out;
}

absl::StatusOr<int> ResolveCount(int32_t requested, int default_n, int max_n,
                                 const std::string& field) {
  if (requested < 0) return InvalidField(field, "must be >= 0");
  if (requested == 0) return default_n;
  return std::min<int>(requested, max_n);
}

}  // namespace compdata::api
