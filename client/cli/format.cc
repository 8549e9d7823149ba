#include "client/cli/format.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace compdata::cli {

void PrintJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  std::cout << out;
}

std::string Count(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return n < 0 ? "-" + digits : digits;
}

std::string Money(const google::type::Money& m, bool set) {
  if (!set || m.currency_code().empty()) return "-";
  const int64_t units =
      m.units() + static_cast<int64_t>(std::llround(m.nanos() / 1e9));
  return absl::StrCat(m.currency_code(), " ", Count(units));
}

std::string Percent(double fraction) {
  const double p = fraction * 100;
  if (p != 0 && std::fabs(p) < 10 && std::fabs(p - std::round(p)) > 0.05) {
    return absl::StrFormat("%.1f%%", p);
  }
  return absl::StrFormat("%.0f%%", p);
}

std::string Level(int level) {
  static const char* kNames[] = {"-",      "Entry", "Mid",
                                 "Senior", "Staff", "Principal"};
  return level >= 0 && level < 6 ? kNames[level] : "?";
}

std::string QualityNote(const v1::Quality& q) {
  if (q.suppression_reason() == v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR) {
    return "withheld (privacy floor)";
  }
  if (q.suppression_reason() == v1::SUPPRESSION_REASON_NO_DATA)
    return "no data";
  if (q.suppression_reason() == v1::SUPPRESSION_REASON_BELOW_MIN_SAMPLE) {
    return "too few";
  }
  std::string label = v1::ConfidenceLevel_Name(q.confidence());
  label = label.substr(label.rfind('_') + 1);
  return absl::StrCat("n=", Count(q.sample_size()), ", ", label);
}

std::string Table::Render() const {
  std::vector<size_t> width;
  for (const auto& row : rows_) {
    if (row.size() > width.size()) width.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) {
      width[i] = std::max(width[i], row[i].size());
    }
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      absl::StrAppend(&line, row[i]);
      if (i + 1 < row.size()) line.append(width[i] - row[i].size() + 2, ' ');
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace compdata::cli
