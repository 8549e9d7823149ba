#ifndef COMPDATA_SERVER_SETTINGS_H_
#define COMPDATA_SERVER_SETTINGS_H_

// The flag style of the service binaries (compdata-server, compdata-migrate):
// a table of settings, each a --flag=value and a COMPDATA_FLAG environment
// variable. Flags override the environment, which overrides the defaults.
// Unknown flags and malformed values are INVALID_ARGUMENT naming the flag or
// variable.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/status_util.h"

namespace compdata::server {

template <typename Config>
struct Setting {
  const char* flag;  // without the leading "--"
  const char* help;
  absl::Status (*apply)(Config&, const std::string&);
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Reads the process environment.
std::optional<std::string> ProcessEnv(const std::string& name);

// COMPDATA_<FLAG IN UPPER CASE>.
std::string EnvName(const char* flag);
// --help or -h among the arguments.
bool WantsHelp(const std::vector<std::string>& args);

absl::Status ParseInt(const std::string& value, int min, int max, int* out);
absl::Status ParseDuration(const std::string& value, absl::Duration* out);
absl::Status ParseBool(const std::string& value, bool* out);

// "usage: PROGRAM [--flag=value ...]" and one entry per setting.
template <typename Config>
std::string Usage(const std::string& program,
                  absl::Span<const Setting<Config>> settings) {
  std::string usage = absl::StrCat("usage: ", program, " [--flag=value ...]\n");
  for (const Setting<Config>& s : settings) {
    absl::StrAppend(&usage, "  --", s.flag, " (", EnvName(s.flag), ")\n      ",
                    s.help, "\n");
  }
  return usage;
}

// Applies the environment, then `args`, to `config`.
template <typename Config>
absl::Status ApplySettings(absl::Span<const Setting<Config>> settings,
                           const std::vector<std::string>& args,
                           const EnvLookup& env, Config* config) {
  for (const Setting<Config>& s : settings) {
    const std::string name = EnvName(s.flag);
    if (std::optional<std::string> v = env(name)) {
      absl::Status status = s.apply(*config, *v);
      if (!status.ok()) return InvalidField(name, status.message());
    }
  }
  for (const std::string& arg : args) {
    if (!absl::StartsWith(arg, "--") || !absl::StrContains(arg, '=')) {
      return InvalidField(arg, "expected --flag=value");
    }
    std::pair<std::string, std::string> kv =
        absl::StrSplit(arg.substr(2), absl::MaxSplits('=', 1));
    const Setting<Config>* setting = nullptr;
    for (const Setting<Config>& s : settings) {
      if (kv.first == s.flag) setting = &s;
    }
    const std::string flag = absl::StrCat("--", kv.first);
    if (setting == nullptr) return InvalidField(flag, "unknown flag");
    absl::Status status = setting->apply(*config, kv.second);
    if (!status.ok()) return InvalidField(flag, status.message());
  }
  return absl::OkStatus();
}

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_SETTINGS_H_
