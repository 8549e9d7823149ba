#ifndef COMPDATA_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define COMPDATA_TESTS_SUPPORT_STATUS_MATCHERS_H_

// Abseil 20220623 ships no status matchers; these are the ones we use.

#include <gmock/gmock.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace compdata::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P(StatusIs, code,
          std::string("has status code ") +
              absl::StatusCodeToString(static_cast<absl::StatusCode>(code))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code;
}

MATCHER(IsOk, "is OK") {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.ok();
}

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_STATUS_MATCHERS_H_
