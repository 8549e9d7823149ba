#ifndef COMPDATA_COMMON_FILE_UTIL_H_
#define COMPDATA_COMMON_FILE_UTIL_H_

#include <string>

#include "absl/status/statusor.h"

namespace compdata {

// The whole file as bytes; NOT_FOUND "cannot read <path>" when it cannot be
// opened (certificates, keys, token files).
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

}  // namespace compdata

#endif  // COMPDATA_COMMON_FILE_UTIL_H_
