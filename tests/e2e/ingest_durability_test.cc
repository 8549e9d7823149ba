// What is acknowledged is durable, and nothing is counted twice.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/e2e/ingest_fixture.h"
#include "tests/support/private_postgres.h"

namespace compdata::testing {
namespace {

class IngestDurabilityTest : public IngestTest {};

std::vector<v1::JobPosting> Postings(int n, const std::string& prefix = "p") {
  std::vector<v1::JobPosting> out;
  for (int i = 0; i < n; ++i) out.push_back(MakePosting(i, prefix));
  return out;
}

TEST_F(IngestDurabilityTest, SendingTheSameStreamTwiceCountsEachRecordOnce) {
  auto postings = Postings(2500);
  std::vector<v1::SalaryReport> reports;
  for (int i = 0; i < 700; ++i) reports.push_back(MakeReport(i));
  IngestOutcome first = client_->IngestPostings(FromVector(postings));
  ASSERT_TRUE(first.status.ok()) << first.status;
  EXPECT_EQ(first.summary.accepted(), 2500);
  ASSERT_TRUE(client_->IngestSalaryReports(FromVector(reports)).status.ok());
  const int64_t skills = Count("posting_skills");
  const std::string version_before = first.summary.data_version();

  IngestOutcome second = client_->IngestPostings(FromVector(postings));
  ASSERT_TRUE(second.status.ok());
  EXPECT_EQ(second.summary.accepted(), 0);
  EXPECT_EQ(second.summary.updated(), 2500);
  IngestOutcome reports_again =
      client_->IngestSalaryReports(FromVector(reports));
  EXPECT_EQ(reports_again.summary.updated(), 700);
  EXPECT_EQ(Count("job_postings"), 2500);
  EXPECT_EQ(Count("salary_reports"), 700);
  EXPECT_EQ(Count("posting_skills"), skills);
  EXPECT_NE(second.summary.data_version(), version_before);
}

TEST_F(IngestDurabilityTest, AnUpdateReplacesTheRecordAndItsSkills) {
  std::vector<v1::JobPosting> one = {MakePosting(1)};
  ASSERT_TRUE(client_->IngestPostings(FromVector(one)).status.ok());
  one[0].clear_skills();
  one[0].add_skills("retrieval augmented generation");
  *one[0].mutable_pay_max() = Usd(300000);
  IngestOutcome again = client_->IngestPostings(FromVector(one));
  ASSERT_EQ(again.summary.updated(), 1);
  EXPECT_EQ(
      db_.QueryValue("SELECT string_agg(s.slug, ',') FROM posting_skills ps "
                     "JOIN skills s ON s.id = ps.skill_id"),
      "rag");
  EXPECT_EQ(db_.QueryValue("SELECT annual_max FROM job_postings"), "300000.00");
}

TEST_F(IngestDurabilityTest, ABatchThatFailsLeavesNothingBehind) {
  // The database refuses one record of the second batch.
  db_.Exec(R"sql(
    CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.source_id = 'p15' THEN RAISE EXCEPTION 'refused'; END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER refuse_boom BEFORE INSERT ON job_postings
      FOR EACH ROW EXECUTE FUNCTION refuse_boom();
  )sql");
  auto postings = Postings(25);
  IngestRunOptions options;
  options.batch_size = 10;
  options.records_per_message = 5;
  IngestOutcome outcome =
      client_->IngestPostings(FromVector(postings), options);
  EXPECT_FALSE(outcome.status.ok());
  EXPECT_EQ(outcome.committed_through, 9);
  EXPECT_EQ(Count("job_postings"), 10);
  EXPECT_EQ(
      db_.QueryValue("SELECT max(substr(source_id, 2)::int) FROM job_postings"),
      "9");
  EXPECT_EQ(db_.QueryValue(
                "SELECT count(*) FROM posting_skills ps LEFT JOIN "
                "job_postings j ON j.id = ps.posting_id WHERE j.id IS NULL"),
            "0");
}

TEST_F(IngestDurabilityTest, DryRunReportsButWritesNothing) {
  auto postings = Postings(50);
  postings[3].set_role("astronaut");
  const std::string version = db_.QueryValue("SELECT version FROM data_state");
  IngestRunOptions options;
  options.dry_run = true;
  IngestOutcome outcome =
      client_->IngestPostings(FromVector(postings), options);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  EXPECT_TRUE(outcome.summary.dry_run());
  EXPECT_EQ(outcome.summary.accepted(), 49);
  EXPECT_EQ(outcome.summary.rejected(), 1);
  EXPECT_EQ(Count("job_postings"), 0);
  EXPECT_EQ(db_.QueryValue("SELECT version FROM data_state"), version);
}

TEST_F(IngestDurabilityTest, AnIdleStreamStillGetsItsRecordsAcknowledged) {
  auto stub = v1::IngestService::NewStub(client_->channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  auto stream = stub->IngestPostings(&ctx);
  v1::IngestPostingsRequest request;
  for (int i = 0; i < 3; ++i) *request.add_postings() = MakePosting(i);
  ASSERT_TRUE(stream->Write(request));
  // No WritesDone: the server must flush on its own after the idle interval.
  v1::IngestPostingsResponse response;
  ASSERT_TRUE(stream->Read(&response));
  ASSERT_TRUE(response.has_batch_ack());
  EXPECT_EQ(response.batch_ack().committed_through(), 2);
  EXPECT_EQ(Count("job_postings"), 3);
  stream->WritesDone();
  while (stream->Read(&response)) {
  }
  EXPECT_TRUE(stream->Finish().ok());
}

TEST_F(IngestDurabilityTest, OptionsAfterTheFirstMessageFailTheStream) {
  auto stub = v1::IngestService::NewStub(client_->channel());
  grpc::ClientContext ctx;
  auto stream = stub->IngestPostings(&ctx);
  v1::IngestPostingsRequest request;
  *request.add_postings() = MakePosting(1);
  stream->Write(request);
  request.mutable_options()->set_batch_size(5);
  stream->Write(request);
  stream->WritesDone();
  v1::IngestPostingsResponse response;
  while (stream->Read(&response)) {
  }
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// Its own PostgreSQL, with fsync on, killed like a crash mid-stream.
TEST(IngestCrashTest, PostgresKilledMidStreamLosesNoAcknowledgedRecord) {
  PrivatePostgres pg(/*fsync=*/true);
  ASSERT_FALSE(pg.url().empty());
  const std::string& url = pg.url();
  {
    auto server = ServerProcess::Start(url);
    ASSERT_NE(server, nullptr);
    auto client = Client::Create(ClientOptions{server->target()});
    ASSERT_TRUE(client.ok());
    LoadSeed(**client);

    std::vector<v1::JobPosting> postings;
    for (int i = 0; i < 200000; ++i) postings.push_back(MakePosting(i));
    std::atomic<bool> killed{false};
    IngestRunOptions options;
    options.batch_size = 500;
    options.on_ack = [&](const v1::IngestBatchAck& ack) {
      if (!killed && ack.committed_through() >= 5000) {
        killed = true;
        ASSERT_EQ(pg.Run("crash"), 0);
      }
    };
    IngestOutcome outcome =
        (*client)->IngestPostings(FromVector(postings), options);
    ASSERT_TRUE(killed);
    EXPECT_FALSE(outcome.status.ok());
    EXPECT_EQ(outcome.status.code(), absl::StatusCode::kUnavailable)
        << outcome.status;
    ASSERT_GE(outcome.committed_through, 5000);
    ASSERT_EQ(pg.Run("restart"), 0);

    pqxx::connection conn(url);
    pqxx::work txn(conn);
    // Every acknowledged position is there; nothing is there twice.
    const auto row = txn.exec1(absl::StrCat(
        "SELECT count(*) FILTER (WHERE substr(source_id, 2)::int <= ",
        outcome.committed_through,
        "), count(*), count(DISTINCT source_id) "
        "FROM job_postings"));
    EXPECT_EQ(row[0].as<int64_t>(), outcome.committed_through + 1);
    EXPECT_EQ(row[1].as<int64_t>(), row[2].as<int64_t>());
    server->StopWith(SIGTERM);
  }
}

}  // namespace
}  // namespace compdata::testing
