#include "tests/support/server_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"

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
  char dir_template[] = "/tmp/compdata-server-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string port_file = dir + "/port";
  std::vector<std::string> args = {
      BuiltBinary("server/compdata-server"),
      "--listen_address=127.0.0.1:0",
      "--port_file=" + port_file,
      "--database_url=" + database_url,
      "--shutdown_grace=5s",
  };
  args.insert(args.end(), extra_args.begin(), extra_args.end());

  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto until =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < until) {
    std::ifstream in(port_file);
    int port = 0;
    if (in >> port && port > 0) {
      return std::unique_ptr<ServerProcess>(new ServerProcess(pid, port, dir));
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      ADD_FAILURE() << "compdata-server exited early with status " << status;
      std::filesystem::remove_all(dir);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  ADD_FAILURE() << "compdata-server did not write " << port_file;
  std::filesystem::remove_all(dir);
  return nullptr;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) StopWith(SIGKILL);
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
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
