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

// "91%"
void AppendPercent(double fraction, std::string* out) {
  absl::StrAppend(out, std::llround(fraction * 100), "%");
}

std::string Percent(double fraction) {
  std::string out;
  AppendPercent(fraction, &out);
  return out;
}

// "23,752": digits written right to left into a buffer, then appended once
// (sentences are built on every comparison: no string per step).
void AppendGrouped(long long n, std::string* out) {
  char buffer[32];
  char* p = buffer + sizeof(buffer);
  unsigned long long v = n < 0 ? 0ULL - static_cast<unsigned long long>(n)
                               : static_cast<unsigned long long>(n);
  int digits = 0;
  do {
    if (digits > 0 && digits % 3 == 0) *--p = ',';
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
    ++digits;
  } while (v != 0);
  if (n < 0) *--p = '-';
  out->append(p, static_cast<size_t>(buffer + sizeof(buffer) - p));
}

void AppendMoney(const std::string& currency, double amount, std::string* out) {
  absl::StrAppend(out, currency, " ");
  AppendGrouped(std::llround(amount), out);
}

void AppendValue(const Verdict& v, double value, const std::string& currency,
                 std::string* out) {
  if (IsPayMetric(v.metric)) return AppendMoney(currency, value, out);
  if (IsShareMetric(v.metric)) return AppendPercent(value, out);
  AppendGrouped(std::llround(value), out);
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
  std::string out;
  AppendMoney(currency, amount, &out);
  return out;
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
  std::string values;
  AppendValue(v, v.leading_value, currency, &values);
  values.append(" vs ");
  AppendValue(v, v.other_value, currency, &values);
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
