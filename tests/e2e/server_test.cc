// The real compdata-server on a loopback port, called through the generated
// stubs, against a real PostgreSQL.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "client/health_check.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "compdata/v1/ingest_service.grpc.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata {
namespace {

using ::compdata::testing::ServerProcess;
using ::compdata::testing::TestDatabase;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = ServerProcess::Start(db_.url());
    ASSERT_NE(server_, nullptr);
    channel_ = grpc::CreateChannel(server_->target(),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::CompensationService::NewStub(channel_);
  }

  // The server migrated the database on start; roles are inserted directly.
  void SeedRoles(int count) {
    db_.Exec(
        "INSERT INTO roles (slug, title, family) SELECT 'role-' || "
        "lpad(i::text, 3, '0'), 'Role ' || i, CASE WHEN i % 2 = 0 THEN "
        "'even' ELSE 'odd' END FROM generate_series(1, " +
        std::to_string(count) + ") i");
    // Reads answer from the server's snapshot, which follows the change.
    const auto until = absl::Now() + absl::Seconds(10);
    while (absl::Now() < until) {
      v1::ListRolesResponse response;
      if (stub_->ListRoles(Context().get(), v1::ListRolesRequest(), &response)
              .ok() &&
          response.total_size() == count) {
        return;
      }
      absl::SleepFor(absl::Milliseconds(20));
    }
    FAIL() << "the server never showed the seeded roles";
  }

  static std::unique_ptr<grpc::ClientContext> Context() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    return ctx;
  }

  // The BadRequest field violations in a failed call's details.
  static std::vector<std::string> ViolatedFields(const grpc::Status& status) {
    google::rpc::Status details;
    EXPECT_TRUE(details.ParseFromString(status.error_details()));
    std::vector<std::string> fields;
    for (const auto& any : details.details()) {
      google::rpc::BadRequest bad_request;
      if (any.UnpackTo(&bad_request)) {
        for (const auto& v : bad_request.field_violations())
          fields.push_back(v.field());
      }
    }
    return fields;
  }

  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CompensationService::Stub> stub_;
};

TEST_F(ServerTest, HealthReportsServing) {
  auto whole = CheckHealth(channel_, "", absl::Seconds(5));
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(*whole, ServingStatus::kServing);
}

TEST_F(ServerTest, ListRolesPagesThroughEveryRoleOnce) {
  SeedRoles(7);
  std::vector<std::string> slugs;
  std::string token;
  int pages = 0;
  do {
    v1::ListRolesRequest request;
    request.set_page_size(3);
    request.set_page_token(token);
    v1::ListRolesResponse response;
    grpc::Status status = stub_->ListRoles(Context().get(), request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.total_size(), 7);
    EXPECT_FALSE(response.metadata().data_version().empty());
    EXPECT_GT(response.metadata().as_of().seconds(), 0);
    for (const auto& role : response.roles()) slugs.push_back(role.slug());
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(slugs.size(), 7u);
  EXPECT_TRUE(std::is_sorted(slugs.begin(), slugs.end()));
  EXPECT_EQ(std::set<std::string>(slugs.begin(), slugs.end()).size(), 7u);
}

TEST_F(ServerTest, GetRoleAnswersNotFoundForAnUnknownRole) {
  SeedRoles(1);
  v1::GetRoleRequest request;
  request.set_role("role-001");
  v1::GetRoleResponse response;
  ASSERT_TRUE(stub_->GetRole(Context().get(), request, &response).ok());
  EXPECT_EQ(response.role().title(), "Role 1");
  request.set_role("astronaut");
  grpc::Status status = stub_->GetRole(Context().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServerTest, MalformedRequestsAnswerInvalidArgumentNamingTheField) {
  v1::ListRolesRequest negative;
  negative.set_page_size(-1);
  v1::ListRolesResponse list;
  grpc::Status status = stub_->ListRoles(Context().get(), negative, &list);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"page_size"});

  v1::ListRolesRequest bad_token;
  bad_token.set_page_token("not-a-token");
  status = stub_->ListRoles(Context().get(), bad_token, &list);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"page_token"});

  v1::GetRoleRequest empty;
  v1::GetRoleResponse role;
  status = stub_->GetRole(Context().get(), empty, &role);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::vector<std::string>{"role"});
}

TEST_F(ServerTest, ReflectionListsOurServices) {
  grpc::GenericStub generic(channel_);
  grpc::CompletionQueue cq;
  auto ctx = Context();
  auto call = generic.PrepareCall(
      ctx.get(),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", &cq);
  void* tag = nullptr;
  bool ok = false;
  auto step = [&](int id) {
    ASSERT_TRUE(cq.Next(&tag, &ok));
    EXPECT_EQ(tag, reinterpret_cast<void*>(static_cast<intptr_t>(id)));
  };
  call->StartCall(reinterpret_cast<void*>(1));
  step(1);
  // ServerReflectionRequest{list_services: ""}: field 7, length-delimited.
  const std::string request("\x3a\x00", 2);
  grpc::Slice slice(request);
  call->Write(grpc::ByteBuffer(&slice, 1), reinterpret_cast<void*>(2));
  step(2);
  grpc::ByteBuffer response;
  call->Read(&response, reinterpret_cast<void*>(3));
  step(3);
  ASSERT_TRUE(ok);
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const auto& s : slices)
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  EXPECT_NE(bytes.find("compdata.v1.CompensationService"), std::string::npos);
  EXPECT_NE(bytes.find("compdata.v1.IngestService"), std::string::npos);
  EXPECT_NE(bytes.find("grpc.health.v1.Health"), std::string::npos);
  ctx->TryCancel();
  grpc::Status status;
  call->Finish(&status, reinterpret_cast<void*>(4));
  step(4);
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }
}

TEST_F(ServerTest, ReadsKeepWorkingWhileTheDatabaseIsAway) {
  SeedRoles(1);
  // Refuse new sessions, then cut the server's open ones.
  pqxx::connection admin(testing::ServerUrl());
  pqxx::nontransaction(admin).exec("ALTER DATABASE " + db_.name() +
                                   " ALLOW_CONNECTIONS false");
  pqxx::nontransaction(admin).exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "'" +
      db_.name() + "'");
  v1::ListRolesResponse response;
  grpc::Status status =
      stub_->ListRoles(Context().get(), v1::ListRolesRequest(), &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.total_size(), 1);
  // Writes need the database: an ingest stream fails with UNAVAILABLE.
  auto ingest = v1::IngestService::NewStub(channel_);
  auto ctx = Context();
  auto stream = ingest->IngestRoles(ctx.get());
  stream->WritesDone();
  v1::IngestRolesResponse ack;
  while (stream->Read(&ack)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
  pqxx::nontransaction(admin).exec("ALTER DATABASE " + db_.name() +
                                   " ALLOW_CONNECTIONS true");
}

TEST_F(ServerTest, SigtermStopsServingAndExitsZero) {
  EXPECT_EQ(server_->StopWith(SIGTERM), 0);
  auto health = CheckHealth(channel_, "", absl::Seconds(1));
  EXPECT_FALSE(health.ok() && *health == ServingStatus::kServing);
}

TEST_F(ServerTest, SigintExitsZero) { EXPECT_EQ(server_->StopWith(SIGINT), 0); }

}  // namespace
}  // namespace compdata
