#ifndef COMPDATA_TESTS_QUERY_EXPECTATIONS_H_
#define COMPDATA_TESTS_QUERY_EXPECTATIONS_H_

// Comparisons of RPC answers with oracle figures: Money to the cent (D1),
// the quality envelope (D6, D7), whole distributions, error details.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "compdata/v1/compensation_service.pb.h"
#include "google/type/money.pb.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

// Money in cents; a failure when nanos is not a whole number of cents or
// units and nanos have different signs.
::testing::AssertionResult ToCents(const google::type::Money& money,
                                   int64_t* cents);

// `money` is `expected` (a float8 from PostgreSQL) rounded half away from
// zero to the cent, in `currency`. When expected * 100 lies within 1e-6 of
// a half cent, both neighbouring cents are accepted: the server's double
// arithmetic may land an ulp on either side of the tie (see the report).
::testing::AssertionResult MoneyIs(const google::type::Money& money,
                                   double expected,
                                   const std::string& currency);

// Two Money values are the same amount in the same currency.
::testing::AssertionResult SameMoney(const google::type::Money& a,
                                     const google::type::Money& b);

// a - b == difference, to the cent, accepting +-1 cent (the contract does
// not say whether the difference is taken before or after rounding).
::testing::AssertionResult MoneyDifferenceIs(const google::type::Money& diff,
                                             const google::type::Money& a,
                                             const google::type::Money& b);

// Bounds the failure output of a loop over many requests: after each
// request, Failed() says whether that request added failures; once
// `requests` requests did, Exhausted() records one more failure saying so
// and the loop should stop. $COMPDATA_QUERY_FAILURE_BUDGET overrides
// `requests`.
class FailureBudget {
 public:
  explicit FailureBudget(int requests = 5);
  bool Failed();
  bool Exhausted();

 private:
  static int Failures();
  int left_;
  int seen_;
};

// A "pay change / base" fraction next to its pay change: set iff the
// change is set and `base` is not zero (the contract leaves x / 0 open; we
// expect it unset, as Verdict.relative_difference documents), and then
// equal to change / base in cents.
void ExpectChangeFraction(bool has_fraction, double fraction, bool has_change,
                          const google::type::Money& change,
                          const google::type::Money& base);

v1::ConfidenceLevel ConfidenceFor(int64_t n);
v1::SuppressionReason SuppressionFor(const PayFigures& f, int privacy_floor);

// sample_size, posting_count, report_count, suppression_reason and
// confidence of a pay statistic with figures `f`.
void ExpectQuality(const v1::Quality& q, const PayFigures& f,
                   int privacy_floor);

// The whole distribution: `percentiles` are the ones the answer must list
// (the defaults when the request had none); f.percentiles match them.
void ExpectDistribution(const v1::PayDistribution& d, const v1::Quality& q,
                        const PayFigures& f,
                        const std::vector<double>& percentiles,
                        const std::string& currency, int privacy_floor);

// A PaySummary against figures computed with percentiles
// {50, 25, 75, extra...}.
void ExpectPaySummary(const v1::PaySummary& s, const PayFigures& f,
                      const std::vector<double>& extra,
                      const std::string& currency, int privacy_floor);

// A LevelPay (median only) against figures computed with percentiles {50}.
void ExpectLevelPay(const v1::LevelPay& lp, const PayFigures& f,
                    const std::string& currency, int privacy_floor);

// INVALID_ARGUMENT with one BadRequest violation naming `field` and an
// ErrorInfo (domain compdata.example, reason INVALID_FIELD, metadata field).
::testing::AssertionResult IsInvalidField(const absl::Status& status,
                                          const std::string& field);

// NOT_FOUND with ErrorInfo reason ROLE_NOT_FOUND naming `field`.
::testing::AssertionResult IsRoleNotFound(const absl::Status& status,
                                          const std::string& field);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_EXPECTATIONS_H_
