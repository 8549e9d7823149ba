// compdata-server with TLS and bearer tokens, called through compdata::Client
// and the CLI: the right certificate and token get answers, anything less is
// refused with the status a caller can act on, and probes stay open.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "client/client.h"
#include "common/file_util.h"
#include "google/rpc/error_details.pb.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata {
namespace {

using ::compdata::testing::BuiltBinary;
using ::compdata::testing::ServerProcess;
using ::compdata::testing::TestDatabase;

// Output and exit code of a shell command.
std::pair<std::string, int> Shell(const std::string& cmd) {
  FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  return {out, WEXITSTATUS(status)};
}

std::string ReasonOf(const absl::Status& status) {
  auto details = RpcStatusDetails(status);
  if (!details) return "";
  for (const auto& any : details->details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

class SecureServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string("/tmp/compdata-tls." + std::to_string(getpid()));
    std::system(("mkdir -p " + *dir_).c_str());
    // A certificate for a DNS name the target (an IP) does not carry, so the
    // client must name the server to verify it.
    const auto [out, rc] = Shell(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
        "-nodes -days 2 -subj /CN=compdata.test "
        "-addext subjectAltName=DNS:compdata.test -keyout " +
        *dir_ + "/key.pem -out " + *dir_ + "/cert.pem");
    ASSERT_EQ(rc, 0) << out;
    std::ofstream(*dir_ + "/tokens") << "# one per line\nfirst-token\n\n"
                                        "second-token\n";
    std::ofstream(*dir_ + "/client-token") << "second-token\n";
  }
  static void TearDownTestSuite() {
    std::system(("rm -rf " + *dir_).c_str());
    delete dir_;
  }

  void SetUp() override {
    server_ = ServerProcess::Start(db_.url(),
                                   {"--tls_cert_file=" + *dir_ + "/cert.pem",
                                    "--tls_key_file=" + *dir_ + "/key.pem",
                                    "--auth_tokens_file=" + *dir_ + "/tokens"});
    ASSERT_NE(server_, nullptr);
  }

  ClientOptions Secure(const std::string& token) const {
    ClientOptions options(server_->target(), absl::Seconds(5));
    options.tls_root_certs_pem = *ReadFileToString(*dir_ + "/cert.pem");
    options.tls_server_name = "compdata.test";
    options.bearer_token = token;
    options.max_read_attempts = 1;
    return options;
  }

  std::unique_ptr<Client> Connect(const ClientOptions& options) const {
    auto client = Client::Create(options);
    EXPECT_TRUE(client.ok()) << client.status();
    return *std::move(client);
  }

  static std::string* dir_;
  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
};

std::string* SecureServerTest::dir_ = nullptr;

TEST_F(SecureServerTest, EveryTokenInTheFileIsAccepted) {
  for (const char* token : {"first-token", "second-token"}) {
    auto roles = Connect(Secure(token))->ListRoles({});
    EXPECT_TRUE(roles.ok()) << token << ": " << roles.status();
  }
}

TEST_F(SecureServerTest, WritesNeedTheTokenTooAndNothingIsWritten) {
  int sent = 0;
  auto one_role = [&](v1::Role* role) {
    if (sent++ > 0) return false;
    role->set_slug("tls-role");
    role->set_title("TLS Role");
    return true;
  };
  IngestOutcome refused = Connect(Secure(""))->IngestRoles(one_role);
  EXPECT_EQ(refused.status.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM roles"), "0");

  sent = 0;
  IngestOutcome written = Connect(Secure("first-token"))->IngestRoles(one_role);
  ASSERT_TRUE(written.status.ok()) << written.status;
  EXPECT_EQ(db_.QueryValue("SELECT count(*) FROM roles"), "1");
}

TEST_F(SecureServerTest, MissingOrUnknownTokenIsUnauthenticated) {
  for (const char* token : {"", "third-token", "first-token-"}) {
    auto roles = Connect(Secure(token))->GetSalaryDistribution({});
    EXPECT_EQ(roles.status().code(), absl::StatusCode::kUnauthenticated)
        << "token '" << token << "': " << roles.status();
    EXPECT_EQ(ReasonOf(roles.status()), "UNAUTHENTICATED");
  }
}

TEST_F(SecureServerTest, HealthStaysOpenForProbes) {
  auto health = Connect(Secure(""))->Health();
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, ServingStatus::kServing);
}

TEST_F(SecureServerTest, PlaintextOrUnverifiedServerIsUnavailable) {
  ClientOptions plaintext(server_->target(), absl::Seconds(3));
  plaintext.bearer_token = "first-token";
  plaintext.max_read_attempts = 1;
  EXPECT_EQ(Connect(plaintext)->ListRoles({}).status().code(),
            absl::StatusCode::kUnavailable);

  ClientOptions wrong_name = Secure("first-token");
  wrong_name.tls_server_name = "";  // the certificate does not name the IP
  EXPECT_EQ(Connect(wrong_name)->ListRoles({}).status().code(),
            absl::StatusCode::kUnavailable);

  ClientOptions system_roots = Secure("first-token");
  system_roots.tls_root_certs_pem = "";  // self-signed: not trusted
  system_roots.use_tls = true;
  EXPECT_EQ(Connect(system_roots)->ListRoles({}).status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(SecureServerTest, CliTakesTheCertificateAndTokenFlags) {
  const std::string base = BuiltBinary("client/compdata") +
                           " --target=" + server_->target() +
                           " --tls_ca_file=" + *dir_ + "/cert.pem" +
                           " --tls_server_name=compdata.test";
  auto [out, rc] =
      Shell(base + " --token_file=" + *dir_ + "/client-token" + " roles");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("0 roles (data version"), std::string::npos) << out;

  std::tie(out, rc) = Shell(base + " roles");
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("UNAUTHENTICATED"), std::string::npos) << out;

  std::tie(out, rc) = Shell("COMPDATA_TOKEN=first-token " + base + " roles");
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace compdata
