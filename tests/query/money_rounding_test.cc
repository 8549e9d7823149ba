// Exact money (D1, D4) end to end: postings whose pay ranges make half-cent
// midpoints and half-cent interpolations, read through the real server, and
// every amount compared with PostgreSQL's numeric arithmetic (exact decimal;
// round() there is half away from zero) on the same rows: percentiles,
// mean, min and max, to the cent with no tolerance at ties.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/query/data_gen.h"
#include "tests/query/expectations.h"
#include "tests/query/query_fixture.h"

namespace compdata::testing::query {
namespace {

constexpr char kRole[] = "ai-engineer";
// Exact in binary, so h = (n - 1) p / 100 is the same decimal fraction in
// the engine and in numeric.
const std::vector<double> kPercentiles = {0,    10, 12.5, 25, 37.5, 50,
                                          62.5, 75, 87.5, 90, 100};

class MoneyRoundingTest : public QueryTest {
 protected:
  // n postings; posting i's range is lo_i .. lo_i + odd cents, so its
  // midpoint is a whole half cent; neighbours one or a few cents apart make
  // interpolations land on half cents.
  void Load(int n, uint64_t seed) {
    company_ = absl::StrCat("Tie Breakers ", n);
    std::mt19937_64 rng(seed);
    std::vector<v1::JobPosting> postings;
    int64_t lo = 28'476'703;
    for (int i = 0; i < n; ++i) {
      lo += static_cast<int64_t>(rng() % 7);
      v1::JobPosting p;
      p.set_source("money");
      p.set_source_id(absl::StrCat("m-", seed, "-", i));
      p.set_role(kRole);
      p.set_company(company_);
      *p.mutable_pay_min() = Money("USD", lo);
      *p.mutable_pay_max() = Money("USD", lo + 2 * (rng() % 3) + (rng() % 2));
      p.set_pay_period(v1::PAY_PERIOD_YEAR);
      *p.mutable_posted_at() = Timestamp(absl::Now() - absl::Hours(1 + i));
      postings.push_back(p);
    }
    IngestPostings(postings);
    ASSERT_TRUE(WaitForIngested());
  }

  // Cents of the statistics by numeric arithmetic on the stored rows.
  std::vector<int64_t> Oracle() {
    pqxx::connection conn(db_.url());
    pqxx::work tx(conn);
    std::vector<std::string> percentile_columns;
    for (double p : kPercentiles) {
      percentile_columns.push_back(absl::StrCat(
          "(SELECT round(100 * (lo.v + (h.h - floor(h.h)) * (hi.v - lo.v))) "
          "FROM (SELECT (count(*) - 1) * ",
          p,
          "::numeric / 100 AS h FROM o) h, o lo, o hi WHERE lo.i = "
          "floor(h.h) AND hi.i = ceil(h.h))"));
    }
    const pqxx::row row = tx.exec1(absl::StrCat(
        "WITH v AS (SELECT (annual_min + annual_max) / 2 AS v FROM "
        "job_postings WHERE company = '",
        company_,
        "'), o AS (SELECT v, row_number() OVER (ORDER BY v) - 1 AS i FROM v) "
        "SELECT ",
        absl::StrJoin(percentile_columns, ", "),
        ", (SELECT round(100 * avg(v)) FROM v), (SELECT round(100 * min(v)) "
        "FROM v), (SELECT round(100 * max(v)) FROM v)"));
    std::vector<int64_t> cents;
    for (size_t i = 0; i < row.size(); ++i) {
      cents.push_back(row[static_cast<int>(i)].as<int64_t>());
    }
    return cents;
  }

  // How many of the exact values are ties (a half cent, to the digit).
  int64_t Ties() {
    pqxx::connection conn(db_.url());
    pqxx::work tx(conn);
    return tx
        .exec1(absl::StrCat(
            "SELECT count(*) FROM job_postings WHERE company = '", company_,
            "' AND ((annual_min + annual_max) * 100) % 2 = 1"))[0]
        .as<int64_t>();
  }

  std::string company_;

  std::vector<int64_t> Answer() {
    v1::GetSalaryDistributionRequest request;
    request.set_role(kRole);
    request.mutable_filter()->add_companies(company_);
    for (double p : kPercentiles) request.add_percentiles(p);
    const auto response = reader_->Distribution(request);
    EXPECT_TRUE(IsOk(response));
    std::vector<int64_t> cents;
    if (!response.ok()) return cents;
    const v1::PayDistribution& d = response->distribution();
    const auto add = [&](const google::type::Money& m) {
      int64_t c = 0;
      EXPECT_TRUE(ToCents(m, &c));
      cents.push_back(c);
    };
    for (const v1::PercentileValue& p : d.percentiles()) add(p.value());
    add(d.mean());
    add(d.min());
    add(d.max());
    return cents;
  }
};

TEST_F(MoneyRoundingTest, EveryAmountIsNumericRoundedHalfAwayFromZero) {
  for (int n : {2, 6, 9, 40}) {
    SCOPED_TRACE(absl::StrCat("n=", n));
    Load(n, 100 + n);
    EXPECT_GT(Ties(), 0) << "the data must hold half-cent midpoints";
    const std::vector<int64_t> want = Oracle();
    ASSERT_EQ(want.size(), kPercentiles.size() + 3);
    EXPECT_EQ(Answer(), want)
        << "percentiles " << absl::StrJoin(kPercentiles, ",")
        << ", then mean, min, max";
  }
}

}  // namespace
}  // namespace compdata::testing::query
