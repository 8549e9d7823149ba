#ifndef COMPDATA_CORE_INGEST_PAY_H_
#define COMPDATA_CORE_INGEST_PAY_H_

// Pay normalisation: the one place that owns the annualisation factors
// (definition D1 in proto/compdata/v1/common.proto) and the pay bounds.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace compdata::ingest {

enum class PayPeriod { kHour, kDay, kWeek, kMonth, kYear };

// hour x 2080, day x 260, week x 52, month x 12, year x 1.
int64_t AnnualizationFactor(PayPeriod period);
absl::string_view PayPeriodCode(PayPeriod period);  // "hour", ... as stored

// Largest annualised amount accepted, in currency units (D1 bound).
inline constexpr int64_t kMaxAnnualUnits = 1'000'000'000;

// An exact amount: units + nanos/1e9, as google.type.Money carries it.
struct Amount {
  int64_t units = 0;
  int32_t nanos = 0;
};

// Amount in cents, rounded half away from zero.
int64_t ToCents(const Amount& amount);
// amount x factor(period), in cents, computed exactly before rounding so
// that an hourly 52.125 annualises to 108,420.00, not 108,430.40.
int64_t AnnualCents(const Amount& amount, PayPeriod period);

// "123456.78" for 12345678 cents.
std::string CentsToDecimal(int64_t cents);

bool IsKnownCurrency(absl::string_view code);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_PAY_H_
