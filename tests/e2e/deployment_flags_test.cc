// What the Kubernetes manifests rely on: compdata-migrate (the migration
// Job) brings the schema up and exits, after which a server with
// --migrate_on_start=false serves it; --max_connection_age sends GOAWAY so
// a client's idle channel lets its connection go and resolves again, while
// a call in flight is never cut.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

int Migrate(const std::string& url) {
  const int status =
      std::system(absl::StrCat(BuiltBinary("server/compdata-migrate"),
                               " --database_url='", url, "' >/dev/null 2>&1")
                      .c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(DeploymentFlagsTest, MigrateThenServeWithoutMigrating) {
  TestDatabase db;
  EXPECT_EQ(db.QueryValue("SELECT to_regclass('job_postings') IS NULL"), "t");
  ASSERT_EQ(Migrate(db.url()), 0);
  EXPECT_EQ(db.QueryValue("SELECT to_regclass('job_postings') IS NULL"), "f");
  EXPECT_EQ(Migrate(db.url()), 0) << "nothing pending is not an error";

  // The replicas then start without touching the schema.
  auto server = ServerProcess::Start(db.url(), {"--migrate_on_start=false"});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->StopWith(SIGTERM), 0);

  EXPECT_NE(Migrate("postgresql://nobody@127.0.0.1:1/none"), 0)
      << "an unreachable database fails the Job (Kubernetes retries it)";
}

// Whether the channel leaves READY within `d` (the connection is closed).
bool LeavesReady(grpc::Channel& channel, absl::Duration d) {
  if (channel.GetState(/*try_to_connect=*/false) != GRPC_CHANNEL_READY) {
    return true;
  }
  return channel.WaitForStateChange(GRPC_CHANNEL_READY,
                                    absl::ToChronoTime(absl::Now() + d));
}

bool ListRoles(v1::CompensationService::Stub& stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  v1::ListRolesResponse response;
  return stub.ListRoles(&ctx, {}, &response).ok();
}

TEST(DeploymentFlagsTest, MaxConnectionAgeClosesConnectionsButNotCalls) {
  TestDatabase db;
  auto aging = ServerProcess::Start(
      db.url(), {"--max_connection_age=1s", "--max_connection_age_grace=inf"});
  auto lasting = ServerProcess::Start(db.url(), {"--max_connection_age=inf"});
  ASSERT_NE(aging, nullptr);
  ASSERT_NE(lasting, nullptr);
  auto aging_channel =
      grpc::CreateChannel(aging->target(), grpc::InsecureChannelCredentials());
  auto lasting_channel = grpc::CreateChannel(
      lasting->target(), grpc::InsecureChannelCredentials());
  auto aging_stub = v1::CompensationService::NewStub(aging_channel);
  auto lasting_stub = v1::CompensationService::NewStub(lasting_channel);
  ASSERT_TRUE(ListRoles(*aging_stub));
  ASSERT_TRUE(ListRoles(*lasting_stub));
  // GOAWAY after 1 s (+-10%): the connection is closed.
  EXPECT_TRUE(LeavesReady(*aging_channel, absl::Seconds(3)));
  EXPECT_FALSE(LeavesReady(*lasting_channel, absl::Seconds(1)));
  EXPECT_TRUE(ListRoles(*aging_stub)) << "the next call connects again";

  // Calls keep succeeding across several ages.
  int failed = 0;
  const absl::Time until = absl::Now() + absl::Seconds(3);
  while (absl::Now() < until) failed += !ListRoles(*aging_stub);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(aging->StopWith(SIGTERM), 0);
  EXPECT_EQ(lasting->StopWith(SIGTERM), 0);
}

}  // namespace
}  // namespace compdata::testing
