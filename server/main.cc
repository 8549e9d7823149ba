// compdata-server: config -> migrations -> pool -> services -> serve until
// SIGTERM/SIGINT, then report NOT_SERVING, drain in-flight calls and exit 0.

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <signal.h>

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
#include "db/pg_batch_writer.h"
#include "db/pool.h"
#include "server/api/compensation_service.h"
#include "server/api/ingest_service.h"
#include "server/config.h"
#include "server/log.h"
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

std::string HostOf(const std::string& address) {
  return address.substr(0, address.rfind(':'));
}

absl::Status Migrate(const Config& config) {
  if (!config.migrate_on_start) return absl::OkStatus();
  auto report =
      db::ApplyMigrations(config.database_url, db::EmbeddedMigrations());
  if (!report.ok()) {
    return Annotate(report.status(), "migrations failed");
  }
  Log("INFO",
      absl::StrCat("schema version ", report->current_version, ", applied [",
                   absl::StrJoin(report->applied, ","), "]"));
  return absl::OkStatus();
}

absl::StatusOr<api::BearerAuth> LoadAuth(const Config& config) {
  if (config.auth_tokens_file.empty()) return api::BearerAuth();
  auto loaded = api::BearerAuth::FromFile(config.auth_tokens_file);
  if (!loaded.ok()) return Annotate(loaded.status(), "--auth_tokens_file");
  if (config.tls_cert_file.empty()) {
    Log("WARNING", "bearer tokens without TLS travel in clear text");
  }
  return loaded;
}

// Registers the services and listens; the bound port goes to *port and, when
// asked for, to the port file.
absl::StatusOr<std::unique_ptr<grpc::Server>> Listen(
    const Config& config, std::shared_ptr<grpc::ServerCredentials> creds,
    const std::vector<grpc::Service*>& services, int* port) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(config.listen_address, creds, port);
  // Accept the client library's keepalive pings (also when idle) instead of
  // answering them with GOAWAY too_many_pings: see channel_settings.h.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      static_cast<int>(absl::ToInt64Milliseconds(kServerMinPingInterval)));
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen_address));
  }
  if (!config.port_file.empty() && !WritePortFile(config.port_file, *port)) {
    return absl::InternalError(
        absl::StrCat("cannot write port file ", config.port_file));
  }
  return server;
}

// SERVING until SIGTERM/SIGINT, then NOT_SERVING and a bounded drain.
void ServeUntilSignal(grpc::Server& server, const Config& config,
                      const sigset_t& stop_signals) {
  server.GetHealthCheckService()->SetServingStatus(true);
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    Log("INFO",
        absl::StrCat("signal ", sig, ": NOT_SERVING, draining for up to ",
                     absl::FormatDuration(config.shutdown_grace)));
    server.GetHealthCheckService()->SetServingStatus(false);
    server.Shutdown(absl::ToChronoTime(absl::Now() + config.shutdown_grace));
  });
  server.Wait();
  stopper.join();
}

absl::Status Run(const Config& config, const sigset_t& stop_signals) {
  COMPDATA_RETURN_IF_ERROR(Migrate(config));
  COMPDATA_ASSIGN_OR_RETURN(
      std::unique_ptr<db::ConnectionPool> pool,
      db::ConnectionPool::Create(db::PoolOptions{
          config.database_url, config.db_pool_size, config.db_acquire_timeout,
          config.statement_timeout}));
  auto creds = ListenCredentials(config);
  if (!creds.ok()) return Annotate(creds.status(), "TLS");
  COMPDATA_ASSIGN_OR_RETURN(const api::BearerAuth auth, LoadAuth(config));
  // Reads answer from memory: load the first snapshot before listening.
  SnapshotManager snapshots(pool.get(), config.database_url,
                            SnapshotManager::Options{});
  if (absl::Status status = snapshots.Start(); !status.ok()) {
    return Annotate(status, "cannot load the data snapshot");
  }
  api::CompensationServiceImpl compensation(
      [&snapshots] { return snapshots.Current(); },
      api::CompensationServiceOptions{
          config.privacy_floor,
          static_cast<size_t>(config.response_cache_entries), &auth});
  db::PgBatchWriter writer(pool.get());
  api::IngestSettings ingest_settings;
  ingest_settings.writer = &writer;
  ingest_settings.auth = &auth;
  api::IngestServiceImpl ingest(ingest_settings);
  int port = 0;
  COMPDATA_ASSIGN_OR_RETURN(
      std::unique_ptr<grpc::Server> server,
      Listen(config, *creds, {&compensation, &ingest}, &port));
  Log("INFO", absl::StrCat("compdata-server listening on ",
                           HostOf(config.listen_address), ":", port));
  ServeUntilSignal(*server, config, stop_signals);
  snapshots.Stop();
  Log("INFO", "stopped");
  return absl::OkStatus();
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
  const absl::Status status = compdata::server::Run(*config, stop_signals);
  if (!status.ok()) {
    compdata::server::Log("ERROR", status.ToString());
    return 1;
  }
  return 0;
}
