#ifndef COMPDATA_TESTS_SUPPORT_TEST_DB_H_
#define COMPDATA_TESTS_SUPPORT_TEST_DB_H_

#include <string>

namespace compdata::testing {

// URL of the run's PostgreSQL (started by the pg_start fixture), read from
// $COMPDATA_TEST_PG_STATE/url (default: the build tree's pgstate/), or
// $COMPDATA_TEST_DATABASE_URL when set.
std::string ServerUrl();

// A fresh, empty database inside that server, dropped on destruction (with
// any sessions still connected to it terminated).
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }
  // Runs SQL on a fresh connection (for setup and inspection).
  void Exec(const std::string& sql) const;
  std::string QueryValue(const std::string& sql) const;

 private:
  std::string name_;
  std::string url_;
};

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_TEST_DB_H_
