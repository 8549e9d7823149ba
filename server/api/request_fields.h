#ifndef COMPDATA_SERVER_API_REQUEST_FIELDS_H_
#define COMPDATA_SERVER_API_REQUEST_FIELDS_H_

// Validation of the read requests' plain fields: role names to snapshot
// indexes, percentile lists, counts. Every error names the field at fault.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/snapshot.h"
#include "google/protobuf/repeated_field.h"

namespace compdata::api {

// Longest role, metro or company name a request may carry.
inline constexpr size_t kMaxNameLength = 200;

// Slug, title or alias -> role index; empty -> INVALID_ARGUMENT, unknown ->
// NOT_FOUND (reason ROLE_NOT_FOUND), both naming `field`.
absl::StatusOr<int32_t> ResolveRole(const engine::Snapshot& s,
                                    const std::string& name,
                                    const std::string& field);

// Roles of a comparison request: min..max entries, distinct after
// resolution (field: roles).
absl::StatusOr<std::vector<int32_t>> ResolveRoles(
    const engine::Snapshot& s,
    const google::protobuf::RepeatedPtrField<std::string>& names, size_t min,
    size_t max);

// Empty -> `defaults`; each in [0, 100]; at most 20 (field: percentiles).
absl::StatusOr<std::vector<double>> ResolvePercentiles(
    const google::protobuf::RepeatedField<double>& requested,
    const std::vector<double>& defaults, const std::string& field);

// 0 -> `default_n`; above `max_n` -> max_n; < 0 -> INVALID_ARGUMENT.
absl::StatusOr<int> ResolveCount(int32_t requested, int default_n, int max_n,
                                 const std::string& field);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_REQUEST_FIELDS_H_
