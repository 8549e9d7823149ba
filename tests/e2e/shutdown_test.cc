// Stopping a server loses no call: NOT_SERVING first while it still serves
// for the drain delay (the client library's round_robin watches health and
// leaves it), then in-flight calls finish and new ones are refused; an open
// ingest stream ends UNAVAILABLE naming where to resume. Without the client
// watching health, a call that raced the listener's close came back
// CANCELLED (gRPC's core cancels a stream it accepts after shutdown began),
// which is why the delay exists and the client watches.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/client.h"
#include "client/health_check.h"
#include "compdata/v1/ingest_service.grpc.pb.h"
#include "tests/support/ingest_data.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

TEST(ShutdownTest, ARollingStopLosesNoCallOfARetryingClient) {
  TestDatabase db;
  auto a = ServerProcess::Start(db.url(), {"--drain_delay=1s"});
  auto b = ServerProcess::Start(db.url());
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  {
    auto loader = Client::Create(ClientOptions{a->target()});
    ASSERT_TRUE(loader.ok());
    LoadSeed(**loader);
  }
  ClientOptions options(absl::StrCat("ipv4:", a->target(), ",", b->target()));
  options.max_read_attempts = 5;
  auto client = Client::Create(options);
  ASSERT_TRUE(client.ok());
  // Both replicas hold the seed before the load starts.
  for (const auto* server : {a.get(), b.get()}) {
    auto direct = Client::Create(ClientOptions{server->target()});
    ASSERT_TRUE(direct.ok());
    v1::GetRoleRequest request;
    request.set_role("ai-engineer");
    Eventually([&] { return (*direct)->GetRole(request).ok(); },
               absl::Seconds(10));
  }

  std::atomic<bool> stop{false};
  std::atomic<int64_t> ok{0};
  std::mutex mu;
  std::map<std::string, int64_t> failures;
  std::vector<std::thread> load;
  for (int t = 0; t < 4; ++t) {
    load.emplace_back([&] {
      v1::GetRoleRequest request;
      request.set_role("ai-engineer");
      while (!stop) {
        auto answer = (*client)->GetRole(request);
        if (answer.ok()) {
          ++ok;
        } else {
          std::lock_guard<std::mutex> lock(mu);
          ++failures[absl::StatusCodeToString(answer.status().code())];
        }
      }
    });
  }
  absl::SleepFor(absl::Seconds(1));
  ASSERT_EQ(kill(a->pid(), SIGTERM), 0);
  absl::SleepFor(absl::Milliseconds(300));
  // Inside the drain delay: NOT_SERVING, yet still answering.
  auto a_channel =
      grpc::CreateChannel(a->target(), grpc::InsecureChannelCredentials());
  auto health = CheckHealth(a_channel, "", absl::Seconds(1));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, ServingStatus::kNotServing);
  // A client checking health (the default) no longer picks it; one that
  // does not still gets answers.
  auto checking = Client::Create(ClientOptions{a->target()});
  ASSERT_TRUE(checking.ok());
  EXPECT_EQ((*checking)->ListRoles(v1::ListRolesRequest()).status().code(),
            absl::StatusCode::kUnavailable);
  ClientOptions unchecked{a->target()};
  unchecked.health_check_service = "";
  auto direct = Client::Create(unchecked);
  ASSERT_TRUE(direct.ok());
  EXPECT_TRUE((*direct)->ListRoles(v1::ListRolesRequest()).ok());
  absl::SleepFor(absl::Seconds(2.5));
  stop = true;
  for (std::thread& t : load) t.join();

  EXPECT_EQ(a->StopWith(0), 0) << "exit code after SIGTERM";
  EXPECT_GT(ok.load(), 100);
  EXPECT_TRUE(failures.empty())
      << failures.begin()->first << " x " << failures.begin()->second;
  EXPECT_EQ(b->StopWith(SIGTERM), 0);
}

TEST(ShutdownTest, AnOpenIngestStreamEndsUnavailableSayingWhereToResume) {
  TestDatabase db;
  auto server = ServerProcess::Start(db.url(), {"--drain_delay=200ms"});
  ASSERT_NE(server, nullptr);
  auto client = Client::Create(ClientOptions{server->target()});
  ASSERT_TRUE(client.ok());
  LoadSeed(**client);

  auto channel =
      grpc::CreateChannel(server->target(), grpc::InsecureChannelCredentials());
  auto stub = v1::IngestService::NewStub(channel);
  grpc::ClientContext ctx;
  auto stream = stub->IngestPostings(&ctx);
  v1::IngestPostingsRequest request;
  for (int i = 0; i < 10; ++i) *request.add_postings() = MakePosting(i, "s");
  ASSERT_TRUE(stream->Write(request));
  v1::IngestPostingsResponse ack;
  ASSERT_TRUE(stream->Read(&ack)) << "the idle flush acknowledges the batch";
  EXPECT_EQ(ack.batch_ack().committed_through(), 9);

  ASSERT_EQ(kill(server->pid(), SIGTERM), 0);
  while (stream->Read(&ack)) {
  }
  const grpc::Status status = stream->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << status.error_message();
  EXPECT_TRUE(
      absl::StrContains(status.error_message(), "resume at position 10"))
      << status.error_message();
  EXPECT_EQ(server->StopWith(0), 0);
  EXPECT_EQ(db.QueryValue("SELECT count(*) FROM job_postings"), "10");
}

}  // namespace
}  // namespace compdata::testing
