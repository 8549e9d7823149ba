#ifndef COMPDATA_TESTS_QUERY_ORACLE_FIXTURE_H_
#define COMPDATA_TESTS_QUERY_ORACLE_FIXTURE_H_

// A server holding one seeded random data set (the test parameter is the
// seed), the SQL oracle on its database, and a request generator.

#include <memory>

#include "absl/time/clock.h"
#include "tests/query/data_gen.h"
#include "tests/query/query_fixture.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

// The data sets of the oracle tests.
inline constexpr uint64_t kOracleSeeds[] = {11, 23, 37, 41};

class OracleTest : public QueryTest,
                   public ::testing::WithParamInterface<uint64_t> {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    DataSetSpec spec;
    spec.seed = GetParam();
    spec.postings = 2500;
    spec.reports = 1500;
    data_ = GenerateDataSet(spec, absl::Now());
    IngestPostings(data_.postings);
    IngestReports(data_.reports);
    ASSERT_FALSE(HasFailure()) << "data set " << GetParam() << " not ingested";
    oracle_ = std::make_unique<SqlOracle>(db_.url());
    ASSERT_EQ(oracle_->Count("SELECT count(*) FROM job_postings"),
              static_cast<int64_t>(data_.postings.size()));
    ASSERT_EQ(oracle_->Count("SELECT count(*) FROM salary_reports"),
              static_cast<int64_t>(data_.reports.size()));
  }

  DataSet data_;
  std::unique_ptr<SqlOracle> oracle_;
  Rng rng_{GetParam() * 7919 + 17};  // requests, independent of the data
};

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_ORACLE_FIXTURE_H_
