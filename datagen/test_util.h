// Helpers shared by the datagen tests.

#ifndef COMPDATA_DATAGEN_TEST_UTIL_H_
#define COMPDATA_DATAGEN_TEST_UTIL_H_

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "common/file_util.h"
#include "gtest/gtest.h"

namespace compdata::datagen::testing_util {

// A fresh directory under the test temp dir, one per process: ctest runs
// each test of a suite as its own process, in parallel, and a shared
// directory let one overwrite the files another was reading.
inline std::string MakeDir(const std::string& name) {
  const std::string dir = ::testing::TempDir() + "datagen_" + name + "_" +
                          std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0755);
  // Removed when the test process exits.
  struct Cleanup {
    std::vector<std::string> dirs;
    ~Cleanup() {
      for (const std::string& d : dirs) std::filesystem::remove_all(d);
    }
  };
  static Cleanup cleanup;
  cleanup.dirs.push_back(dir);
  return dir;
}

// The file's bytes, or "" when it cannot be read (the comparison fails).
inline std::string ReadFile(const std::string& path) {
  return ReadFileToString(path).value_or("");
}

}  // namespace compdata::datagen::testing_util

#endif  // COMPDATA_DATAGEN_TEST_UTIL_H_
