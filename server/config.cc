#include "server/config.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"
#include "server/log.h"
#include "server/settings.h"

namespace compdata::server {
namespace {

absl::Status SetString(std::string& field, const std::string& value) {
  field = value;
  return absl::OkStatus();
}

constexpr Setting<Config> kSettings[] = {
    {"listen_address", "host:port to serve gRPC on (port 0 = any free port)",
     [](Config& c, const std::string& v) {
       if (v.empty() || !absl::StrContains(v, ':')) {
         return absl::InvalidArgumentError("expected host:port");
       }
       return SetString(c.listen_address, v);
     }},
    {"database_url", "PostgreSQL connection URI (required)",
     [](Config& c, const std::string& v) {
       return SetString(c.database_url, v);
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
    {"max_connection_age",
     "GOAWAY to a connection this old (+-10%), so clients re-resolve and "
     "spread onto new pods; inf = never",
     [](Config& c, const std::string& v) {
       return ParseDuration(v, &c.max_connection_age);
     }},
    {"max_connection_age_grace",
     "then, how long its open calls may go on; inf (default) never cuts a "
     "long ingest stream",
     [](Config& c, const std::string& v) {
       return ParseDuration(v, &c.max_connection_age_grace);
     }},
    {"drain_delay",
     "after SIGTERM, NOT_SERVING but still serving for this long (a second "
     "signal cuts it short)",
     [](Config& c, const std::string& v) {
       return ParseDuration(v, &c.drain_delay);
     }},
    {"shutdown_grace", "then, time for in-flight calls to finish",
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
     [](Config& c, const std::string& v) { return SetString(c.port_file, v); }},
    {"tls_cert_file", "PEM certificate chain; serve TLS (with tls_key_file)",
     [](Config& c, const std::string& v) {
       return SetString(c.tls_cert_file, v);
     }},
    {"tls_key_file", "PEM private key of tls_cert_file",
     [](Config& c, const std::string& v) {
       return SetString(c.tls_key_file, v);
     }},
    {"auth_tokens_file",
     "require \"authorization: Bearer <token>\" with a token from this "
     "file (TOKEN [SCOPE,...] per line, scopes read, ingest, admin; "
     "re-read on change); health and reflection stay open",
     [](Config& c, const std::string& v) {
       return SetString(c.auth_tokens_file, v);
     }},
    {"max_ingest_streams",
     "ingest streams open at once; one more gets RESOURCE_EXHAUSTED (1..10000)",
     [](Config& c, const std::string& v) {
       return ParseInt(v, 1, 10000, &c.max_ingest_streams);
     }},
    {"ingest_idle_timeout",
     "an ingest stream sending nothing this long ends DEADLINE_EXCEEDED",
     [](Config& c, const std::string& v) {
       return ParseDuration(v, &c.ingest_idle_timeout);
     }},
    {"ingest_workers",
     "threads doing the work of every ingest stream (parsing, validation, "
     "database writes), however many are open (1..64)",
     [](Config& c, const std::string& v) {
       return ParseInt(v, 1, 64, &c.ingest_workers);
     }},
    {"metrics_address",
     "host:port of the Prometheus /metrics endpoint (port 0 = any free "
     "port); empty = no metrics",
     [](Config& c, const std::string& v) {
       if (!v.empty() && !absl::StrContains(v, ':')) {
         return absl::InvalidArgumentError("expected host:port or empty");
       }
       return SetString(c.metrics_address, v);
     }},
    {"metrics_port_file", "write the metrics port to this file once bound",
     [](Config& c, const std::string& v) {
       return SetString(c.metrics_port_file, v);
     }},
    {"observe_rpcs",
     "record every call (grpc_server_* metrics, failed and slow call logs)",
     [](Config& c, const std::string& v) {
       return ParseBool(v, &c.observe_rpcs);
     }},
    {"slow_rpc_threshold", "log unary calls slower than this; 0 = never",
     [](Config& c, const std::string& v) {
       return ParseDuration(v, &c.slow_rpc_threshold);
     }},
    {"log_level", "debug, info, warning or error",
     [](Config& c, const std::string& v) {
       COMPDATA_RETURN_IF_ERROR(ParseLogLevel(v).status());
       return SetString(c.log_level, v);
     }},
};

}  // namespace

std::string ConfigUsage() {
  return Usage<Config>("compdata-server", kSettings);
}

absl::StatusOr<Config> LoadConfig(const std::vector<std::string>& args,
                                  const EnvLookup& env) {
  Config config;
  if (WantsHelp(args)) {
    config.help = true;
    return config;
  }
  COMPDATA_RETURN_IF_ERROR(
      ApplySettings<Config>(kSettings, args, env, &config));
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
