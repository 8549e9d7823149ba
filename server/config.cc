#include "server/config.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"

namespace compdata::server {
namespace {

struct Setting {
  const char* flag;  // without the leading "--"
  const char* help;
  std::function<absl::Status(Config&, const std::string&)> apply;
};

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

const std::vector<Setting>& Settings() {
  static const std::vector<Setting>* settings = new std::vector<Setting>{
      {"listen_address", "host:port to serve gRPC on (port 0 = any free port)",
       [](Config& c, const std::string& v) {
         if (v.empty() || !absl::StrContains(v, ':')) {
           return absl::InvalidArgumentError("expected host:port");
         }
         c.listen_address = v;
         return absl::OkStatus();
       }},
      {"database_url", "PostgreSQL connection URI (required)",
       [](Config& c, const std::string& v) {
         c.database_url = v;
         return absl::OkStatus();
       }},
      {"db_pool_size", "maximum open database connections (1..256)",
       [](Config& c, const std::string& v) {
         return ParseInt(v, 1, 256, &c.db_pool_size);
       }},
      {"db_acquire_timeout", "wait for a free connection before UNAVAILABLE",
       [](Config& c, const std::string& v) {
         return ParseDuration(v, &c.db_acquire_timeout);
       }},
      {"statement_timeout", "upper bound for one SQL statement",
       [](Config& c, const std::string& v) {
         return ParseDuration(v, &c.statement_timeout);
       }},
      {"migrate_on_start", "apply pending migrations before serving",
       [](Config& c, const std::string& v) {
         return ParseBool(v, &c.migrate_on_start);
       }},
      {"shutdown_grace", "drain time for in-flight calls on SIGTERM",
       [](Config& c, const std::string& v) {
         return ParseDuration(v, &c.shutdown_grace);
       }},
      {"privacy_floor", "minimum group size for self-reported statistics",
       [](Config& c, const std::string& v) {
         return ParseInt(v, 1, 1000, &c.privacy_floor);
       }},
      {"response_cache_entries",
       "answers cached per (request, data version, minute); 0 = off",
       [](Config& c, const std::string& v) {
         return ParseInt(v, 0, 10'000'000, &c.response_cache_entries);
       }},
      {"port_file", "write the bound port to this file once listening",
       [](Config& c, const std::string& v) {
         c.port_file = v;
         return absl::OkStatus();
       }},
      {"tls_cert_file", "PEM certificate chain; serve TLS (with tls_key_file)",
       [](Config& c, const std::string& v) {
         c.tls_cert_file = v;
         return absl::OkStatus();
       }},
      {"tls_key_file", "PEM private key of tls_cert_file",
       [](Config& c, const std::string& v) {
         c.tls_key_file = v;
         return absl::OkStatus();
       }},
      {"auth_tokens_file",
       "require \"authorization: Bearer <token>\" with a token from this "
       "file (one per line); health and reflection stay open",
       [](Config& c, const std::string& v) {
         c.auth_tokens_file = v;
         return absl::OkStatus();
       }},
  };
  return *settings;
}

std::string EnvName(const char* flag) {
  return absl::StrCat("COMPDATA_", absl::AsciiStrToUpper(flag));
}

}  // namespace

std::optional<std::string> ProcessEnv(const std::string& name) {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

std::string ConfigUsage() {
  std::string usage = "usage: compdata-server [--flag=value ...]\n";
  for (const Setting& s : Settings()) {
    absl::StrAppend(&usage, "  --", s.flag, " (", EnvName(s.flag), ")\n      ",
                    s.help, "\n");
  }
  return usage;
}

absl::StatusOr<Config> LoadConfig(const std::vector<std::string>& args,
                                  const EnvLookup& env) {
  Config config;
  for (const Setting& s : Settings()) {
    const std::string name = EnvName(s.flag);
    if (std::optional<std::string> v = env(name)) {
      absl::Status status = s.apply(config, *v);
      if (!status.ok()) return InvalidField(name, status.message());
    }
  }
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h")
      return absl::NotFoundError(ConfigUsage());
    if (!absl::StartsWith(arg, "--") || !absl::StrContains(arg, '=')) {
      return InvalidField(arg, "expected --flag=value");
    }
    std::pair<std::string, std::string> kv =
        absl::StrSplit(arg.substr(2), absl::MaxSplits('=', 1));
    const Setting* setting = nullptr;
    for (const Setting& s : Settings()) {
      if (kv.first == s.flag) setting = &s;
    }
    if (setting == nullptr) {
      return InvalidField(absl::StrCat("--", kv.first), "unknown flag");
    }
    absl::Status status = setting->apply(config, kv.second);
    if (!status.ok()) {
      return InvalidField(absl::StrCat("--", kv.first), status.message());
    }
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return InvalidField(
        config.tls_cert_file.empty() ? "--tls_cert_file" : "--tls_key_file",
        "TLS needs both --tls_cert_file and --tls_key_file");
  }
  if (config.database_url.empty()) {
    return InvalidField("--database_url",
                        "required (or set COMPDATA_DATABASE_URL)");
  }
  return config;
}

}  // namespace compdata::server
