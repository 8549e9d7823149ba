#include "tests/support/private_postgres.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/server_process.h"

namespace compdata::testing {

PrivatePostgres::PrivatePostgres(bool fsync)
    : state_(absl::StrCat("/tmp/compdata-pg-", getpid(), "-",
                          absl::ToUnixMicros(absl::Now()))),
      fsync_(fsync) {
  if (Run("start") != 0) return;
  std::ifstream in(state_ + "/url");
  std::getline(in, url_);
}

PrivatePostgres::~PrivatePostgres() {
  Run("stop");
  std::filesystem::remove_all(state_);
}

int PrivatePostgres::Run(const std::string& command) const {
  return std::system(absl::StrCat(fsync_ ? "PG_FSYNC=on " : "",
                                  SourcePath("scripts/pg.sh"), " ", command,
                                  " ", state_, " >/dev/null")
                         .c_str());
}

}  // namespace compdata::testing
