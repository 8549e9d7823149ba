#ifndef COMPDATA_SERVER_CONFIG_H_
#define COMPDATA_SERVER_CONFIG_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/api/service_defaults.h"
#include "server/settings.h"

namespace compdata::server {

struct Config {
  std::string listen_address = "0.0.0.0:50051";
  std::string database_url;  // required
  int db_pool_size = 8;
  absl::Duration db_acquire_timeout = absl::Seconds(5);
  absl::Duration statement_timeout = absl::Seconds(5);
  bool migrate_on_start = true;
  // A connection gets GOAWAY after about this long (gRPC adds +-10%
  // jitter), so clients resolve the pods again and new ones get calls
  // within a minute of a scale-up; infinite = never.
  absl::Duration max_connection_age = absl::Seconds(30);
  // How long calls still open on such a connection may go on; infinite
  // (the default) never cuts a long ingest stream.
  absl::Duration max_connection_age_grace = absl::InfiniteDuration();
  // After SIGTERM: NOT_SERVING at once, but calls still served for this
  // long, so load balancers and the endpoints drop the pod first.
  absl::Duration drain_delay = absl::Seconds(5);
  // Then: new calls refused, in-flight ones given this long to finish.
  absl::Duration shutdown_grace = absl::Seconds(10);
  // Minimum group size for statistics drawn from self-reported salaries.
  int privacy_floor = api::kDefaultPrivacyFloor;
  // Answers kept per (request, data version, minute); 0 turns caching off.
  int response_cache_entries = api::kDefaultResponseCacheEntries;
  // If set, the bound port is written here once the server listens (tests
  // and scripts that start the server on port 0 read it).
  std::string port_file;
  // TLS: both PEM files or neither (plaintext, e.g. behind a mesh).
  std::string tls_cert_file;
  std::string tls_key_file;
  // If set, calls to the compdata services must carry one of the bearer
  // tokens listed in this file (one per line).
  std::string auth_tokens_file;
  // host:port of the Prometheus /metrics endpoint; empty turns it off.
  std::string metrics_address = "0.0.0.0:9464";
  // If set, the metrics endpoint's bound port is written here.
  std::string metrics_port_file;
  // Record every call (grpc_server_* metrics, failed and slow call logs)
  // with a server interceptor; off only to measure what that costs.
  bool observe_rpcs = true;
  // Unary calls slower than this are logged; 0 = never.
  absl::Duration slow_rpc_threshold = absl::Seconds(1);
  // debug, info, warning or error.
  std::string log_level = "info";
  // Ingest streams open at once; one more gets RESOURCE_EXHAUSTED.
  int max_ingest_streams = 64;
  // An ingest stream silent this long ends DEADLINE_EXCEEDED.
  absl::Duration ingest_idle_timeout = absl::Seconds(60);
  // Threads running every ingest stream's work (parsing, validation,
  // database writes), however many streams are open.
  int ingest_workers = 4;
  // --help was asked for: print ConfigUsage() instead of serving.
  bool help = false;
};

// Flags (--name=value) override environment variables (COMPDATA_NAME), which
// override the defaults above (server/settings.h). Unknown flags and
// malformed values are errors naming the flag or variable; --help gives a
// Config with `help` set and nothing else checked.
absl::StatusOr<Config> LoadConfig(const std::vector<std::string>& args,
                                  const EnvLookup& env);

std::string ConfigUsage();

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_CONFIG_H_
