#include "server/api/offer_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "server/api/figures.h"
#include "server/api/verdict_text.h"

namespace compdata::api {
namespace {

using engine::CounterRule;

std::string Shown(const engine::Amount& a, const std::string& currency) {
  return FormatMoney(currency, AsShown(a));
}

std::string Cents(int64_t cents, const std::string& currency) {
  return FormatMoney(currency, static_cast<double>(cents) / 100);
}

// ", senior level, in San Francisco, remote only, dated from 2025-01-01"
std::string MarketScope(const v1::EvaluateOfferRequest& r,
                        const ResolvedFilter& market) {
  std::string scope;
  if (r.seniority_level() != v1::SENIORITY_LEVEL_UNSPECIFIED) {
    std::string level = v1::SeniorityLevel_Name(r.seniority_level());
    absl::StrAppend(&scope, ", ",
                    absl::AsciiStrToLower(level.substr(level.rfind('_') + 1)),
                    " level");
  }
  if (!r.metro().empty()) absl::StrAppend(&scope, ", in ", r.metro());
  if (r.remote() == v1::REMOTE_FILTER_REMOTE_ONLY) {
    absl::StrAppend(&scope, ", remote only");
  } else if (r.remote() == v1::REMOTE_FILTER_ON_SITE_ONLY) {
    absl::StrAppend(&scope, ", on site only");
  }
  if (market.has_start) {
    absl::StrAppend(
        &scope, ", dated from ",
        absl::FormatTime("%Y-%m-%d", absl::FromUnixMicros(market.records.start),
                         absl::UTCTimeZone()));
  }
  return scope;
}

}  // namespace

std::string CounterExplanation(const engine::OfferEvaluation& e,
                               const std::string& currency) {
  const engine::OfferPercentiles& p = e.percentiles;
  const std::string range = absl::StrCat(Shown(e.counter.low, currency), " to ",
                                         Shown(e.counter.high, currency));
  switch (e.counter.rule) {
    case CounterRule::kRaiseToMedian:
      return absl::StrCat("The offer is below the market median (",
                          Shown(p[engine::kMedian], currency),
                          "): counter between the median and the 75th "
                          "percentile, ",
                          range, ".");
    case CounterRule::kReachUpperQuartile:
      return absl::StrCat(
          "The offer is at or above the median but below the 75th "
          "percentile (",
          Shown(p[engine::kP75], currency),
          "): counter between the 75th and the 90th percentile, ", range, ".");
    case CounterRule::kUpToP90:
      return absl::StrCat(
          "The offer is in the top quartile, below the 90th percentile (",
          Shown(p[engine::kP90], currency),
          "): counter between the offer and the 90th percentile, ", range, ".");
    case CounterRule::kAtMarketTop:
      return absl::StrCat("The offer is at or above the 90th percentile (",
                          Shown(p[engine::kP90], currency),
                          "): the market gives no room to counter; the range "
                          "is the offer itself.");
    case CounterRule::kUnspecified:
      break;
  }
  return "";
}

std::string OfferExplanation(const v1::EvaluateOfferRequest& request,
                             const std::string& role_title,
                             const ResolvedOffer& offer,
                             const ResolvedFilter& market,
                             const engine::OfferEvaluation& e) {
  const engine::Quality& q = e.quality;
  const std::string& currency = offer.currency;
  std::string text = absl::StrCat(
      "Compared with ", q.sample_size, " annualised ",
      offer.component == engine::Component::kBase ? "base-pay" : "total-pay",
      " figures of ", role_title, " in ", currency, " (", q.postings,
      " job postings at the midpoint of the advertised range, ", q.reports,
      " salary reports)", MarketScope(request, market), ". The offer is ",
      Cents(offer.annual_cents, currency), " a year.");
  if (q.suppression == engine::Suppression::kNoData) {
    return absl::StrCat(text, " No market record matches: nothing to compare.");
  }
  if (q.withheld()) {
    return absl::StrCat(text,
                        " Market figures withheld: fewer self-reported "
                        "salaries than the privacy floor.");
  }
  absl::StrAppend(&text, " Percentile rank ",
                  absl::StrFormat("%.1f", *e.percentile_rank),
                  ": 100 x (values below + half the values equal) / n");
  if (e.banded) {
    absl::StrAppend(&text, ", with the offer at the midpoint of its pay band (",
                    Cents(e.compared_cents, currency),
                    "), as salary reports are counted");
  }
  return absl::StrCat(text,
                      "; percentiles interpolated linearly between order "
                      "statistics (PostgreSQL percentile_cont).");
}

}  // namespace compdata::api
