#include "server/api/offer_fields.h"

#include <vector>

#include "absl/numeric/int128.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/pay.h"
#include "server/api/request_fields.h"

namespace compdata::api {
namespace {

constexpr int64_t kNanosPerUnit = 1'000'000'000;

absl::StatusOr<ingest::PayPeriod> PeriodOf(v1::PayPeriod period) {
  switch (period) {
    case v1::PAY_PERIOD_UNSPECIFIED:
    case v1::PAY_PERIOD_YEAR:
      return ingest::PayPeriod::kYear;
    case v1::PAY_PERIOD_HOUR:
      return ingest::PayPeriod::kHour;
    case v1::PAY_PERIOD_DAY:
      return ingest::PayPeriod::kDay;
    case v1::PAY_PERIOD_WEEK:
      return ingest::PayPeriod::kWeek;
    case v1::PAY_PERIOD_MONTH:
      return ingest::PayPeriod::kMonth;
    default:
      return InvalidField("offer.pay_period", "not a PayPeriod value");
  }
}

// One amount of the offer, checked as ingest checks a record's (known
// currency, shared by every amount, well-formed nanos, sign, bound); its
// exact value in nanos.
absl::StatusOr<absl::int128> CheckAmount(const google::type::Money& money,
                                         const std::string& field,
                                         bool allow_zero,
                                         ingest::PayPeriod period,
                                         std::string* currency) {
  const std::string& code = money.currency_code();
  if (!ingest::IsKnownCurrency(code)) {
    return InvalidField(
        field + ".currency_code",
        absl::StrCat("\"", code, "\" is not an ISO 4217 currency code"));
  }
  if (currency->empty()) *currency = code;
  if (code != *currency) {
    return InvalidField(field + ".currency_code",
                        absl::StrCat(code, " differs from ", *currency,
                                     ": every amount of an offer is in one "
                                     "currency"));
  }
  const int64_t units = money.units();
  const int32_t nanos = money.nanos();
  if (nanos < -999'999'999 || nanos > 999'999'999 || (units > 0 && nanos < 0) ||
      (units < 0 && nanos > 0)) {
    return InvalidField(field + ".nanos",
                        "must be within +-999,999,999 with the sign of units");
  }
  if (units < 0 || nanos < 0 || (!allow_zero && units == 0 && nanos == 0)) {
    return InvalidField(
        field, allow_zero ? "must not be negative" : "must be greater than 0");
  }
  if (units > ingest::kMaxAnnualUnits ||
      ingest::AnnualCents(ingest::Amount{units, nanos}, period) >
          ingest::kMaxAnnualUnits * 100) {
    return InvalidField(
        field, absl::StrCat("annualised exceeds ", ingest::kMaxAnnualUnits));
  }
  return absl::int128(units) * kNanosPerUnit + nanos;
}

struct Part {
  const google::type::Money* money;
  std::string field;
  bool allow_zero;
};

// The offer's amounts, after the shape checks: total alone, or base with
// the optional bonus and equity.
absl::StatusOr<std::vector<Part>> PartsOf(const v1::EvaluateOfferRequest& r) {
  if (!r.has_offer()) {
    return InvalidField("offer",
                        "is required: a total, or a base with optional bonus "
                        "and equity_per_year");
  }
  const v1::Offer& o = r.offer();
  const bool extras = o.has_bonus() || o.has_equity_per_year();
  if (o.has_total()) {
    if (o.has_base() || extras) {
      return InvalidField("offer.total",
                          "is exclusive with base, bonus and equity_per_year");
    }
    return std::vector<Part>{{&o.total(), "offer.total", false}};
  }
  if (!o.has_base()) {
    return InvalidField(extras ? "offer.base" : "offer",
                        extras ? "is required with bonus or equity_per_year"
                               : "needs a total or a base");
  }
  std::vector<Part> parts = {{&o.base(), "offer.base", false}};
  if (o.has_bonus()) parts.push_back({&o.bonus(), "offer.bonus", true});
  if (o.has_equity_per_year()) {
    parts.push_back({&o.equity_per_year(), "offer.equity_per_year", true});
  }
  return parts;
}

// The same error naming `field` without its "filter." prefix: the market's
// fields sit at the top of EvaluateOfferRequest.
absl::Status Unprefixed(const absl::Status& status) {
  std::string field = FieldOf(status).value_or("");
  if (absl::StartsWith(field, "filter.")) field = field.substr(7);
  absl::Status out = FieldError(status.code(), field, status.message());
  if (auto reason = ReasonOf(status)) out = WithReason(out, *reason);
  return out;
}

}  // namespace

absl::StatusOr<ResolvedOffer> ResolveOffer(const v1::EvaluateOfferRequest& r) {
  COMPDATA_ASSIGN_OR_RETURN(std::vector<Part> parts, PartsOf(r));
  COMPDATA_ASSIGN_OR_RETURN(ingest::PayPeriod period,
                            PeriodOf(r.offer().pay_period()));
  ResolvedOffer offer;
  absl::int128 nanos = 0;
  for (const Part& part : parts) {
    COMPDATA_ASSIGN_OR_RETURN(
        absl::int128 amount,
        CheckAmount(*part.money, part.field, part.allow_zero, period,
                    &offer.currency));
    nanos += amount;
  }
  // Summed exactly, then annualised and rounded once (AnnualCents).
  const ingest::Amount sum{
      static_cast<int64_t>(nanos / kNanosPerUnit),
      static_cast<int32_t>(static_cast<int64_t>(nanos % kNanosPerUnit))};
  offer.annual_cents = ingest::AnnualCents(sum, period);
  const std::string& first = parts.front().field;
  if (offer.annual_cents > ingest::kMaxAnnualUnits * 100) {
    return InvalidField(first, absl::StrCat("the offer annualised exceeds ",
                                            ingest::kMaxAnnualUnits));
  }
  if (offer.annual_cents == 0) {
    return InvalidField(first, "annualised, the offer is less than a cent");
  }
  offer.component = parts.size() == 1 && first == "offer.base"
                        ? engine::Component::kBase
                        : engine::Component::kTotal;
  return offer;
}

absl::StatusOr<ResolvedFilter> ResolveMarket(const v1::EvaluateOfferRequest& r,
                                             const ResolvedOffer& offer,
                                             const QueryContext& ctx,
                                             v1::SalaryFilter* f) {
  const int level = r.seniority_level();
  if (level < 0 || level >= engine::kSeniorityLevels) {
    return InvalidField("seniority_level", "not a SeniorityLevel value");
  }
  if (r.metro().size() > kMaxNameLength) {
    return InvalidField(
        "metro", absl::StrCat("longer than ", kMaxNameLength, " characters"));
  }
  f->Clear();
  if (level > 0) f->add_seniority_levels(r.seniority_level());
  if (!r.metro().empty()) f->add_metros(r.metro());
  f->set_remote(r.remote());
  if (r.has_time_window()) *f->mutable_time_window() = r.time_window();
  f->set_pay_component(offer.component == engine::Component::kBase
                           ? v1::PAY_COMPONENT_BASE
                           : v1::PAY_COMPONENT_TOTAL);
  f->set_data_source(r.data_source());
  f->set_currency(offer.currency);
  absl::StatusOr<ResolvedFilter> market = ResolveFilter(*f, ctx);
  if (!market.ok()) return Unprefixed(market.status());
  return market;
}

}  // namespace compdata::api
