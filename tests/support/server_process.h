#ifndef COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_
#define COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace compdata::testing {

// The real compdata-server binary, started as a child process on a free
// loopback port against `database_url`, killed on destruction if still up.
class ServerProcess {
 public:
  // Waits until the server has written its port file; empty pointer and a
  // gtest failure when it does not come up within 20 s.
  static std::unique_ptr<ServerProcess> Start(
      const std::string& database_url,
      const std::vector<std::string>& extra_args = {});
  // The same without gtest: an error when the server exits or has not
  // written its port file within `timeout` (benchmarks wait for big
  // snapshots). The child never outlives this process.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Launch(
      const std::string& database_url,
      const std::vector<std::string>& extra_args, absl::Duration timeout);
  // Forks the server and returns at once (WaitUntilReady waits for its
  // port file, which it writes once reads are served). With capture_log its
  // stderr goes to a file Log() reads.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Spawn(
      const std::string& database_url,
      const std::vector<std::string>& extra_args, bool capture_log);
  absl::Status WaitUntilReady(absl::Duration timeout);
  std::string Log() const;
  ~ServerProcess();

  // OK while the process runs; an error once it has exited (it is reaped).
  absl::Status CheckRunning();
  // When fork() ran, and how long the server took to write its port file.
  std::chrono::steady_clock::time_point started() const { return started_; }
  double listen_seconds() const { return listen_seconds_; }

  std::string target() const;  // "127.0.0.1:<port>"
  int port() const { return port_; }
  // The /metrics port (0 when the server has not bound it).
  int metrics_port() const;
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the process; returns its exit code, or
  // 128 + signal number when a signal killed it.
  int StopWith(int signal);

 private:
  ServerProcess() = default;
  pid_t pid_ = 0;
  int port_ = 0;
  std::string dir_;  // holds the port file; removed with the process
  std::chrono::steady_clock::time_point started_;
  double listen_seconds_ = 0;
};

// Path of a binary built by this tree ($COMPDATA_BIN_DIR/<relative>).
std::string BuiltBinary(const std::string& relative);
// Path of a file in the source tree.
std::string SourcePath(const std::string& relative);

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_
