// Ingest streams are bounded: past --max_ingest_streams a stream is refused
// RESOURCE_EXHAUSTED before anything is made for it, and a stream silent for
// --ingest_idle_timeout ends DEADLINE_EXCEEDED saying where to resume; 2,000
// streams opened at once leave the server's threads bounded and reads fast.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "compdata/v1/ingest_service.grpc.pb.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

using RolesStream =
    grpc::ClientReaderWriter<v1::IngestRolesRequest, v1::IngestRolesResponse>;

struct OpenStream {
  std::unique_ptr<grpc::ClientContext> ctx;
  std::unique_ptr<RolesStream> stream;
};

OpenStream Open(v1::IngestService::Stub& stub) {
  OpenStream s{std::make_unique<grpc::ClientContext>(), nullptr};
  s.ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(60));
  s.stream = stub.IngestRoles(s.ctx.get());
  return s;
}

grpc::Status Close(OpenStream& s) {
  s.stream->WritesDone();
  v1::IngestRolesResponse response;
  while (s.stream->Read(&response)) {
  }
  return s.stream->Finish();
}

double OpenStreams(const ServerProcess& server) {
  return ScrapeSeries(server.metrics_port(), "compdata_ingest_streams_open")
      .value_or(-1);
}

int Threads(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string key;
  while (in >> key) {
    if (key == "Threads:") {
      int n = 0;
      in >> n;
      return n;
    }
  }
  return -1;
}

TEST(IngestLimitsTest, StreamsPastTheCapAreRefusedAndSilentOnesEnd) {
  TestDatabase db;
  auto server = ServerProcess::Start(
      db.url(), {"--max_ingest_streams=3", "--ingest_idle_timeout=1s"});
  ASSERT_NE(server, nullptr);
  auto stub = v1::IngestService::NewStub(grpc::CreateChannel(
      server->target(), grpc::InsecureChannelCredentials()));
  std::vector<OpenStream> open;
  for (int i = 0; i < 3; ++i) open.push_back(Open(*stub));
  ASSERT_TRUE(Eventually([&] { return OpenStreams(*server) == 3; }));
  OpenStream fourth = Open(*stub);
  const grpc::Status refused = Close(fourth);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(
      absl::StrContains(refused.error_message(), "--max_ingest_streams"))
      << refused.error_message();

  // Silent past the idle timeout: each ends by itself.
  for (OpenStream& s : open) {
    v1::IngestRolesResponse response;
    while (s.stream->Read(&response)) {
    }
    const grpc::Status status = s.stream->Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    EXPECT_TRUE(
        absl::StrContains(status.error_message(), "--ingest_idle_timeout"));
    EXPECT_TRUE(
        absl::StrContains(status.error_message(), "resume at position 0"));
  }
  EXPECT_TRUE(Eventually([&] { return OpenStreams(*server) == 0; }));
  OpenStream again = Open(*stub);
  EXPECT_TRUE(Close(again).ok()) << "slots come back";
  EXPECT_EQ(server->StopWith(SIGTERM), 0);
}

TEST(IngestLimitsTest, TwoThousandStreamsLeaveThreadsBoundedAndReadsFast) {
  TestDatabase db;
  auto server = ServerProcess::Start(db.url(), {"--max_ingest_streams=64"});
  ASSERT_NE(server, nullptr);
  const int threads_before = Threads(server->pid());
  std::vector<std::unique_ptr<v1::IngestService::Stub>> stubs;
  for (int c = 0; c < 4; ++c) {
    grpc::ChannelArguments args;
    args.SetInt("grpc.channel_id", c);  // four connections, not one
    stubs.push_back(v1::IngestService::NewStub(grpc::CreateCustomChannel(
        server->target(), grpc::InsecureChannelCredentials(), args)));
  }
  std::vector<OpenStream> open;
  for (int i = 0; i < 2000; ++i) open.push_back(Open(*stubs[i % 4]));
  ASSERT_TRUE(Eventually([&] { return OpenStreams(*server) == 64; }));
  const int threads_during = Threads(server->pid());
  EXPECT_LE(threads_during, threads_before + 64 + 8)
      << "one worker per admitted stream at most";

  auto reads = v1::CompensationService::NewStub(grpc::CreateChannel(
      server->target(), grpc::InsecureChannelCredentials()));
  const absl::Time start = absl::Now();
  grpc::ClientContext ctx;
  v1::ListRolesResponse roles;
  EXPECT_TRUE(reads->ListRoles(&ctx, {}, &roles).ok());
  EXPECT_LT(absl::Now() - start, absl::Milliseconds(200));

  std::map<grpc::StatusCode, int> codes;
  for (OpenStream& s : open) ++codes[Close(s).error_code()];
  EXPECT_EQ(codes[grpc::StatusCode::RESOURCE_EXHAUSTED], 2000 - 64);
  EXPECT_EQ(codes[grpc::StatusCode::OK], 64);
  EXPECT_EQ(server->StopWith(SIGTERM), 0);
}

}  // namespace
}  // namespace compdata::testing
