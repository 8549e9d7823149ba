#include "bench/query/server_launcher.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "tests/support/server_process.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  if (!in) return absl::NotFoundError(absl::StrCat("no process ", pid));
  ProcessMemory mem;
  std::string line;
  while (std::getline(in, line)) {
    // "VmRSS:\t  123456 kB"
    std::vector<std::string> parts =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    int64_t kb = 0;
    if (parts.size() < 2 || !absl::SimpleAtoi(parts[1], &kb)) continue;
    if (parts[0] == "VmRSS:") mem.rss_bytes = kb * 1024;
    if (parts[0] == "VmHWM:") mem.peak_bytes = kb * 1024;
  }
  if (mem.rss_bytes == 0) return absl::InternalError("VmRSS not found");
  return mem;
}

absl::StatusOr<std::unique_ptr<LaunchedServer>> LaunchedServer::Launch(
    const std::string& database_url, const std::vector<std::string>& args,
    const std::string& probe_role, absl::Duration timeout) {
  std::unique_ptr<LaunchedServer> server(new LaunchedServer());
  char dir_template[] = "/tmp/compdata-query-bench-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    return absl::InternalError("mkdtemp failed");
  }
  server->dir_ = dir_template;
  const std::string port_file = server->dir_ + "/port";
  std::vector<std::string> argv_strings = {
      testing::BuiltBinary("server/compdata-server"),
      "--listen_address=127.0.0.1:0",
      "--port_file=" + port_file,
      "--database_url=" + database_url,
      "--shutdown_grace=5s",
  };
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);

  const auto start = Clock::now();
  const auto until = start + absl::ToChronoNanoseconds(timeout);
  server->pid_ = fork();
  if (server->pid_ < 0) return absl::InternalError("fork failed");
  if (server->pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the benchmark
    execv(argv[0], argv.data());
    _exit(127);
  }
  auto exited = [&]() -> absl::Status {
    int status = 0;
    if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = 0;
      return absl::InternalError(
          absl::StrCat("compdata-server (", argv_strings[0],
                       ") exited during start-up, wait status ", status));
    }
    return absl::OkStatus();
  };

  while (server->port_ == 0) {
    if (absl::Status s = exited(); !s.ok()) return s;
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      server->port_ = port;
      server->listen_seconds_ = Since(start);
      break;
    }
    if (Clock::now() > until) {
      return absl::DeadlineExceededError(
          absl::StrCat("compdata-server did not listen within ",
                       absl::FormatDuration(timeout)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }

  auto stub = v1::CompensationService::NewStub(grpc::CreateChannel(
      server->target(), grpc::InsecureChannelCredentials()));
  v1::GetSalaryDistributionRequest request;
  request.set_role(probe_role);
  while (true) {
    if (absl::Status s = exited(); !s.ok()) return s;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(1));
    v1::GetSalaryDistributionResponse response;
    const grpc::Status status =
        stub->GetSalaryDistribution(&ctx, request, &response);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE &&
        status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
      server->ready_seconds_ = Since(start);
      server->first_answer_code_ = status.error_code();
      server->first_answer_message_ = status.error_message();
      return server;
    }
    if (Clock::now() > until) {
      return absl::DeadlineExceededError(absl::StrCat(
          "compdata-server answered GetSalaryDistribution only with ",
          "UNAVAILABLE/DEADLINE_EXCEEDED for ", absl::FormatDuration(timeout),
          " (last: ", status.error_message(), ")"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

LaunchedServer::~LaunchedServer() {
  if (pid_ > 0) Stop(SIGKILL);
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

std::string LaunchedServer::target() const {
  return absl::StrCat("127.0.0.1:", port_);
}

int LaunchedServer::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = 0;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace compdata::bench
