// Snapshot swap under concurrent reads: reader threads call
// GetSalaryDistribution in a loop while data is ingested in steps of known
// size, one transaction each. Every answer must be one whole snapshot: its
// count, source mix and median are those SQL gave for the data version it
// names, no call fails, and no reader goes back to an older version.

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/query/data_gen.h"
#include "tests/query/expectations.h"
#include "tests/query/query_fixture.h"

namespace compdata::testing::query {
namespace {

constexpr int kReaders = 3;
constexpr int kSteps = 8;
const char kRole[] = "ai-engineer";

struct Answer {
  absl::Status status;
  std::string version;
  int64_t count = 0;
  v1::Quality quality;
  bool has_median = false;
  google::type::Money median;
};

DataSet Step(uint64_t seed, int postings, int reports) {
  DataSetSpec spec;
  spec.seed = seed;
  spec.postings = postings;
  spec.reports = reports;
  spec.roles = {kRole};
  spec.source_prefix = absl::StrCat("swap", seed);
  return GenerateDataSet(spec, absl::Now());
}

using SnapshotSwapTest = QueryTest;

TEST_F(SnapshotSwapTest, ConcurrentReadersSeeWholeSnapshots) {
  SqlOracle oracle(db_.url());
  std::map<std::string, PayFigures> expected;  // by data version
  std::map<std::string, int> step_of;
  const DataSet initial = Step(1000, 400, 60);
  IngestPostings(initial.postings);
  IngestReports(initial.reports);
  ASSERT_FALSE(HasFailure());
  expected[version_] = oracle.Pay(kRole, Filter(), {50});
  step_of[version_] = 0;
  ASSERT_GE(expected[version_].reports, kDefaultPrivacyFloor);
  ASSERT_TRUE(WaitForIngested());

  std::atomic<bool> stop{false};
  std::vector<std::vector<Answer>> answers(kReaders);
  std::vector<std::atomic<int64_t>> calls(kReaders);
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&, t] {
      Reader reader(client_->channel());
      v1::GetSalaryDistributionRequest request;
      request.set_role(kRole);
      request.add_percentiles(50);
      while (!stop.load()) {
        auto response = reader.Distribution(request);
        Answer a;
        a.status = response.status();
        if (response.ok()) {
          a.version = response->metadata().data_version();
          a.count = response->distribution().count();
          a.quality = response->quality();
          if (response->distribution().percentiles_size() == 1) {
            a.has_median = response->distribution().percentiles(0).has_value();
            a.median = response->distribution().percentiles(0).value();
          }
        }
        answers[t].push_back(std::move(a));
        calls[t].fetch_add(1);
      }
    });
  }
  auto wait_for_calls = [&](const std::vector<int64_t>& after) {
    const absl::Time until = absl::Now() + absl::Seconds(10);
    for (int t = 0; t < kReaders; ++t) {
      while (calls[t].load() <= after[t] && absl::Now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
  };
  wait_for_calls(std::vector<int64_t>(kReaders, 0));

  // Steps alternate postings and reports, each stream one batch (one
  // transaction, so one new data version).
  for (int step = 1; step <= kSteps && !HasFatalFailure(); ++step) {
    const bool postings = step % 2 == 1;
    const DataSet data =
        Step(1000 + step, postings ? 150 : 0, postings ? 0 : 40);
    const v1::IngestSummary summary = postings
                                          ? IngestPostings(data.postings, 10000)
                                          : IngestReports(data.reports, 10000);
    EXPECT_EQ(summary.batches(), 1) << "step " << step;
    expected[version_] = oracle.Pay(kRole, Filter(), {50});
    step_of[version_] = step;
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
  }
  EXPECT_EQ(step_of.size(), static_cast<size_t>(kSteps + 1));
  const bool caught_up = WaitForIngested();
  // Every reader makes at least one more call after the final swap.
  std::vector<int64_t> now_calls;
  for (auto& c : calls) now_calls.push_back(c.load());
  wait_for_calls(now_calls);
  stop = true;
  for (auto& t : readers) t.join();
  ASSERT_TRUE(caught_up) << "the last ingest was never served";

  std::map<std::string, int64_t> seen;
  for (int t = 0; t < kReaders; ++t) {
    int last_step = 0;
    for (const Answer& a : answers[t]) {
      ASSERT_TRUE(a.status.ok()) << "reader " << t << ": " << a.status;
      ++seen[a.version];
      auto it = expected.find(a.version);
      ASSERT_NE(it, expected.end())
          << "reader " << t << " got data_version " << a.version
          << ", which no committed step produced";
      const PayFigures& f = it->second;
      SCOPED_TRACE(absl::StrCat("reader ", t, ", version ", a.version));
      EXPECT_EQ(a.count, f.n);
      EXPECT_EQ(a.quality.sample_size(), f.n);
      EXPECT_EQ(a.quality.posting_count(), f.postings);
      EXPECT_EQ(a.quality.report_count(), f.reports);
      ASSERT_TRUE(a.has_median);
      EXPECT_TRUE(MoneyIs(a.median, f.percentiles[0], "USD"));
      EXPECT_GE(step_of[a.version], last_step) << "went back in time";
      last_step = step_of[a.version];
    }
    EXPECT_EQ(last_step, kSteps)
        << "reader " << t << " ended on an old version";
  }
  std::printf("%zu answers over %zu data versions:",
              answers[0].size() + answers[1].size() + answers[2].size(),
              seen.size());
  for (const auto& [version, n] : seen) {
    std::printf(" %s (step %d, count %lld) x%lld;", version.c_str(),
                step_of[version], static_cast<long long>(expected[version].n),
                static_cast<long long>(n));
  }
  std::printf("\n");
  EXPECT_GE(seen.size(), 2u);
}

}  // namespace
}  // namespace compdata::testing::query
