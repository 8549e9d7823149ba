// Health, staleness and the database's comings and goings, as an operator
// sees them: grpc.health.v1 per service, the compdata-staleness-ms header,
// the metrics endpoint and the JSON log lines, against a PostgreSQL the test
// stops and starts.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "client/health_check.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/private_postgres.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

constexpr char kReads[] = "compdata.v1.CompensationService";
constexpr char kIngest[] = "compdata.v1.IngestService";

ServingStatus Health(const std::shared_ptr<grpc::Channel>& channel,
                     const std::string& service) {
  auto status = CheckHealth(channel, service, absl::Seconds(2));
  return status.ok() ? *status : ServingStatus::kUnknown;
}

std::optional<double> Metric(const ServerProcess& server,
                             const std::string& series) {
  return ScrapeSeries(server.metrics_port(), series);
}

// ListRoles through a raw stub: its status and the staleness header.
std::pair<grpc::Status, int64_t> ListRoles(
    const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = v1::CompensationService::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  v1::ListRolesResponse response;
  grpc::Status status = stub->ListRoles(&ctx, {}, &response);
  int64_t staleness = -1;
  auto it = ctx.GetServerInitialMetadata().find("compdata-staleness-ms");
  if (it != ctx.GetServerInitialMetadata().end()) {
    (void)absl::SimpleAtoi(
        absl::string_view(it->second.data(), it->second.size()), &staleness);
  }
  return {status, staleness};
}

TEST(HealthTest, IngestFollowsTheDatabaseWhileReadsAndLivenessStayUp) {
  PrivatePostgres pg;
  ASSERT_FALSE(pg.url().empty());
  auto server = ServerProcess::Spawn(pg.url(), {}, /*capture_log=*/true);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE((*server)->WaitUntilReady(absl::Seconds(20)).ok());
  auto channel = grpc::CreateChannel((*server)->target(),
                                     grpc::InsecureChannelCredentials());
  EXPECT_EQ(Health(channel, ""), ServingStatus::kServing);
  EXPECT_EQ(Health(channel, kReads), ServingStatus::kServing);
  EXPECT_TRUE(Eventually(
      [&] { return Health(channel, kIngest) == ServingStatus::kServing; }));
  // Current once the listener's first check has run.
  EXPECT_TRUE(Eventually([&] { return ListRoles(channel).second == 0; }));
  EXPECT_EQ(Metric(**server, "compdata_database_up"), 1);
  {  // a failed call is logged without what the caller sent
    auto stub = v1::CompensationService::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-request-id", "req-42");
    v1::GetRoleRequest request;
    request.set_role("secret-role-name");
    v1::GetRoleResponse response;
    EXPECT_EQ(stub->GetRole(&ctx, request, &response).error_code(),
              grpc::StatusCode::NOT_FOUND);
  }

  ASSERT_EQ(pg.Run("crash"), 0);
  EXPECT_TRUE(Eventually(
      [&] { return Health(channel, kIngest) == ServingStatus::kNotServing; }));
  EXPECT_EQ(Health(channel, ""), ServingStatus::kServing);
  EXPECT_EQ(Health(channel, kReads), ServingStatus::kServing);
  EXPECT_EQ(Metric(**server, "compdata_database_up"), 0);
  absl::SleepFor(absl::Milliseconds(300));
  auto [read, staleness] = ListRoles(channel);
  EXPECT_TRUE(read.ok()) << "reads answer from the snapshot: "
                         << read.error_message();
  EXPECT_GE(staleness, 300);
  EXPECT_GE(
      Metric(**server, "compdata_snapshot_staleness_seconds").value_or(-1),
      0.3);

  ASSERT_EQ(pg.Run("restart"), 0);
  EXPECT_TRUE(Eventually(
      [&] { return Health(channel, kIngest) == ServingStatus::kServing; }));
  EXPECT_TRUE(Eventually([&] { return ListRoles(channel).second == 0; }));
  EXPECT_EQ(Metric(**server, "compdata_database_up"), 1);
  EXPECT_EQ((*server)->StopWith(SIGTERM), 0);

  const std::string log = (*server)->Log();
  EXPECT_TRUE(
      absl::StrContains(log, R"("level":"warning","msg":"database lost")"))
      << log;
  EXPECT_TRUE(
      absl::StrContains(log, R"("level":"info","msg":"database regained")"))
      << log;
  EXPECT_TRUE(absl::StrContains(
      log,
      R"("msg":"rpc failed","method":"/compdata.v1.CompensationService/GetRole","code":"NotFound")"))
      << log;
  EXPECT_TRUE(absl::StrContains(
      log, R"("request_id":"req-42","reason":"ROLE_NOT_FOUND","field":"role")"))
      << log;
  EXPECT_FALSE(absl::StrContains(log, "secret-role-name")) << log;
  EXPECT_TRUE(absl::StrContains(log, R"("msg":"starting")")) << log;
}

TEST(HealthTest, ReadsAreNotServingUntilTheFirstSnapshotLoads) {
  PrivatePostgres pg;
  ASSERT_FALSE(pg.url().empty());
  {  // migrated by one run of the server
    auto first = ServerProcess::Start(pg.url());
    ASSERT_NE(first, nullptr);
    first->StopWith(SIGTERM);
  }
  ASSERT_EQ(pg.Run("crash"), 0);
  // The port is known before the server is ready: health answers at once.
  auto server = ServerProcess::Spawn(pg.url(), {"--migrate_on_start=false"},
                                     /*capture_log=*/true);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE(Eventually([&] { return (*server)->metrics_port() > 0; }));
  std::string target;
  ASSERT_TRUE(Eventually(
      [&] { return Metric(**server, "compdata_snapshot_loaded") == 0; }));
  const std::string log = (*server)->Log();
  const std::string key = R"("msg":"listening","address":")";
  const size_t at = log.find(key);
  ASSERT_NE(at, std::string::npos) << log;
  const size_t from = at + key.size();
  target = log.substr(from, log.find('"', from) - from);
  auto channel =
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  EXPECT_EQ(Health(channel, ""), ServingStatus::kServing);
  EXPECT_EQ(Health(channel, kReads), ServingStatus::kNotServing);
  EXPECT_EQ(Health(channel, kIngest), ServingStatus::kNotServing);
  const grpc::Status early = ListRoles(channel).first;
  EXPECT_EQ(early.error_code(), grpc::StatusCode::UNAVAILABLE)
      << early.error_message();

  ASSERT_EQ(pg.Run("restart"), 0);
  ASSERT_TRUE((*server)->WaitUntilReady(absl::Seconds(30)).ok());
  EXPECT_EQ(Health(channel, kReads), ServingStatus::kServing);
  EXPECT_TRUE(Eventually(
      [&] { return Health(channel, kIngest) == ServingStatus::kServing; }));
  EXPECT_TRUE(ListRoles(channel).first.ok());
  EXPECT_EQ((*server)->StopWith(SIGTERM), 0);
}

TEST(CallLogTest, SlowCallsAreLoggedAndRepeatedFailuresLimited) {
  TestDatabase db;
  auto server = ServerProcess::Spawn(db.url(), {"--slow_rpc_threshold=1us"},
                                     /*capture_log=*/true);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE((*server)->WaitUntilReady(absl::Seconds(20)).ok());
  auto channel = grpc::CreateChannel((*server)->target(),
                                     grpc::InsecureChannelCredentials());
  ASSERT_TRUE(ListRoles(channel).first.ok());
  auto stub = v1::CompensationService::NewStub(channel);
  for (int i = 0; i < 20; ++i) {
    grpc::ClientContext ctx;
    v1::GetRoleRequest request;
    request.set_role("no-such-role");
    v1::GetRoleResponse response;
    ASSERT_EQ(stub->GetRole(&ctx, request, &response).error_code(),
              grpc::StatusCode::NOT_FOUND);
    if (i == 0) {  // no x-request-id sent: the server made one and says it
      auto it = ctx.GetServerTrailingMetadata().find("x-request-id");
      EXPECT_NE(it, ctx.GetServerTrailingMetadata().end());
    }
  }
  EXPECT_EQ((*server)->StopWith(SIGTERM), 0);
  const std::string log = (*server)->Log();
  EXPECT_TRUE(absl::StrContains(
      log,
      R"("level":"warning","msg":"slow rpc","method":"/compdata.v1.CompensationService/ListRoles","code":"OK")"))
      << log;
  // 20 identical failures inside a minute: 5 lines, the rest held back.
  size_t lines = 0;
  for (size_t at = log.find("ROLE_NOT_FOUND"); at != std::string::npos;
       at = log.find("ROLE_NOT_FOUND", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 5u) << log;
}

}  // namespace
}  // namespace compdata::testing
