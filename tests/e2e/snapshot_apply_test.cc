// Changes applied to a live server's snapshot survive the failures around
// them: PostgreSQL going away in the middle of applies, the server killed in
// the middle of one. Each ends with the server answering exactly as a server
// freshly started on the same database (a full load) does.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/client.h"
#include "tests/support/ingest_data.h"
#include "tests/support/private_postgres.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing {
namespace {

std::vector<v1::JobPosting> Postings(int from, int n, const std::string& prefix,
                                     int pay_shift = 0) {
  std::vector<v1::JobPosting> out;
  for (int i = from; i < from + n; ++i) {
    v1::JobPosting p = MakePosting(i, prefix);
    if (pay_shift != 0) {  // the same record, changed: pay and role
      p.mutable_pay_max()->set_units(p.pay_max().units() + pay_shift);
      p.set_role(i % 2 ? "software-engineer" : "ai-engineer");
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<v1::SalaryReport> Reports(int n, const std::string& prefix) {
  std::vector<v1::SalaryReport> out;
  for (int i = 0; i < n; ++i) out.push_back(MakeReport(i, prefix));
  return out;
}

std::string ServedVersion(const Client& client) {
  v1::ListRolesRequest request;
  request.set_page_size(1);
  auto response = client.ListRoles(request);
  return response.ok() ? response->metadata().data_version() : "";
}

// Waits until `client`'s server answers from the database's current version.
void AwaitVersion(const Client& client, const std::string& database_url) {
  pqxx::connection conn(database_url);
  const std::string want = "v" + pqxx::nontransaction(conn)
                                     .exec1("SELECT version FROM data_state")[0]
                                     .as<std::string>();
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (ServedVersion(client) != want && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_EQ(ServedVersion(client), want);
}

// Every read RPC's answer, from both servers, for a few questions.
void ExpectSameAnswers(const Client& a, const Client& b) {
  for (const char* role : {"ai-engineer", "software-engineer"}) {
    SCOPED_TRACE(role);
    v1::GetSalaryDistributionRequest d;
    d.set_role(role);
    auto da = a.GetSalaryDistribution(d);
    auto db = b.GetSalaryDistribution(d);
    ASSERT_TRUE(da.ok() && db.ok()) << da.status() << db.status();
    EXPECT_EQ(da->DebugString(), db->DebugString());
    d.mutable_filter()->add_metros("San Francisco");
    d.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_MID);
    da = a.GetSalaryDistribution(d);
    db = b.GetSalaryDistribution(d);
    ASSERT_TRUE(da.ok() && db.ok()) << da.status() << db.status();
    EXPECT_EQ(da->DebugString(), db->DebugString());
    v1::GetSkillPremiumsRequest p;
    p.set_role(role);
    auto pa = a.GetSkillPremiums(p);
    auto pb = b.GetSkillPremiums(p);
    ASSERT_TRUE(pa.ok() && pb.ok()) << pa.status() << pb.status();
    EXPECT_EQ(pa->DebugString(), pb->DebugString());
  }
  v1::CompareRolesRequest c;
  c.add_roles("ai-engineer");
  c.add_roles("software-engineer");
  auto ca = a.CompareRoles(c);
  auto cb = b.CompareRoles(c);
  ASSERT_TRUE(ca.ok() && cb.ok()) << ca.status() << cb.status();
  EXPECT_EQ(ca->DebugString(), cb->DebugString());
}

// A server freshly started on `url` answers as `client`'s server does.
void ExpectEqualToAFullLoad(const Client& client, const std::string& url) {
  ASSERT_NO_FATAL_FAILURE(AwaitVersion(client, url));
  auto fresh = ServerProcess::Start(url);
  ASSERT_NE(fresh, nullptr);
  auto fresh_client = Client::Create(ClientOptions{fresh->target()});
  ASSERT_TRUE(fresh_client.ok());
  ExpectSameAnswers(client, **fresh_client);
  fresh->StopWith(SIGTERM);
}

// Its own PostgreSQL, crashed while a stream ingests (the server is
// applying its batches), then started again.
TEST(SnapshotApplyTest, PostgresCrashingDuringAppliesEndsEqualToTheDatabase) {
  PrivatePostgres pg;
  ASSERT_FALSE(pg.url().empty());
  const std::string& url = pg.url();
  auto server = ServerProcess::Start(url);
  ASSERT_NE(server, nullptr);
  auto client = Client::Create(ClientOptions{server->target()});
  ASSERT_TRUE(client.ok());
  LoadSeed(**client);
  ASSERT_TRUE((*client)
                  ->IngestPostings(FromVector(Postings(0, 3000, "p")))
                  .status.ok());

  std::atomic<bool> crashed{false};
  IngestRunOptions options;
  options.batch_size = 200;
  options.on_ack = [&](const v1::IngestBatchAck& ack) {
    if (!crashed && ack.committed_through() >= 2000) {
      crashed = true;
      ASSERT_EQ(pg.Run("crash"), 0);
    }
  };
  IngestOutcome outcome = (*client)->IngestPostings(
      FromVector(Postings(0, 20000, "p", 7000)), options);
  ASSERT_TRUE(crashed);
  EXPECT_FALSE(outcome.status.ok());
  ASSERT_EQ(pg.Run("restart"), 0);

  // Writes after the restart: the server catches up from where it was.
  ASSERT_TRUE((*client)
                  ->IngestSalaryReports(FromVector(Reports(300, "r")))
                  .status.ok());
  ASSERT_TRUE((*client)
                  ->IngestPostings(FromVector(Postings(100, 500, "p", 3000)))
                  .status.ok());
  ExpectEqualToAFullLoad(**client, url);
  server->StopWith(SIGTERM);
}

// The server killed while it applies a stream's batches; the one started
// after it loads the database whole, then applies what comes next.
TEST(SnapshotApplyTest, ServerKilledDuringAnApplyEndsEqualToTheDatabase) {
  TestDatabase db;
  auto first = ServerProcess::Start(db.url());
  ASSERT_NE(first, nullptr);
  auto first_client = Client::Create(ClientOptions{first->target()});
  ASSERT_TRUE(first_client.ok());
  LoadSeed(**first_client);
  std::atomic<bool> killed{false};
  IngestRunOptions options;
  options.batch_size = 100;
  options.on_ack = [&](const v1::IngestBatchAck& ack) {
    if (!killed && ack.committed_through() >= 3000) {
      killed = true;
      kill(first->pid(), SIGKILL);
    }
  };
  (*first_client)->IngestPostings(FromVector(Postings(0, 20000, "p")), options);
  ASSERT_TRUE(killed);
  first->StopWith(SIGKILL);  // reaps it

  auto second = ServerProcess::Start(db.url());
  ASSERT_NE(second, nullptr);
  auto client = Client::Create(ClientOptions{second->target()});
  ASSERT_TRUE(client.ok());
  ASSERT_TRUE((*client)
                  ->IngestPostings(FromVector(Postings(0, 800, "p", 5000)))
                  .status.ok());
  ASSERT_TRUE((*client)
                  ->IngestSalaryReports(FromVector(Reports(200, "r")))
                  .status.ok());
  ExpectEqualToAFullLoad(**client, db.url());
  second->StopWith(SIGTERM);
}

}  // namespace
}  // namespace compdata::testing
