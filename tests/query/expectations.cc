#include "tests/query/expectations.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/rpc_status.h"
#include "google/rpc/error_details.pb.h"

namespace compdata::testing::query {
namespace {

std::string Show(const google::type::Money& m) {
  return absl::StrCat(m.currency_code(), " ", m.units(), " + ", m.nanos(), "n");
}

std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  auto details = RpcStatusDetails(status);
  if (!details.has_value()) return std::nullopt;
  for (const auto& any : details->details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info;
  }
  return std::nullopt;
}

::testing::AssertionResult HasErrorInfo(const absl::Status& status,
                                        const std::string& reason,
                                        const std::string& field) {
  auto info = ErrorInfoOf(status);
  if (!info.has_value()) {
    return ::testing::AssertionFailure() << "no ErrorInfo in " << status;
  }
  if (info->domain() != "compdata.example" || info->reason() != reason) {
    return ::testing::AssertionFailure()
           << "ErrorInfo " << info->ShortDebugString() << ", want reason "
           << reason;
  }
  auto it = info->metadata().find("field");
  if (it == info->metadata().end() || it->second != field) {
    return ::testing::AssertionFailure()
           << "ErrorInfo " << info->ShortDebugString() << ", want field "
           << field;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

::testing::AssertionResult ToCents(const google::type::Money& money,
                                   int64_t* cents) {
  if (money.nanos() % 10'000'000 != 0) {
    return ::testing::AssertionFailure()
           << Show(money) << ": nanos is not a whole number of cents";
  }
  if ((money.units() > 0 && money.nanos() < 0) ||
      (money.units() < 0 && money.nanos() > 0)) {
    return ::testing::AssertionFailure()
           << Show(money) << ": units and nanos differ in sign";
  }
  *cents = money.units() * 100 + money.nanos() / 10'000'000;
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult MoneyIs(const google::type::Money& money,
                                   double expected,
                                   const std::string& currency) {
  if (money.currency_code() != currency) {
    return ::testing::AssertionFailure()
           << Show(money) << ": want currency " << currency;
  }
  int64_t cents = 0;
  auto ok = ToCents(money, &cents);
  if (!ok) return ok;
  const double scaled = expected * 100;
  const double want = std::round(scaled);  // half away from zero
  const double frac = std::fabs(scaled - std::trunc(scaled));
  const bool tie = std::fabs(frac - 0.5) < 1e-6;
  if (static_cast<double>(cents) == want ||
      (tie && (static_cast<double>(cents) == std::floor(scaled) ||
               static_cast<double>(cents) == std::ceil(scaled)))) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << Show(money) << " is " << cents << " cents; want "
         << absl::StrFormat("%.0f", want) << " cents (oracle value "
         << absl::StrFormat("%.6f", expected) << ")";
}

::testing::AssertionResult SameMoney(const google::type::Money& a,
                                     const google::type::Money& b) {
  if (a.currency_code() == b.currency_code() && a.units() == b.units() &&
      a.nanos() == b.nanos()) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << Show(a) << " != " << Show(b);
}

::testing::AssertionResult MoneyDifferenceIs(const google::type::Money& diff,
                                             const google::type::Money& a,
                                             const google::type::Money& b) {
  int64_t d = 0, x = 0, y = 0;
  if (!ToCents(diff, &d) || !ToCents(a, &x) || !ToCents(b, &y)) {
    return ::testing::AssertionFailure() << "malformed Money";
  }
  if (diff.currency_code() != a.currency_code() ||
      std::llabs(d - (x - y)) > 1) {
    return ::testing::AssertionFailure()
           << Show(diff) << " is not " << Show(a) << " - " << Show(b);
  }
  return ::testing::AssertionSuccess();
}

FailureBudget::FailureBudget(int requests)
    : left_(requests), seen_(Failures()) {
  // COMPDATA_QUERY_FAILURE_BUDGET=N: report up to N differing requests.
  if (const char* env = std::getenv("COMPDATA_QUERY_FAILURE_BUDGET")) {
    left_ = std::max(1, std::atoi(env));
  }
}

int FailureBudget::Failures() {
  return ::testing::UnitTest::GetInstance()
      ->current_test_info()
      ->result()
      ->total_part_count();
}

bool FailureBudget::Failed() {
  const int now = Failures();
  if (now == seen_) return false;
  seen_ = now;
  --left_;
  return true;
}

bool FailureBudget::Exhausted() {
  Failed();
  if (left_ > 0) return false;
  ADD_FAILURE() << "stopping here: too many requests differ";
  return true;
}

void ExpectChangeFraction(bool has_fraction, double fraction, bool has_change,
                          const google::type::Money& change,
                          const google::type::Money& base) {
  int64_t delta = 0, from = 0;
  if (has_change) {
    EXPECT_TRUE(ToCents(change, &delta));
    EXPECT_TRUE(ToCents(base, &from));
  }
  const bool expected = has_change && from != 0;
  EXPECT_EQ(has_fraction, expected) << "pay change fraction";
  if (has_fraction && expected) {
    // The server divides the unrounded medians; `delta` and `from` are the
    // shown amounts, each within half a cent of them.
    const double rounding =
        0.5 * (1 + std::abs(fraction)) / std::abs(static_cast<double>(from));
    EXPECT_NEAR(fraction, static_cast<double>(delta) / from, 1e-6 + rounding);
  }
}

v1::ConfidenceLevel ConfidenceFor(int64_t n) {
  if (n <= 0) return v1::CONFIDENCE_LEVEL_UNSPECIFIED;
  if (n < 30) return v1::CONFIDENCE_LEVEL_LOW;
  if (n < 100) return v1::CONFIDENCE_LEVEL_MEDIUM;
  return v1::CONFIDENCE_LEVEL_HIGH;
}

v1::SuppressionReason SuppressionFor(const PayFigures& f, int privacy_floor) {
  if (f.n == 0) return v1::SUPPRESSION_REASON_NO_DATA;
  if (f.reports >= 1 && f.reports < privacy_floor) {
    return v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR;
  }
  return v1::SUPPRESSION_REASON_UNSPECIFIED;
}

void ExpectQuality(const v1::Quality& q, const PayFigures& f,
                   int privacy_floor) {
  EXPECT_EQ(q.sample_size(), f.n);
  EXPECT_EQ(q.posting_count(), f.postings);
  EXPECT_EQ(q.report_count(), f.reports);
  const v1::SuppressionReason reason = SuppressionFor(f, privacy_floor);
  EXPECT_EQ(q.suppression_reason(), reason)
      << "n=" << f.n << " reports=" << f.reports;
  EXPECT_EQ(q.confidence(), reason == v1::SUPPRESSION_REASON_UNSPECIFIED
                                ? ConfidenceFor(f.n)
                                : v1::CONFIDENCE_LEVEL_UNSPECIFIED);
}

void ExpectDistribution(const v1::PayDistribution& d, const v1::Quality& q,
                        const PayFigures& f,
                        const std::vector<double>& percentiles,
                        const std::string& currency, int privacy_floor) {
  ExpectQuality(q, f, privacy_floor);
  EXPECT_EQ(d.count(), f.n);
  const bool shown =
      SuppressionFor(f, privacy_floor) == v1::SUPPRESSION_REASON_UNSPECIFIED;
  EXPECT_EQ(d.percentiles_size(), static_cast<int>(percentiles.size()))
      << "the requested percentiles must be listed, also when withheld";
  for (size_t i = 0;
       i < percentiles.size() && i < static_cast<size_t>(d.percentiles_size());
       ++i) {
    const v1::PercentileValue& pv = d.percentiles(static_cast<int>(i));
    EXPECT_EQ(pv.percentile(), percentiles[i]) << "percentiles[" << i << "]";
    EXPECT_EQ(pv.has_value(), shown) << "percentiles[" << i << "]";
    if (shown && pv.has_value()) {
      EXPECT_TRUE(MoneyIs(pv.value(), f.percentiles[i], currency))
          << "p" << percentiles[i];
    }
  }
  EXPECT_EQ(d.has_mean(), shown);
  EXPECT_EQ(d.has_min(), shown);
  EXPECT_EQ(d.has_max(), shown);
  if (shown) {
    EXPECT_TRUE(MoneyIs(d.mean(), f.mean, currency)) << "mean";
    EXPECT_TRUE(MoneyIs(d.min(), f.min, currency)) << "min";
    EXPECT_TRUE(MoneyIs(d.max(), f.max, currency)) << "max";
  }
}

void ExpectPaySummary(const v1::PaySummary& s, const PayFigures& f,
                      const std::vector<double>& extra,
                      const std::string& currency, int privacy_floor) {
  ExpectQuality(s.quality(), f, privacy_floor);
  const bool shown =
      SuppressionFor(f, privacy_floor) == v1::SUPPRESSION_REASON_UNSPECIFIED;
  EXPECT_EQ(s.has_median(), shown);
  EXPECT_EQ(s.has_mean(), shown);
  EXPECT_EQ(s.has_p75(), shown);
  EXPECT_EQ(s.average_range().has_low(), shown);
  EXPECT_EQ(s.average_range().has_high(), shown);
  EXPECT_EQ(s.percentiles_size(), static_cast<int>(extra.size()));
  for (size_t i = 0;
       i < extra.size() && i < static_cast<size_t>(s.percentiles_size()); ++i) {
    const v1::PercentileValue& pv = s.percentiles(static_cast<int>(i));
    EXPECT_EQ(pv.percentile(), extra[i]);
    EXPECT_EQ(pv.has_value(), shown);
    if (shown && pv.has_value()) {
      EXPECT_TRUE(MoneyIs(pv.value(), f.percentiles[3 + i], currency))
          << "p" << extra[i];
    }
  }
  if (!shown) return;
  EXPECT_TRUE(MoneyIs(s.median(), f.percentiles[0], currency)) << "median";
  EXPECT_TRUE(MoneyIs(s.mean(), f.mean, currency)) << "mean";
  EXPECT_TRUE(MoneyIs(s.average_range().low(), f.percentiles[1], currency))
      << "p25";
  EXPECT_TRUE(MoneyIs(s.average_range().high(), f.percentiles[2], currency))
      << "p75";
  EXPECT_TRUE(SameMoney(s.p75(), s.average_range().high()));
}

void ExpectLevelPay(const v1::LevelPay& lp, const PayFigures& f,
                    const std::string& currency, int privacy_floor) {
  ExpectQuality(lp.quality(), f, privacy_floor);
  const bool shown =
      SuppressionFor(f, privacy_floor) == v1::SUPPRESSION_REASON_UNSPECIFIED;
  EXPECT_EQ(lp.has_median(), shown);
  if (shown && lp.has_median()) {
    EXPECT_TRUE(MoneyIs(lp.median(), f.percentiles[0], currency));
  }
}

::testing::AssertionResult IsInvalidField(const absl::Status& status,
                                          const std::string& field) {
  if (status.code() != absl::StatusCode::kInvalidArgument) {
    return ::testing::AssertionFailure()
           << "status " << status << ", want INVALID_ARGUMENT on " << field;
  }
  const std::vector<std::string> fields = ViolatedFields(status);
  if (fields != std::vector<std::string>{field}) {
    std::string got;
    for (const auto& f : fields) absl::StrAppend(&got, f, " ");
    return ::testing::AssertionFailure()
           << "BadRequest fields [" << got << "], want [" << field << "] ("
           << status << ")";
  }
  return HasErrorInfo(status, "INVALID_FIELD", field);
}

::testing::AssertionResult IsRoleNotFound(const absl::Status& status,
                                          const std::string& field) {
  if (status.code() != absl::StatusCode::kNotFound) {
    return ::testing::AssertionFailure()
           << "status " << status << ", want NOT_FOUND";
  }
  return HasErrorInfo(status, "ROLE_NOT_FOUND", field);
}

}  // namespace compdata::testing::query
