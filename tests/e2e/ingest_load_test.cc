// A million records through the streaming RPCs in one run: the load
// completes, every record is counted once, and the totals add up.

#include <gtest/gtest.h>

#include "tests/e2e/ingest_fixture.h"

namespace compdata::testing {
namespace {

class IngestLoadTest : public IngestTest {};

TEST_F(IngestLoadTest, OneMillionRecordsLoadCompletely) {
  constexpr int64_t kPostings = 600000;
  constexpr int64_t kReports = 400000;
  int64_t next = 0;
  IngestRunOptions options;
  options.batch_size = 5000;
  IngestOutcome postings = client_->IngestPostings(
      [&](v1::JobPosting* p) {
        if (next >= kPostings) return false;
        *p = MakePosting(next++);
        return true;
      },
      options);
  ASSERT_TRUE(postings.status.ok()) << postings.status;
  next = 0;
  IngestOutcome reports = client_->IngestSalaryReports(
      [&](v1::SalaryReport* r) {
        if (next >= kReports) return false;
        *r = MakeReport(next++);
        return true;
      },
      options);
  ASSERT_TRUE(reports.status.ok()) << reports.status;

  EXPECT_EQ(postings.summary.received(), kPostings);
  EXPECT_EQ(postings.summary.accepted(), kPostings);
  EXPECT_EQ(postings.committed_through, kPostings - 1);
  EXPECT_EQ(reports.summary.accepted(), kReports);
  EXPECT_TRUE(postings.rejected.empty());
  EXPECT_EQ(Count("job_postings"), kPostings);
  EXPECT_EQ(Count("salary_reports"), kReports);
  // MakePosting lists 1 + i % 4 distinct skills.
  EXPECT_EQ(Count("posting_skills"), kPostings / 4 * (1 + 2 + 3 + 4));
}

}  // namespace
}  // namespace compdata::testing
