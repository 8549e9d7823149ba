#include "server/config.h"

#include <gtest/gtest.h>

#include <map>

#include "common/status_util.h"
#include "tests/support/status_matchers.h"

namespace compdata::server {
namespace {

using ::compdata::testing::IsOk;
using ::compdata::testing::StatusIs;

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(ConfigTest, DefaultsWithOnlyTheDatabaseUrl) {
  auto config =
      LoadConfig({}, FakeEnv({{"COMPDATA_DATABASE_URL", "postgresql://x/db"}}));
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->database_url, "postgresql://x/db");
  EXPECT_EQ(config->listen_address, "0.0.0.0:50051");
  EXPECT_EQ(config->privacy_floor, 5);
  EXPECT_TRUE(config->migrate_on_start);
}

TEST(ConfigTest, FlagsOverrideEnvironment) {
  auto config = LoadConfig({"--db_pool_size=3", "--statement_timeout=250ms",
                            "--migrate_on_start=false"},
                           FakeEnv({{"COMPDATA_DATABASE_URL", "u"},
                                    {"COMPDATA_DB_POOL_SIZE", "12"},
                                    {"COMPDATA_PRIVACY_FLOOR", "10"}}));
  ASSERT_THAT(config, IsOk());
  EXPECT_EQ(config->db_pool_size, 3);
  EXPECT_EQ(config->privacy_floor, 10);
  EXPECT_EQ(config->statement_timeout, absl::Milliseconds(250));
  EXPECT_FALSE(config->migrate_on_start);
}

TEST(ConfigTest, MissingDatabaseUrlNamesTheFlag) {
  auto config = LoadConfig({}, FakeEnv({}));
  EXPECT_THAT(config, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(config.status()), "--database_url");
}

TEST(ConfigTest, BadValuesNameTheirSource) {
  auto from_flag = LoadConfig({"--db_pool_size=0"},
                              FakeEnv({{"COMPDATA_DATABASE_URL", "u"}}));
  EXPECT_EQ(FieldOf(from_flag.status()), "--db_pool_size");
  auto from_env =
      LoadConfig({}, FakeEnv({{"COMPDATA_DATABASE_URL", "u"},
                              {"COMPDATA_SHUTDOWN_GRACE", "soon"}}));
  EXPECT_EQ(FieldOf(from_env.status()), "COMPDATA_SHUTDOWN_GRACE");
  auto unknown =
      LoadConfig({"--colour=blue"}, FakeEnv({{"COMPDATA_DATABASE_URL", "u"}}));
  EXPECT_EQ(FieldOf(unknown.status()), "--colour");
  auto no_value =
      LoadConfig({"--db_pool_size"}, FakeEnv({{"COMPDATA_DATABASE_URL", "u"}}));
  EXPECT_THAT(no_value, StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(ConfigTest, IngestWorkersAreBounded) {
  const auto env = FakeEnv({{"COMPDATA_DATABASE_URL", "u"}});
  auto defaults = LoadConfig({}, env);
  ASSERT_THAT(defaults, IsOk());
  EXPECT_EQ(defaults->ingest_workers, 4);
  auto set = LoadConfig({"--ingest_workers=64"}, env);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->ingest_workers, 64);
  EXPECT_EQ(FieldOf(LoadConfig({"--ingest_workers=0"}, env).status()),
            "--ingest_workers");
  EXPECT_EQ(FieldOf(LoadConfig({"--ingest_workers=65"}, env).status()),
            "--ingest_workers");
}

TEST(ConfigTest, TlsNeedsBothCertificateAndKey) {
  const auto env = FakeEnv({{"COMPDATA_DATABASE_URL", "u"}});
  EXPECT_EQ(FieldOf(LoadConfig({"--tls_cert_file=c.pem"}, env).status()),
            "--tls_key_file");
  EXPECT_EQ(FieldOf(LoadConfig({"--tls_key_file=k.pem"}, env).status()),
            "--tls_cert_file");
  auto both = LoadConfig(
      {"--tls_cert_file=c.pem", "--tls_key_file=k.pem", "--auth_tokens_file=t"},
      env);
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->tls_cert_file, "c.pem");
  EXPECT_EQ(both->auth_tokens_file, "t");
}

TEST(ConfigTest, HelpIsNotAnError) {
  // No database URL: --help needs none and checks nothing else.
  auto config = LoadConfig({"--db_pool_size=0", "--help"}, FakeEnv({}));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->help);
  EXPECT_NE(ConfigUsage().find("COMPDATA_DATABASE_URL"), std::string::npos);
}

}  // namespace
}  // namespace compdata::server
