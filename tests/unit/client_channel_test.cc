// The client's channel policy against a scripted in-process gRPC server:
// which calls are retried, how often, and what metadata they carry. The
// server here is a test double for compdata-server's transport behaviour
// only; answers from the real server are tested in e2e/ and query/.

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "client/client.h"
#include "common/status_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace compdata {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Fails the first `failures` calls of each RPC with `code`, then answers.
class ScriptedService final : public v1::CompensationService::Service {
 public:
  std::atomic<int> failures{0};
  grpc::StatusCode code = grpc::StatusCode::UNAVAILABLE;
  std::atomic<int> calls{0};
  std::string last_authorization;

  grpc::Status GetSalaryDistribution(
      grpc::ServerContext* ctx, const v1::GetSalaryDistributionRequest*,
      v1::GetSalaryDistributionResponse* response) override {
    ++calls;
    auto it = ctx->client_metadata().find("authorization");
    last_authorization =
        it == ctx->client_metadata().end()
            ? ""
            : std::string(it->second.data(), it->second.size());
    if (failures-- > 0) return grpc::Status(code, "scripted failure");
    response->mutable_distribution()->set_count(7);
    return grpc::Status::OK;
  }
};

class ScriptedIngest final : public v1::IngestService::Service {
 public:
  std::atomic<int> calls{0};
  grpc::Status IngestPostings(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::IngestPostingsResponse,
                               v1::IngestPostingsRequest>* stream) override {
    ++calls;
    v1::IngestPostingsRequest request;
    while (stream->Read(&request)) {
    }
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "database down");
  }
};

class ClientChannelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    builder.RegisterService(&ingest_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
  }
  void TearDown() override { server_->Shutdown(); }

  std::unique_ptr<Client> Connect(ClientOptions options) {
    options.target = "127.0.0.1:" + std::to_string(port_);
    auto client = Client::Create(std::move(options));
    EXPECT_TRUE(client.ok()) << client.status();
    return client.ok() ? *std::move(client) : nullptr;
  }

  ScriptedService service_;
  ScriptedIngest ingest_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

TEST_F(ClientChannelTest, ReadsRetryUnavailableUntilAnAttemptSucceeds) {
  service_.failures = 2;
  auto client = Connect(ClientOptions());
  auto response = client->GetSalaryDistribution({});
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->distribution().count(), 7);
  EXPECT_EQ(service_.calls, 3);
}

TEST_F(ClientChannelTest, ReadsGiveUpAfterMaxAttempts) {
  service_.failures = 100;
  ClientOptions options;
  options.max_read_attempts = 3;
  auto client = Connect(options);
  auto response = client->GetSalaryDistribution({});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(service_.calls, 3);
}

TEST_F(ClientChannelTest, OneAttemptMeansNoRetry) {
  service_.failures = 1;
  ClientOptions options;
  options.max_read_attempts = 1;
  auto client = Connect(options);
  EXPECT_EQ(client->GetSalaryDistribution({}).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(service_.calls, 1);
}

TEST_F(ClientChannelTest, OtherCodesAreNotRetried) {
  for (grpc::StatusCode code :
       {grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::INTERNAL,
        grpc::StatusCode::DEADLINE_EXCEEDED,
        grpc::StatusCode::RESOURCE_EXHAUSTED}) {
    service_.calls = 0;
    service_.failures = 1;
    service_.code = code;
    auto client = Connect(ClientOptions());
    EXPECT_EQ(
        static_cast<int>(client->GetSalaryDistribution({}).status().code()),
        static_cast<int>(code));
    EXPECT_EQ(service_.calls, 1) << "code " << code;
  }
}

TEST_F(ClientChannelTest, WritesAreNeverRetried) {
  auto client = Connect(ClientOptions());
  int sent = 0;
  IngestOutcome outcome = client->IngestPostings([&](v1::JobPosting* p) {
    if (sent++ == 3) return false;
    p->set_source_id("p" + std::to_string(sent));
    return true;
  });
  EXPECT_EQ(outcome.status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ingest_.calls, 1);
}

TEST_F(ClientChannelTest, BearerTokenRidesOnEveryCall) {
  ClientOptions options;
  options.bearer_token = "s3cret";
  auto client = Connect(options);
  ASSERT_TRUE(client->GetSalaryDistribution({}).ok());
  EXPECT_EQ(service_.last_authorization, "Bearer s3cret");

  auto anonymous = Connect(ClientOptions());
  ASSERT_TRUE(anonymous->GetSalaryDistribution({}).ok());
  EXPECT_EQ(service_.last_authorization, "");
}

// A headless Service's DNS name resolves to every pod; the static ipv4:
// resolver stands in for that list here, and dns:/// is exercised on
// localhost.
TEST_F(ClientChannelTest, RoundRobinSpreadsCallsOverEveryAddress) {
  ScriptedService second;
  int second_port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &second_port);
  builder.RegisterService(&second);
  auto second_server = builder.BuildAndStart();
  ASSERT_NE(second_server, nullptr);
  const std::string both = "ipv4:127.0.0.1:" + std::to_string(port_) +
                           ",127.0.0.1:" + std::to_string(second_port);

  for (const char* policy : {"round_robin", "pick_first"}) {
    service_.calls = 0;
    second.calls = 0;
    ClientOptions options(both);
    options.load_balancing_policy = policy;
    auto client = Client::Create(options);
    ASSERT_TRUE(client.ok());
    ASSERT_TRUE((*client)->channel()->WaitForConnected(
        std::chrono::system_clock::now() + std::chrono::seconds(5)));
    // round_robin connects to every address, the second possibly a moment
    // after the channel first reports READY: call until both answered.
    int sent = 0;
    const absl::Time give_up = absl::Now() + absl::Seconds(5);
    while (sent < 20 || (std::string(policy) == "round_robin" &&
                         second.calls == 0 && absl::Now() < give_up)) {
      ASSERT_TRUE((*client)->GetSalaryDistribution({}).ok());
      ++sent;
    }
    if (std::string(policy) == "round_robin") {
      EXPECT_GT(service_.calls, 0);
      EXPECT_GT(second.calls, 0);
    } else {
      EXPECT_TRUE(service_.calls == 0 || second.calls == 0);
    }
    EXPECT_EQ(service_.calls + second.calls, sent);
  }
  second_server->Shutdown();

  auto by_name = Client::Create(
      ClientOptions("dns:///localhost:" + std::to_string(port_)));
  ASSERT_TRUE(by_name.ok());
  EXPECT_TRUE((*by_name)->GetSalaryDistribution({}).ok());
}

TEST(ClientOptionsTest, BadOptionsNameTheOption) {
  auto field_of = [](ClientOptions options) {
    auto client = Client::Create(std::move(options));
    EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
    return FieldOf(client.status()).value_or("");
  };
  ClientOptions ok("localhost:1");
  EXPECT_TRUE(Client::Create(ok).ok());

  EXPECT_EQ(field_of(ClientOptions("")), "target");
  ClientOptions o = ok;
  o.max_read_attempts = 6;
  EXPECT_EQ(field_of(o), "max_read_attempts");
  o = ok;
  o.max_read_attempts = 0;
  EXPECT_EQ(field_of(o), "max_read_attempts");
  o = ok;
  o.keepalive_time = absl::Seconds(5);  // the server would send GOAWAY
  EXPECT_EQ(field_of(o), "keepalive_time");
  o = ok;
  o.load_balancing_policy = "random";
  EXPECT_EQ(field_of(o), "load_balancing_policy");
  o = ok;
  o.default_timeout = absl::ZeroDuration();
  EXPECT_EQ(field_of(o), "default_timeout");
  o = ok;
  o.bearer_token = "a\nb";
  EXPECT_EQ(field_of(o), "bearer_token");
}

TEST(ClientOptionsTest, ServiceConfigRetriesOnlyReadServices) {
  ClientOptions options("dns:///compdata.default.svc.cluster.local:50051");
  const std::string config = ClientServiceConfig(options);
  EXPECT_THAT(config, HasSubstr(R"({"round_robin":{}})"));
  EXPECT_THAT(config, HasSubstr("compdata.v1.CompensationService"));
  EXPECT_THAT(config, HasSubstr("grpc.health.v1.Health"));
  EXPECT_THAT(config, Not(HasSubstr("IngestService")));
  EXPECT_THAT(config, HasSubstr(R"("retryableStatusCodes":["UNAVAILABLE"])"));
  EXPECT_THAT(config, HasSubstr(R"("healthCheckConfig":{"serviceName":)"
                                R"("compdata.v1.CompensationService"})"));
  options.max_read_attempts = 1;
  EXPECT_THAT(ClientServiceConfig(options), Not(HasSubstr("retryPolicy")));
  options.health_check_service = "";
  EXPECT_THAT(ClientServiceConfig(options), Not(HasSubstr("healthCheck")));
}

}  // namespace
}  // namespace compdata
