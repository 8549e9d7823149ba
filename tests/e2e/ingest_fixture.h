#ifndef COMPDATA_TESTS_E2E_INGEST_FIXTURE_H_
#define COMPDATA_TESTS_E2E_INGEST_FIXTURE_H_

#include <gtest/gtest.h>

#include "client/client.h"
#include "tests/support/ingest_data.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {

// A real server on a fresh database with the shipped reference data loaded.
class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(db_.url());
    ASSERT_NE(server_, nullptr);
    auto client = Client::Create(ClientOptions{server_->target()});
    ASSERT_TRUE(client.ok());
    client_ = std::move(*client);
    LoadSeed(*client_);
  }

  int64_t Count(const std::string& table) const {
    return std::stoll(db_.QueryValue("SELECT count(*) FROM " + table));
  }

  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
};

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_E2E_INGEST_FIXTURE_H_
