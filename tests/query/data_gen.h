#ifndef COMPDATA_TESTS_QUERY_DATA_GEN_H_
#define COMPDATA_TESTS_QUERY_DATA_GEN_H_

// Seeded random data sets and random requests for the read tests. Each
// generated record is kept twice: as the proto sent to IngestService and as a
// plain model (canonical role and skill slugs, annualised cents) from which
// model.h recomputes the figures without SQL, to check the SQL oracle.

#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "compdata/v1/ingest_service.pb.h"
#include "tests/query/rng_util.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

// Roles, metros (canonical names; "" = none), companies and skills the
// generated records use.
const std::vector<std::string>& OracleRoles();
const std::vector<std::string>& OracleMetros();
const std::vector<std::string>& OracleCompanies();
const std::vector<std::string>& OracleSkills();

struct PostingModel {
  std::string role;  // slug
  int level = 0;     // 0 = unset, 1..5 = ENTRY..PRINCIPAL
  std::string metro;
  bool remote = false;
  std::string company;
  bool has_pay = false;
  std::string currency;
  int64_t annual_min_cents = 0;
  int64_t annual_max_cents = 0;
  absl::Time posted;
  std::optional<absl::Time> expires;
  std::set<std::string> skills;  // slugs
};

struct ReportModel {
  std::string role;
  int level = 0;
  std::string metro;
  bool remote = false;
  std::string company;
  std::string currency;
  int64_t base_cents = 0;  // annualised
  int64_t bonus_cents = 0;
  int64_t equity_cents = 0;
  absl::Time reported;
};

struct DataSet {
  std::vector<v1::JobPosting> postings;
  std::vector<v1::SalaryReport> reports;
  std::vector<PostingModel> posting_models;  // same order
  std::vector<ReportModel> report_models;
  absl::Time now;  // every record is older than now - 1 h
  // posted_at, expires_at and reported_at values: window boundaries that
  // coincide with records probe inclusive starts and exclusive ends.
  std::vector<absl::Time> instants;
};

struct DataSetSpec {
  uint64_t seed = 1;
  int postings = 2500;
  int reports = 1500;
  std::vector<std::string> roles = OracleRoles();
  std::string source_prefix = "oracle";
  absl::Duration span = absl::Hours(24 * 730);  // dates over the last 2 years
};

DataSet GenerateDataSet(const DataSetSpec& spec, absl::Time now);

// Appends one posting / report with the given model to `data` (the proto
// is built from the model; pay is quoted per year in whole cents).
void AddPosting(const PostingModel& model, const std::string& source_id,
                DataSet* data);
void AddReport(const ReportModel& model, const std::string& source_id,
               DataSet* data);

// The default percentiles of GetSalaryDistribution.
const std::vector<double>& DefaultPercentiles();

// First instant of the UTC calendar month containing t, and of the next.
absl::Time MonthStart(absl::Time t);
absl::Time NextMonth(absl::Time month_start);

// A whole-cent amount and a timestamp as the ingest messages carry them.
google::type::Money Money(const std::string& currency, int64_t cents);
google::protobuf::Timestamp Timestamp(absl::Time t);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_DATA_GEN_H_
