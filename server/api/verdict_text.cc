#include "server/api/verdict_text.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace compdata::api {
namespace {

using engine::IsPayMetric;
using engine::IsShareMetric;
using engine::Verdict;
using engine::VerdictMetric;
using engine::VerdictOutcome;

std::string Percent(double fraction) {
  return absl::StrCat(std::llround(fraction * 100), "%");
}

// "23,752"
std::string Grouped(long long n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return absl::StrCat(n < 0 ? "-" : "", digits);
}

std::string Value(const Verdict& v, double value, const std::string& currency) {
  if (IsPayMetric(v.metric)) return FormatMoney(currency, value);
  if (IsShareMetric(v.metric)) return Percent(value);
  return Grouped(std::llround(value));
}

std::string MetricPhrase(VerdictMetric metric) {
  switch (metric) {
    case VerdictMetric::kMedianPay:
      return "at the median";
    case VerdictMetric::kMeanPay:
      return "on average";
    case VerdictMetric::kP75Pay:
      return "at the 75th percentile";
    case VerdictMetric::kOpenPositions:
      return "open positions";
    case VerdictMetric::kRemoteShare:
      return "remote share";
    case VerdictMetric::kEntryLevelShare:
      return "entry-level share";
  }
  return "";
}

}  // namespace

std::string FormatMoney(const std::string& currency, double amount) {
  return absl::StrCat(currency, " ", Grouped(std::llround(amount)));
}

std::string VerdictSentence(const Verdict& v,
                            const std::vector<std::string>& titles,
                            const std::string& currency) {
  if (v.outcome == VerdictOutcome::kInsufficientData) {
    return absl::StrCat("Not enough data to compare ", MetricPhrase(v.metric),
                        ".");
  }
  const std::string& a = titles[v.leader];
  const std::string& b = titles[v.other];
  const std::string values =
      absl::StrCat(Value(v, v.leading_value, currency), " vs ",
                   Value(v, v.other_value, currency));
  const bool equal = v.outcome == VerdictOutcome::kNearlyEqual;
  if (IsPayMetric(v.metric)) {
    if (equal) {
      return absl::StrCat(a, " and ", b, " pay nearly the same ",
                          MetricPhrase(v.metric), " (", values, ").");
    }
    const std::string more =
        v.relative_difference.has_value()
            ? absl::StrCat(Percent(*v.relative_difference), " more")
            : "more";
    return absl::StrCat(a, " pays ", more, " than ", b, " ",
                        MetricPhrase(v.metric), " (", values, ").");
  }
  if (v.metric == VerdictMetric::kOpenPositions) {
    return equal ? absl::StrCat(a, " and ", b,
                                " have about as many open positions (", values,
                                ").")
                 : absl::StrCat(a, " has more open positions (", values, ").");
  }
  if (v.metric == VerdictMetric::kRemoteShare) {
    return equal ? absl::StrCat(a, " and ", b, " are about as often remote (",
                                values, ").")
                 : absl::StrCat(a, " is more often remote (", values, ").");
  }
  return equal ? absl::StrCat(a, " and ", b,
                              " have about the same entry-level share (",
                              values, ").")
               : absl::StrCat(a, " has more entry-level openings (", values,
                              " of open postings).");
}

}  // namespace compdata::api
