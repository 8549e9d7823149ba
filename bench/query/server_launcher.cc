#include "bench/query/server_launcher.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"
#include "compdata/v1/compensation_service.grpc.pb.h"

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
  COMPDATA_ASSIGN_OR_RETURN(server->process_, testing::ServerProcess::Launch(
                                                  database_url, args, timeout));
  const Clock::time_point start = server->process_->started();
  const auto until = start + absl::ToChronoNanoseconds(timeout);

  auto stub = v1::CompensationService::NewStub(grpc::CreateChannel(
      server->target(), grpc::InsecureChannelCredentials()));
  v1::GetSalaryDistributionRequest request;
  request.set_role(probe_role);
  while (true) {
    COMPDATA_RETURN_IF_ERROR(server->process_->CheckRunning());
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

}  // namespace compdata::bench
