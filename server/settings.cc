#include "server/settings.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace compdata::server {

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::string EnvName(const char* flag) {
  return absl::StrCat("COMPDATA_", absl::AsciiStrToUpper(flag));
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") return true;
  }
  return false;
}

absl::Status ParseInt(const std::string& value, int min, int max, int* out) {
  int v;
  if (!absl::SimpleAtoi(value, &v) || v < min || v > max) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected an integer in [", min, ", ", max, "], got \"", value, "\""));
  }
  *out = v;
  return absl::OkStatus();
}

absl::Status ParseDuration(const std::string& value, absl::Duration* out) {
  absl::Duration d;
  if (!absl::ParseDuration(value, &d) || d < absl::ZeroDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected a duration such as 500ms or 5s, got \"", value, "\""));
  }
  *out = d;
  return absl::OkStatus();
}

absl::Status ParseBool(const std::string& value, bool* out) {
  const std::string v = absl::AsciiStrToLower(value);
  if (v == "true" || v == "1" || v == "yes") {
    *out = true;
  } else if (v == "false" || v == "0" || v == "no") {
    *out = false;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("expected true or false, got \"", value, "\""));
  }
  return absl::OkStatus();
}

}  // namespace compdata::server
