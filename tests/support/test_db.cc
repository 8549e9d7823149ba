#include "tests/support/test_db.h"

#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace compdata::testing {
namespace {

// Replaces the database name at the end of a postgresql:// URL.
std::string WithDatabase(const std::string& url, const std::string& db) {
  const size_t slash = url.rfind('/');
  return absl::StrCat(url.substr(0, slash + 1), db);
}

}  // namespace

std::string ServerUrl() {
  if (const char* url = std::getenv("COMPDATA_TEST_DATABASE_URL")) return url;
  const char* state = std::getenv("COMPDATA_TEST_PG_STATE");
  if (state == nullptr) state = COMPDATA_DEFAULT_PG_STATE;
  std::ifstream in(absl::StrCat(state, "/url"));
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    throw std::runtime_error(absl::StrCat("no PostgreSQL url in ", state,
                                          "/url: did pg_start run?"));
  }
  return url;
}

TestDatabase::TestDatabase() {
  absl::BitGen gen;
  name_ = absl::StrCat("compdata_test_", absl::Uniform<uint64_t>(gen));
  url_ = WithDatabase(ServerUrl(), name_);
  pqxx::connection admin(ServerUrl());
  pqxx::nontransaction(admin).exec(absl::StrCat("CREATE DATABASE ", name_));
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(ServerUrl());
    pqxx::nontransaction(admin).exec(
        absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception&) {
    // The server may already be gone (a test that stops it); nothing to do.
  }
}

void TestDatabase::Exec(const std::string& sql) const {
  pqxx::connection conn(url_);
  pqxx::work txn(conn);
  txn.exec(sql);
  txn.commit();
}

std::string TestDatabase::QueryValue(const std::string& sql) const {
  pqxx::connection conn(url_);
  pqxx::work txn(conn);
  pqxx::row row = txn.exec1(sql);
  return row[0].is_null() ? "" : row[0].as<std::string>();
}

}  // namespace compdata::testing
