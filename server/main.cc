// compdata-server: config -> metrics endpoint -> listen (health answers at
// once) -> migrations and the first snapshot in the background -> serve
// until SIGTERM/SIGINT, then report NOT_SERVING, drain in-flight calls and
// exit 0.

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/channel_settings.h"
#include "common/file_util.h"
#include "common/status_util.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "db/official_writer.h"
#include "db/pg_batch_writer.h"
#include "db/pool.h"
#include "prometheus/exposer.h"
#include "server/api/compensation_service.h"
#include "server/api/ingest_service.h"
#include "server/config.h"
#include "server/log.h"
#include "server/metrics/call_observer.h"
#include "server/metrics/process_metrics.h"
#include "server/metrics/rpc_observer.h"
#include "server/metrics/service_metrics.h"
#include "server/redact.h"
#include "server/serving_state.h"
#include "server/snapshot_manager.h"

namespace compdata::server {
namespace {

bool WritePortFile(const std::string& path, int port) {
  // Written whole then renamed, so a reader never sees a partial number.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << port << "\n";
    if (!out) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ListenCredentials(
    const Config& config) {
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  COMPDATA_ASSIGN_OR_RETURN(pair.private_key,
                            ReadFileToString(config.tls_key_file));
  COMPDATA_ASSIGN_OR_RETURN(pair.cert_chain,
                            ReadFileToString(config.tls_cert_file));
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back(std::move(pair));
  return grpc::SslServerCredentials(options);
}

// gRPC takes milliseconds as an int; an infinite duration is gRPC's own
// default (the argument unset).
void AddDurationArgument(grpc::ServerBuilder& builder, const char* name,
                         absl::Duration d) {
  if (d == absl::InfiniteDuration()) return;
  builder.AddChannelArgument(
      name, static_cast<int>(
                std::min<int64_t>(absl::ToInt64Milliseconds(d), INT32_MAX)));
}

std::string HostOf(const std::string& address) {
  return address.substr(0, address.rfind(':'));
}

void LogStartup(const Config& c) {
  Log(LogLevel::kInfo, "starting",
      {{"listen_address", c.listen_address},
       {"database_url", RedactDatabaseUrl(c.database_url)},
       {"db_pool_size", c.db_pool_size},
       {"db_acquire_timeout", c.db_acquire_timeout},
       {"statement_timeout", c.statement_timeout},
       {"migrate_on_start", c.migrate_on_start},
       {"max_connection_age", c.max_connection_age},
       {"max_connection_age_grace", c.max_connection_age_grace},
       {"shutdown_grace", c.shutdown_grace},
       {"privacy_floor", c.privacy_floor},
       {"response_cache_entries", c.response_cache_entries},
       {"tls", !c.tls_cert_file.empty()},
       {"auth_tokens_file", c.auth_tokens_file},
       {"metrics_address", c.metrics_address},
       {"observe_rpcs", c.observe_rpcs},
       {"slow_rpc_threshold", c.slow_rpc_threshold},
       {"max_ingest_streams", c.max_ingest_streams},
       {"ingest_idle_timeout", c.ingest_idle_timeout},
       {"ingest_workers", c.ingest_workers},
       {"drain_delay", c.drain_delay},
       {"log_level", c.log_level}});
}

// Waits for the database as long as it is unreachable; a migration that
// fails for any other reason is fatal.
absl::Status Migrate(const Config& config, const std::atomic<bool>& stopping) {
  if (!config.migrate_on_start) return absl::OkStatus();
  absl::Duration backoff = absl::Milliseconds(100);
  LogRateLimiter limiter(1, absl::Minutes(1));
  while (!stopping) {
    auto report =
        db::ApplyMigrations(config.database_url, db::EmbeddedMigrations());
    if (report.ok()) {
      Log(LogLevel::kInfo, "schema ready",
          {{"version", report->current_version},
           {"applied", absl::StrJoin(report->applied, ",")}});
      return absl::OkStatus();
    }
    if (!absl::IsUnavailable(report.status())) {
      return Annotate(report.status(), "migrations failed");
    }
    int64_t suppressed = 0;
    if (limiter.Allow("migrate", absl::Now(), &suppressed)) {
      Log(LogLevel::kWarning, "database unreachable; migrations wait for it",
          {{"error", report.status().ToString()}, {"suppressed", suppressed}});
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
  return absl::CancelledError("stopped");
}

// Token files are looked at this often for a rotated version.
constexpr absl::Duration kTokenReload = absl::Seconds(2);

absl::StatusOr<std::unique_ptr<api::BearerAuth>> LoadAuth(
    const Config& config) {
  if (config.auth_tokens_file.empty()) {
    return std::make_unique<api::BearerAuth>();
  }
  auto loaded =
      api::BearerAuth::FromFile(config.auth_tokens_file, kTokenReload);
  if (!loaded.ok()) return Annotate(loaded.status(), "--auth_tokens_file");
  if (config.tls_cert_file.empty()) {
    Log(LogLevel::kWarning, "bearer tokens without TLS travel in clear text");
  }
  return loaded;
}

// The metrics endpoint, or nullptr when --metrics_address is empty.
absl::StatusOr<std::unique_ptr<prometheus::Exposer>> StartExposer(
    const Config& config,
    const std::shared_ptr<metrics::ScrapeCollector>& collector) {
  if (config.metrics_address.empty()) return nullptr;
  std::unique_ptr<prometheus::Exposer> exposer;
  try {
    exposer = std::make_unique<prometheus::Exposer>(config.metrics_address, 2);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat(
        "cannot serve metrics on ", config.metrics_address, ": ", e.what()));
  }
  exposer->RegisterCollectable(collector);
  const int port = exposer->GetListeningPorts().at(0);
  if (!config.metrics_port_file.empty() &&
      !WritePortFile(config.metrics_port_file, port)) {
    return absl::InternalError(
        absl::StrCat("cannot write port file ", config.metrics_port_file));
  }
  Log(LogLevel::kInfo, "metrics endpoint up",
      {{"address", absl::StrCat(HostOf(config.metrics_address), ":", port)}});
  return exposer;
}

struct MetricsEndpoint {
  std::shared_ptr<metrics::ScrapeCollector> collector;
  std::unique_ptr<prometheus::Exposer> exposer;  // nullptr: metrics off
};

// Everything /metrics shows, and the endpoint serving it.
absl::StatusOr<MetricsEndpoint> ServeMetrics(
    const Config& config, const metrics::RpcMetrics& rpc_metrics,
    metrics::ServiceSources sources) {
  MetricsEndpoint endpoint;
  endpoint.collector = std::make_shared<metrics::ScrapeCollector>();
  endpoint.collector->Add(
      [&rpc_metrics](metrics::Families* out) { rpc_metrics.Collect(out); });
  endpoint.collector->Add(metrics::CollectProcessMetrics);
  metrics::AddServiceMetrics(std::move(sources), endpoint.collector.get());
  COMPDATA_ASSIGN_OR_RETURN(endpoint.exposer,
                            StartExposer(config, endpoint.collector));
  return endpoint;
}

// Registers the services and listens; the bound port goes to *port.
absl::StatusOr<std::unique_ptr<grpc::Server>> Listen(
    const Config& config, std::shared_ptr<grpc::ServerCredentials> creds,
    const std::vector<grpc::Service*>& services, metrics::CallObserver* calls,
    int* port) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen_address, creds, port);
  // Accept the client library's keepalive pings (also when idle) instead of
  // answering them with GOAWAY too_many_pings: see channel_settings.h.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.SetMaxReceiveMessageSize(api::kMaxRequestBytes);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      static_cast<int>(absl::ToInt64Milliseconds(kServerMinPingInterval)));
  AddDurationArgument(builder, GRPC_ARG_MAX_CONNECTION_AGE_MS,
                      config.max_connection_age);
  AddDurationArgument(builder, GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                      config.max_connection_age_grace);
  if (calls != nullptr) {
    // For reflection only (server/metrics/rpc_observer.h says why).
    std::vector<
        std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
        observers;
    observers.push_back(std::make_unique<metrics::RpcObserverFactory>(
        calls, std::vector<std::string>{"/compdata.", "/grpc.health."}));
    builder.experimental().SetInterceptorCreators(std::move(observers));
  }
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address));
  }
  return server;
}

// Migrations, then the first snapshot; the port file says "ready".
absl::Status BringUp(const Config& config, int port, ServingState& serving,
                     SnapshotManager& snapshots,
                     const std::atomic<bool>& stopping) {
  COMPDATA_RETURN_IF_ERROR(Migrate(config, stopping));
  serving.SetSchemaReady();
  COMPDATA_RETURN_IF_ERROR(snapshots.Start());
  serving.SetSnapshotLoaded();
  if (!config.port_file.empty() && !WritePortFile(config.port_file, port)) {
    return absl::InternalError(
        absl::StrCat("cannot write port file ", config.port_file));
  }
  Log(LogLevel::kInfo, "ready", {{"port", port}});
  return absl::OkStatus();
}

// Serves while bringing the data up beside it, until SIGTERM/SIGINT (or a
// bring-up failure that cannot heal), then NOT_SERVING and a bounded drain.
absl::Status ServeUntilSignal(grpc::Server& server, const Config& config,
                              int port, const sigset_t& stop_signals,
                              ServingState& serving, SnapshotManager& snapshots,
                              std::atomic<bool>& ingest_stop) {
  std::atomic<bool> stopping{false};
  std::atomic<bool> failed{false};
  absl::Status fatal;
  std::thread bring_up([&] {
    absl::Status status = BringUp(config, port, serving, snapshots, stopping);
    if (!status.ok() && !stopping) {
      fatal = status;
      failed = true;
      kill(getpid(), SIGTERM);  // process-directed: the stopper's sigwait
    }
  });
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    stopping = true;
    Log(LogLevel::kInfo, "stopping: NOT_SERVING, still serving for the delay",
        {{"signal", sig}, {"drain_delay_seconds", config.drain_delay}});
    serving.Shutdown();
    if (config.drain_delay > absl::ZeroDuration() && !failed) {
      const timespec delay = absl::ToTimespec(config.drain_delay);
      sigtimedwait(&stop_signals, nullptr, &delay);  // a second signal: now
    }
    Log(LogLevel::kInfo, "draining: new calls refused, in-flight ones finish",
        {{"grace_seconds", config.shutdown_grace}});
    ingest_stop = true;
    snapshots.Stop();  // also ends a first load still waiting
    server.Shutdown(absl::ToChronoTime(absl::Now() + config.shutdown_grace));
  });
  server.Wait();
  stopper.join();
  bring_up.join();
  return fatal;
}

api::IngestSettings IngestSettingsOf(const Config& config,
                                     ingest::BatchWriter* writer,
                                     ingest::OfficialTableWriter* official,
                                     const api::BearerAuth* auth,
                                     const ServingState& serving,
                                     metrics::CallObserver* calls,
                                     const std::atomic<bool>* stopping) {
  api::IngestSettings settings;
  settings.writer = writer;
  settings.official = official;
  settings.auth = auth;
  settings.ready = serving.schema_ready();
  settings.calls = calls;
  settings.stopping = stopping;
  settings.max_streams = config.max_ingest_streams;
  settings.idle_timeout = config.ingest_idle_timeout;
  return settings;
}

absl::Status Run(const Config& config, const sigset_t& stop_signals) {
  LogStartup(config);
  metrics::LatencyHistogram pool_wait(metrics::SlowLatencyBounds());
  COMPDATA_ASSIGN_OR_RETURN(
      std::unique_ptr<db::ConnectionPool> pool,
      db::ConnectionPool::Create(db::PoolOptions{
          config.database_url, config.db_pool_size, config.db_acquire_timeout,
          config.statement_timeout,
          [&pool_wait](absl::Duration d) { pool_wait.Observe(d); }}));
  auto creds = ListenCredentials(config);
  if (!creds.ok()) return Annotate(creds.status(), "TLS");
  COMPDATA_ASSIGN_OR_RETURN(const std::unique_ptr<api::BearerAuth> auth,
                            LoadAuth(config));
  metrics::RpcMetrics rpc_metrics(
      metrics::ServedMethods({kReadService, kIngestService}));
  metrics::CallObserver call_observer(metrics::CallObserver::Options{
      config.metrics_address.empty() ? nullptr : &rpc_metrics,
      config.slow_rpc_threshold});
  metrics::CallObserver* calls = config.observe_rpcs ? &call_observer : nullptr;
  ServingState serving;
  SnapshotManager::Options snapshot_options;
  snapshot_options.on_database = [&serving](bool up) {
    serving.SetDatabaseUp(up);
  };
  SnapshotManager snapshots(pool.get(), config.database_url, snapshot_options);
  api::CompensationServiceImpl compensation(
      [&snapshots] { return snapshots.Current(); },
      api::CompensationServiceOptions{
          config.privacy_floor,
          static_cast<size_t>(config.response_cache_entries), auth.get(),
          [&snapshots] { return snapshots.Staleness(); }, calls});
  db::PgBatchWriter writer(pool.get());
  db::PgOfficialTableWriter official_writer(pool.get());
  std::atomic<bool> ingest_stop{false};
  api::IngestServiceImpl ingest(
      IngestSettingsOf(config, &writer, &official_writer, auth.get(), serving,
                       calls, &ingest_stop),
      api::IngestWorkers::Options{config.ingest_workers});

  COMPDATA_ASSIGN_OR_RETURN(
      const MetricsEndpoint endpoint,
      ServeMetrics(config, rpc_metrics,
                   {&snapshots, pool.get(), &pool_wait, &serving,
                    [&compensation] { return compensation.CacheStatistics(); },
                    COMPDATA_VERSION}));
  int port = 0;
  COMPDATA_ASSIGN_OR_RETURN(
      std::unique_ptr<grpc::Server> server,
      Listen(config, *creds, {&compensation, &ingest}, calls, &port));
  serving.Attach(server->GetHealthCheckService());
  Log(LogLevel::kInfo, "listening",
      {{"address", absl::StrCat(HostOf(config.listen_address), ":", port)}});
  absl::Status status = ServeUntilSignal(*server, config, port, stop_signals,
                                         serving, snapshots, ingest_stop);
  // Every call is done: the steps still queued (each deleting its stream)
  // run, then the ingest workers end.
  ingest.Stop();
  Log(LogLevel::kInfo, "stopped");
  return status;
}

}  // namespace
}  // namespace compdata::server

int main(int argc, char** argv) {
  // Blocked before any thread starts, so only the stopper thread sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto config = compdata::server::LoadConfig(
      std::vector<std::string>(argv + 1, argv + argc),
      compdata::server::ProcessEnv);
  if (config.ok() && config->help) {
    std::cout << compdata::server::ConfigUsage();
    return 0;
  }
  if (!config.ok()) {
    std::cerr << "compdata-server: " << config.status().message() << " ("
              << compdata::FieldOf(config.status()).value_or("") << ")\n"
              << compdata::server::ConfigUsage();
    return 2;
  }
  compdata::server::SetLogLevel(
      *compdata::server::ParseLogLevel(config->log_level));
  const absl::Status status = compdata::server::Run(*config, stop_signals);
  if (!status.ok()) {
    compdata::server::Log(compdata::server::LogLevel::kError, "exiting",
                          {{"error", status.ToString()}});
    return 1;
  }
  return 0;
}
