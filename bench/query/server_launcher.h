#ifndef COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_
#define COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_

// Starts compdata-server as a child process (tests/support's ServerProcess)
// and times how long it takes to answer reads.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/support/server_process.h"

namespace compdata::bench {

struct ProcessMemory {
  int64_t rss_bytes = 0;   // VmRSS
  int64_t peak_bytes = 0;  // VmHWM: the largest RSS so far
};

// From /proc/<pid>/status.
absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid);

class LaunchedServer {
 public:
  // Launches the server on 127.0.0.1 (any free port) against `database_url`
  // and waits until it is ready: it has written its port file and a
  // GetSalaryDistribution(`probe_role`) call gets an answer other than
  // UNAVAILABLE (the contract's SNAPSHOT_NOT_READY) or DEADLINE_EXCEEDED.
  // Error when it exits or is not ready within `timeout`.
  static absl::StatusOr<std::unique_ptr<LaunchedServer>> Launch(
      const std::string& database_url, const std::vector<std::string>& args,
      const std::string& probe_role, absl::Duration timeout);
  std::string target() const { return process_->target(); }
  pid_t pid() const { return process_->pid(); }
  // From fork() to the port file / to the first answer that is not
  // UNAVAILABLE.
  double listen_seconds() const { return process_->listen_seconds(); }
  double ready_seconds() const { return ready_seconds_; }
  // Status code (grpc::StatusCode) and message of that first answer.
  int first_answer_code() const { return first_answer_code_; }
  const std::string& first_answer_message() const {
    return first_answer_message_;
  }

  // Sends `signal`, waits; the exit code, or 128 + signal if killed by one.
  // The destructor sends SIGKILL if it still runs.
  int Stop(int signal) { return process_->StopWith(signal); }

 private:
  LaunchedServer() = default;
  std::unique_ptr<testing::ServerProcess> process_;
  double ready_seconds_ = 0;
  int first_answer_code_ = 0;
  std::string first_answer_message_;
};

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_
