// Every method of both compdata services against tokens of every scope:
// UNAUTHENTICATED without a known token, PERMISSION_DENIED without the
// method's scope, anything but those two with it (the call then fails or
// succeeds on its merits: an empty read request is INVALID_ARGUMENT, an
// empty ingest stream OK).

#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "compdata/v1/ingest_service.grpc.pb.h"
#include "tests/support/metrics_scrape.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

// One call as a raw stream (a unary method takes the same frames): an empty
// request message for a unary method, no message for a stream; its status.
grpc::StatusCode Call(const std::shared_ptr<grpc::Channel>& channel,
                      const std::string& method, bool unary,
                      const std::string& token) {
  grpc::GenericStub stub(channel);
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  if (!token.empty()) ctx.AddMetadata("authorization", "Bearer " + token);
  int tag = 0;
  auto await = [&] {
    void* got = nullptr;
    bool ok = false;
    cq.Next(&got, &ok);
    return ok;
  };
  auto call = stub.PrepareCall(&ctx, method, &cq);
  call->StartCall(&tag);
  await();
  if (unary) {
    grpc::ByteBuffer empty;
    grpc::Slice slice("");
    empty = grpc::ByteBuffer(&slice, 1);
    call->Write(empty, &tag);
    await();
  }
  call->WritesDone(&tag);
  await();
  grpc::ByteBuffer response;
  do {
    call->Read(&response, &tag);
  } while (await());
  grpc::Status status;
  call->Finish(&status, &tag);
  await();
  cq.Shutdown();
  void* ignored;
  bool ok;
  while (cq.Next(&ignored, &ok)) {
  }
  return status.error_code();
}

// The scope a method needs (server/api/bearer_auth.h).
std::string ScopeOf(const std::string& service, const std::string& method) {
  if (service == "compdata.v1.CompensationService") return "read";
  // The rest (reference data, ImportOfficialStatistics) is admin.
  return method == "IngestPostings" || method == "IngestSalaryReports"
             ? "ingest"
             : "admin";
}

TEST(AuthMatrixTest, EveryMethodChecksItsScopeBeforeAnythingElse) {
  TestDatabase db;
  const std::string dir = std::filesystem::temp_directory_path() /
                          absl::StrCat("compdata-auth-", getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/tokens") << "reader read\ningester ingest\n"
                                    "admin admin\nall read,ingest,admin\n";
  auto server =
      ServerProcess::Start(db.url(), {"--auth_tokens_file=" + dir + "/tokens"});
  ASSERT_NE(server, nullptr);
  auto channel =
      grpc::CreateChannel(server->target(), grpc::InsecureChannelCredentials());
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  int checked = 0;
  int methods = 0;
  std::map<std::string, grpc::StatusCode> as_reader;  // method name -> code
  for (const char* service_name :
       {"compdata.v1.CompensationService", "compdata.v1.IngestService"}) {
    const auto* service = pool->FindServiceByName(service_name);
    ASSERT_NE(service, nullptr);
    for (int m = 0; m < service->method_count(); ++m) {
      const auto* method = service->method(m);
      const std::string path =
          absl::StrCat("/", service_name, "/", method->name());
      const bool unary = !method->client_streaming();
      const std::string scope = ScopeOf(service_name, method->name());
      ++methods;
      for (const std::string token :
           {"", "bogus", "reader", "ingester", "admin", "all"}) {
        const grpc::StatusCode got = Call(channel, path, unary, token);
        const bool known = token != "" && token != "bogus";
        const bool allowed = token == "all" ||
                             (token == "reader" && scope == "read") ||
                             (token == "ingester" && scope == "ingest") ||
                             (token == "admin" && scope == "admin");
        if (!known) {
          EXPECT_EQ(got, grpc::StatusCode::UNAUTHENTICATED)
              << path << " token '" << token << "'";
        } else if (!allowed) {
          EXPECT_EQ(got, grpc::StatusCode::PERMISSION_DENIED)
              << path << " token '" << token << "'";
        } else {
          EXPECT_NE(got, grpc::StatusCode::UNAUTHENTICATED) << path;
          EXPECT_NE(got, grpc::StatusCode::PERMISSION_DENIED) << path;
        }
        if (token == "reader") as_reader[method->name()] = got;
        ++checked;
      }
    }
  }
  // CompensationService: 11 methods (BatchRead, a server stream, is sent one
  // empty request like a unary call); IngestService: 7
  // (ImportOfficialStatistics needs admin, like the reference-data ingests).
  EXPECT_EQ(methods, 11 + 7);
  EXPECT_EQ(checked, methods * 6);
  // The issue-16 reads are served: with the read scope an empty request
  // gets as far as validation (role is required).
  for (const char* name : {"EvaluateOffer", "GetRelatedRoles"}) {
    ASSERT_TRUE(as_reader.count(name)) << name;
    EXPECT_EQ(as_reader[name], grpc::StatusCode::INVALID_ARGUMENT) << name;
  }

  // Rotated without a restart: the new file's token works, the old one no
  // longer does.
  std::ofstream(dir + "/tokens.new") << "rotated read\n";
  std::filesystem::rename(dir + "/tokens.new", dir + "/tokens");
  const std::string list_roles = "/compdata.v1.CompensationService/ListRoles";
  Eventually(
      [&] {
        return Call(channel, list_roles, true, "rotated") !=
               grpc::StatusCode::UNAUTHENTICATED;
      },
      absl::Seconds(10));
  EXPECT_EQ(Call(channel, list_roles, true, "rotated"), grpc::StatusCode::OK);
  EXPECT_EQ(Call(channel, list_roles, true, "reader"),
            grpc::StatusCode::UNAUTHENTICATED);
  // Health stays open for probes.
  EXPECT_EQ(Call(channel, "/grpc.health.v1.Health/Check", true, ""),
            grpc::StatusCode::OK);
  EXPECT_EQ(server->StopWith(SIGTERM), 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace compdata::testing
