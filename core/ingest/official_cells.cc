#include "core/ingest/official_cells.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/ingest/pay.h"

namespace compdata::ingest {
namespace {

// Enough digits for kMaxAnnualUnits and any employment count, few enough
// that no value overflows.
constexpr size_t kMaxWholeDigits = 13;

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

// "1,234,567" or "1234567" -> the digits; false when separators are
// misplaced or anything else is in it.
bool WholeDigits(absl::string_view text, std::string* digits) {
  if (text.find(',') == absl::string_view::npos) {
    *digits = std::string(text);
    return AllDigits(text);
  }
  const std::vector<absl::string_view> groups = absl::StrSplit(text, ',');
  digits->clear();
  for (size_t i = 0; i < groups.size(); ++i) {
    const size_t size = groups[i].size();
    const bool sized = i == 0 ? size >= 1 && size <= 3 : size == 3;
    if (!sized || !AllDigits(groups[i])) return false;
    absl::StrAppend(digits, groups[i]);
  }
  return true;
}

bool IsNotAvailable(absl::string_view cell) {
  return cell == "*" || cell == "**";
}

std::string Quoted(absl::string_view cell) {
  return absl::StrCat("\"", cell, "\"");
}

}  // namespace

std::string ParseHundredths(absl::string_view text, int max_decimals,
                            int64_t* hundredths) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    return text[0] == '-' ? absl::StrCat(Quoted(text), " is negative")
                          : absl::StrCat(Quoted(text), " is not a number");
  }
  const size_t dot = text.find('.');
  const absl::string_view whole = text.substr(0, dot);
  const absl::string_view fraction =
      dot == absl::string_view::npos ? "" : text.substr(dot + 1);
  std::string digits;
  const bool fraction_ok =
      dot == absl::string_view::npos || AllDigits(fraction);
  if (!WholeDigits(whole, &digits) || !fraction_ok) {
    return absl::StrCat(Quoted(text), " is not a number");
  }
  if (static_cast<int>(fraction.size()) > max_decimals) {
    return max_decimals == 0
               ? absl::StrCat(Quoted(text), " is not a whole number")
               : absl::StrCat(Quoted(text), " has more than ", max_decimals,
                              " decimals");
  }
  const size_t first = digits.find_first_not_of('0');
  if (first != std::string::npos && digits.size() - first > kMaxWholeDigits) {
    return absl::StrCat(Quoted(text), " is too large");
  }
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  value *= 100;
  if (!fraction.empty()) value += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) value += fraction[1] - '0';
  *hundredths = value;
  return "";
}

std::string ParseAmountCell(absl::string_view cell,
                            const OfficialTableOptions& options,
                            engine::OfficialValue* out) {
  const absl::string_view text = absl::StripAsciiWhitespace(cell);
  if (text.empty()) return "empty (\"*\" marks a figure not available)";
  if (IsNotAvailable(text)) {
    *out = engine::OfficialValue{engine::OfficialKind::kNotAvailable, 0};
    return "";
  }
  if (text == "#") {
    if (!options.top_coded_cents.has_value()) {
      return "\"#\" (at or above the top-coded value) needs the request's "
             "top_coded_value";
    }
    *out = engine::OfficialValue{engine::OfficialKind::kAtLeast,
                                 *options.top_coded_cents};
    return "";
  }
  int64_t cents = 0;
  std::string why = ParseHundredths(text, 2, &cents);
  if (!why.empty()) return why;
  if (cents == 0) return absl::StrCat(Quoted(text), " must be greater than 0");
  if (cents > kMaxAnnualUnits * 100) {
    return absl::StrCat(Quoted(text), " exceeds ", kMaxAnnualUnits);
  }
  *out = engine::OfficialValue{engine::OfficialKind::kExact, cents};
  return "";
}

std::string ParseEmploymentCell(absl::string_view cell,
                                std::optional<int64_t>* out) {
  const absl::string_view text = absl::StripAsciiWhitespace(cell);
  if (text.empty()) return "empty (\"**\" marks an estimate not available)";
  if (IsNotAvailable(text)) {
    *out = std::nullopt;
    return "";
  }
  if (text == "#") return "\"#\" marks a top-coded wage, not an employment";
  int64_t hundredths = 0;
  std::string why = ParseHundredths(text, 0, &hundredths);
  if (!why.empty()) return why;
  *out = hundredths / 100;
  return "";
}

}  // namespace compdata::ingest
