#ifndef COMPDATA_TESTS_QUERY_PRIVACY_FIXTURE_H_
#define COMPDATA_TESTS_QUERY_PRIVACY_FIXTURE_H_

// A data set built for the privacy floor (D7): salary reports and postings
// in small (role, seniority, metro, company) groups, many holding 1..4
// reports, and a grid of filters over exactly those dimensions.

#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "tests/query/data_gen.h"
#include "tests/query/query_fixture.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

inline const std::vector<std::string>& PrivacyRoles() {
  static const auto* v =
      new std::vector<std::string>{"ai-engineer", "data-scientist"};
  return *v;
}
inline const std::vector<v1::SeniorityLevel>& PrivacyLevels() {
  static const auto* v = new std::vector<v1::SeniorityLevel>{
      v1::SENIORITY_LEVEL_ENTRY, v1::SENIORITY_LEVEL_MID,
      v1::SENIORITY_LEVEL_SENIOR};
  return *v;
}
inline const std::vector<std::string>& PrivacyMetros() {
  static const auto* v =
      new std::vector<std::string>{"Austin", "Denver", "Boston"};
  return *v;
}
inline const std::vector<std::string>& PrivacyCompanies() {
  static const auto* v =
      new std::vector<std::string>{"Acme", "Globex", "Initech"};
  return *v;
}
inline const std::vector<std::string>& PrivacySkills() {
  static const auto* v = new std::vector<std::string>{"python", "sql", "aws"};
  return *v;
}

// Groups with a known number of reports and no postings.
struct KnownGroup {
  std::string role;
  v1::SeniorityLevel level;
  std::string metro;
  std::string company;
  int reports;
};
inline const KnownGroup kGroupOfTwo = {"ai-engineer", v1::SENIORITY_LEVEL_MID,
                                       "Austin", "Acme", 2};
inline const KnownGroup kGroupOfOne = {
    "ai-engineer", v1::SENIORITY_LEVEL_SENIOR, "Denver", "Globex", 1};

inline Filter GroupFilter(const KnownGroup& g) {
  Filter f;
  f.seniority = {g.level};
  f.metros = {g.metro};
  f.companies = {g.company};
  f.source = v1::DATA_SOURCE_REPORTS;
  return f;
}

// Every combination of: one level or none, one metro or none, one company
// or none (data source left to the caller).
std::vector<Filter> PrivacyGrid(bool with_levels);

// Reports were dated in the last `kPrivacyMonths` months (UTC calendar
// months, the current one included).
inline constexpr int kPrivacyMonths = 8;

DataSet PrivacyDataSet(absl::Time now);

class PrivacyTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    data_ = PrivacyDataSet(absl::Now());
    IngestPostings(data_.postings);
    IngestReports(data_.reports);
    ASSERT_FALSE(HasFailure());
    oracle_ = std::make_unique<SqlOracle>(db_.url());
  }

  DataSet data_;
  std::unique_ptr<SqlOracle> oracle_;
};

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_PRIVACY_FIXTURE_H_
