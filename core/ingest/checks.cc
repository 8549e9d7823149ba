#include "core/ingest/checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace compdata::ingest {
namespace {

const absl::Time kEarliestDate =
    absl::FromCivil(absl::CivilDay(1990, 1, 1), absl::UTCTimeZone());

bool IsSlug(absl::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  char prev = 0;
  for (char c : s) {
    const bool ok =
        absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

}  // namespace

Rejection Reject(absl::string_view field, v1::RejectReason reason,
                 absl::string_view message) {
  return Rejection{std::string(field), reason, std::string(message)};
}

Check MaxLength(absl::string_view value, absl::string_view field, size_t max) {
  if (value.size() > max) {
    return Reject(field, v1::REJECT_REASON_STRING_TOO_LONG,
                  absl::StrCat(field, " is ", value.size(),
                               " characters; the limit is ", max));
  }
  return std::nullopt;
}

Check Required(absl::string_view value, absl::string_view field, size_t max) {
  if (value.empty()) {
    return Reject(field, v1::REJECT_REASON_MISSING_FIELD,
                  absl::StrCat(field, " is required"));
  }
  return MaxLength(value, field, max);
}

Check Slug(absl::string_view value, absl::string_view field) {
  if (value.empty()) {
    return Reject(field, v1::REJECT_REASON_MISSING_FIELD,
                  absl::StrCat(field, " is required"));
  }
  COMPDATA_REJECT_IF(MaxLength(value, field, kMaxSlugLength));
  if (!IsSlug(value)) {
    return Reject(field, v1::REJECT_REASON_INVALID_VALUE,
                  absl::StrCat(field, " \"", value,
                               "\" is not lower-kebab-case (a-z, 0-9, single "
                               "inner hyphens)"));
  }
  return std::nullopt;
}

Check StringList(const google::protobuf::RepeatedPtrField<std::string>& items,
                 absl::string_view field, size_t max_item) {
  if (items.size() > kMaxListItems) {
    return Reject(field, v1::REJECT_REASON_INVALID_VALUE,
                  absl::StrCat(field, " has ", items.size(),
                               " items; the limit is ", kMaxListItems));
  }
  for (int i = 0; i < items.size(); ++i) {
    COMPDATA_REJECT_IF(
        Required(items[i], absl::StrCat(field, "[", i, "]"), max_item));
  }
  return std::nullopt;
}

Check Seniority(int value, absl::string_view field, std::string* code) {
  switch (value) {
    case v1::SENIORITY_LEVEL_UNSPECIFIED:
      *code = "";
      return std::nullopt;
    case v1::SENIORITY_LEVEL_ENTRY:
      *code = "entry";
      return std::nullopt;
    case v1::SENIORITY_LEVEL_MID:
      *code = "mid";
      return std::nullopt;
    case v1::SENIORITY_LEVEL_SENIOR:
      *code = "senior";
      return std::nullopt;
    case v1::SENIORITY_LEVEL_STAFF:
      *code = "staff";
      return std::nullopt;
    case v1::SENIORITY_LEVEL_PRINCIPAL:
      *code = "principal";
      return std::nullopt;
  }
  return Reject(field, v1::REJECT_REASON_INVALID_VALUE,
                absl::StrCat(field, " ", value, " is not a SeniorityLevel"));
}

Check Period(int value, absl::string_view field, bool required,
             PayPeriod* period) {
  switch (value) {
    case v1::PAY_PERIOD_HOUR:
      *period = PayPeriod::kHour;
      return std::nullopt;
    case v1::PAY_PERIOD_DAY:
      *period = PayPeriod::kDay;
      return std::nullopt;
    case v1::PAY_PERIOD_WEEK:
      *period = PayPeriod::kWeek;
      return std::nullopt;
    case v1::PAY_PERIOD_MONTH:
      *period = PayPeriod::kMonth;
      return std::nullopt;
    case v1::PAY_PERIOD_YEAR:
      *period = PayPeriod::kYear;
      return std::nullopt;
    case v1::PAY_PERIOD_UNSPECIFIED:
      if (!required) {
        *period = PayPeriod::kYear;
        return std::nullopt;
      }
      return Reject(field, v1::REJECT_REASON_UNKNOWN_PAY_PERIOD,
                    absl::StrCat(field, " is required when pay is given"));
  }
  return Reject(field, v1::REJECT_REASON_UNKNOWN_PAY_PERIOD,
                absl::StrCat(field, " ", value, " is not a PayPeriod"));
}

Check Timestamp(bool present, const google::protobuf::Timestamp& ts,
                absl::string_view field, bool required, absl::Time now,
                absl::Time* out) {
  if (!present) {
    if (!required) return std::nullopt;
    return Reject(field, v1::REJECT_REASON_MISSING_FIELD,
                  absl::StrCat(field, " is required"));
  }
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999) {
    return Reject(field, v1::REJECT_REASON_INVALID_DATE,
                  absl::StrCat(field, " has nanos out of range"));
  }
  const absl::Time t =
      absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  if (t < kEarliestDate) {
    return Reject(field, v1::REJECT_REASON_INVALID_DATE,
                  absl::StrCat(field, " is before 1990-01-01"));
  }
  if (t > now + kFutureSkew) {
    return Reject(
        field, v1::REJECT_REASON_DATE_IN_FUTURE,
        absl::StrCat(field, " ", absl::FormatTime(t), " is in the future"));
  }
  *out = t;
  return std::nullopt;
}

Check Money(const google::type::Money& money, absl::string_view field,
            bool allow_zero, PayPeriod period, std::string* currency,
            Amount* amount) {
  if (!IsKnownCurrency(money.currency_code())) {
    return Reject(absl::StrCat(field, ".currency_code"),
                  v1::REJECT_REASON_UNKNOWN_CURRENCY,
                  absl::StrCat("\"", money.currency_code(),
                               "\" is not an ISO 4217 currency code"));
  }
  if (currency->empty()) {
    *currency = money.currency_code();
  } else if (*currency != money.currency_code()) {
    return Reject(absl::StrCat(field, ".currency_code"),
                  v1::REJECT_REASON_CURRENCY_MISMATCH,
                  absl::StrCat(money.currency_code(), " differs from ",
                               *currency, " used elsewhere in the record"));
  }
  const int64_t units = money.units();
  const int32_t nanos = money.nanos();
  if (nanos < -999'999'999 || nanos > 999'999'999 || (units > 0 && nanos < 0) ||
      (units < 0 && nanos > 0)) {
    return Reject(absl::StrCat(field, ".nanos"),
                  v1::REJECT_REASON_INVALID_VALUE,
                  "nanos must be within +-999,999,999 with the sign of units");
  }
  const bool negative = units < 0 || nanos < 0;
  const bool zero = units == 0 && nanos == 0;
  if (negative || (zero && !allow_zero)) {
    return Reject(field, v1::REJECT_REASON_PAY_OUT_OF_RANGE,
                  absl::StrCat(field, allow_zero ? " must not be negative"
                                                 : " must be greater than 0"));
  }
  // Checked before multiplying so no amount can overflow the annualisation.
  if (units > kMaxAnnualUnits ||
      AnnualCents(Amount{units, nanos}, period) > kMaxAnnualUnits * 100) {
    return Reject(field, v1::REJECT_REASON_PAY_OUT_OF_RANGE,
                  absl::StrCat(field, " annualised exceeds ", kMaxAnnualUnits));
  }
  *amount = Amount{units, nanos};
  return std::nullopt;
}

Check KnownRole(absl::string_view role, absl::string_view field,
                const ReferenceIndex& index, int64_t* id) {
  COMPDATA_REJECT_IF(Required(role, field, kMaxNameLength));
  std::optional<int64_t> found = index.roles.Find(role);
  if (!found.has_value()) {
    return Reject(field, v1::REJECT_REASON_UNKNOWN_ROLE,
                  absl::StrCat("no role with slug or alias \"", role, "\""));
  }
  *id = *found;
  return std::nullopt;
}

}  // namespace compdata::ingest
