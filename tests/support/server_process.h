#ifndef COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_
#define COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

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
  ~ServerProcess();

  std::string target() const;  // "127.0.0.1:<port>"
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the process; returns its exit code, or
  // 128 + signal number when a signal killed it.
  int StopWith(int signal);

 private:
  ServerProcess(pid_t pid, int port, std::string dir)
      : pid_(pid), port_(port), dir_(std::move(dir)) {}
  pid_t pid_;
  int port_;
  std::string dir_;  // holds the port file; removed with the process
};

// Path of a binary built by this tree ($COMPDATA_BIN_DIR/<relative>).
std::string BuiltBinary(const std::string& relative);
// Path of a file in the source tree.
std::string SourcePath(const std::string& relative);

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_SERVER_PROCESS_H_
