#ifndef COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_
#define COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_

// Starts compdata-server as a child process and times how long it takes to
// answer reads. Like tests/support/ServerProcess, but with a configurable
// wait (a server that loads a big snapshot before listening may need more
// than the tests' 20 s) and no gtest.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

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
  ~LaunchedServer();  // SIGKILL if still running

  std::string target() const;
  pid_t pid() const { return pid_; }
  // From fork() to the port file / to the first answer that is not
  // UNAVAILABLE.
  double listen_seconds() const { return listen_seconds_; }
  double ready_seconds() const { return ready_seconds_; }
  // Status code (grpc::StatusCode) and message of that first answer.
  int first_answer_code() const { return first_answer_code_; }
  const std::string& first_answer_message() const {
    return first_answer_message_;
  }

  // Sends `signal`, waits; the exit code, or 128 + signal if killed by one.
  int Stop(int signal);

 private:
  LaunchedServer() = default;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string dir_;
  double listen_seconds_ = 0;
  double ready_seconds_ = 0;
  int first_answer_code_ = 0;
  std::string first_answer_message_;
};

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_SERVER_LAUNCHER_H_
