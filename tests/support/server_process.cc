#include "tests/support/server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"

namespace compdata::testing {

std::string BuiltBinary(const std::string& relative) {
  const char* dir = std::getenv("COMPDATA_BIN_DIR");
  return absl::StrCat(dir != nullptr ? dir : COMPDATA_DEFAULT_BIN_DIR, "/",
                      relative);
}

std::string SourcePath(const std::string& relative) {
  return absl::StrCat(COMPDATA_SOURCE_DIR, "/", relative);
}

std::unique_ptr<ServerProcess> ServerProcess::Start(
    const std::string& database_url,
    const std::vector<std::string>& extra_args) {
  auto server = Launch(database_url, extra_args, absl::Seconds(20));
  if (!server.ok()) {
    ADD_FAILURE() << server.status();
    return nullptr;
  }
  return *std::move(server);
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Spawn(
    const std::string& database_url, const std::vector<std::string>& extra_args,
    bool capture_log) {
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  char dir_template[] = "/tmp/compdata-server-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    return absl::InternalError("mkdtemp failed");
  }
  server->dir_ = dir_template;
  std::vector<std::string> args = {
      BuiltBinary("server/compdata-server"),
      "--listen_address=127.0.0.1:0",
      "--port_file=" + server->dir_ + "/port",
      "--metrics_address=127.0.0.1:0",
      "--metrics_port_file=" + server->dir_ + "/metrics_port",
      "--database_url=" + database_url,
      "--shutdown_grace=5s",
      "--drain_delay=0s",
  };
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log_path = server->dir_ + "/stderr.log";

  server->started_ = std::chrono::steady_clock::now();
  server->pid_ = fork();
  if (server->pid_ < 0) return absl::InternalError("fork failed");
  if (server->pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (capture_log) {
      const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) dup2(fd, 2);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  return server;
}

absl::Status ServerProcess::WaitUntilReady(absl::Duration timeout) {
  const std::string port_file = dir_ + "/port";
  const auto until = started_ + absl::ToChronoNanoseconds(timeout);
  while (true) {
    COMPDATA_RETURN_IF_ERROR(CheckRunning());
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      port_ = port;
      listen_seconds_ = std::chrono::duration<double>(
                            std::chrono::steady_clock::now() - started_)
                            .count();
      return absl::OkStatus();
    }
    if (std::chrono::steady_clock::now() > until) {
      return absl::DeadlineExceededError(
          absl::StrCat("compdata-server did not write ", port_file, " within ",
                       absl::FormatDuration(timeout)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Launch(
    const std::string& database_url, const std::vector<std::string>& extra_args,
    absl::Duration timeout) {
  COMPDATA_ASSIGN_OR_RETURN(std::unique_ptr<ServerProcess> server,
                            Spawn(database_url, extra_args, false));
  COMPDATA_RETURN_IF_ERROR(server->WaitUntilReady(timeout));
  return server;
}

std::string ServerProcess::Log() const {
  std::ifstream in(dir_ + "/stderr.log");
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

absl::Status ServerProcess::CheckRunning() {
  int status = 0;
  if (pid_ > 0 && waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = 0;
    return absl::InternalError(
        absl::StrCat("compdata-server exited early, wait status ", status));
  }
  if (pid_ <= 0) return absl::InternalError("compdata-server is not running");
  return absl::OkStatus();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) StopWith(SIGKILL);
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

int ServerProcess::metrics_port() const {
  std::ifstream in(dir_ + "/metrics_port");
  int port = 0;
  in >> port;
  return port;
}

std::string ServerProcess::target() const {
  return absl::StrCat("127.0.0.1:", port_);
}

int ServerProcess::StopWith(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace compdata::testing
