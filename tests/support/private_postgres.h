#ifndef COMPDATA_TESTS_SUPPORT_PRIVATE_POSTGRES_H_
#define COMPDATA_TESTS_SUPPORT_PRIVATE_POSTGRES_H_

#include <string>

namespace compdata::testing {

// A PostgreSQL of one test's own (scripts/pg.sh, data under /tmp), for
// tests that crash or restart it: the shared one serves every other test.
// Stopped and removed on destruction, however the test ends.
class PrivatePostgres {
 public:
  // fsync on when a test needs real durability across a crash.
  explicit PrivatePostgres(bool fsync = false);
  ~PrivatePostgres();
  PrivatePostgres(const PrivatePostgres&) = delete;
  PrivatePostgres& operator=(const PrivatePostgres&) = delete;

  // Empty when it did not start.
  const std::string& url() const { return url_; }
  // scripts/pg.sh COMMAND ("crash", "restart"); its exit status.
  int Run(const std::string& command) const;

 private:
  std::string state_;
  bool fsync_;
  std::string url_;
};

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_PRIVATE_POSTGRES_H_
