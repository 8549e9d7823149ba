#include "client/record_parsers.h"

#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/csv_columns.h"
#include "common/status_util.h"

namespace compdata {
namespace {

// Decimal "152000.5" -> Money units/nanos, exactly (no floating point).
absl::Status ParseMoney(const std::string& text, const std::string& currency,
                        const std::string& column, google::type::Money* out) {
  std::string s(absl::StripAsciiWhitespace(text));
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.erase(0, 1);
  std::pair<std::string, std::string> parts =
      absl::StrSplit(s, absl::MaxSplits('.', 1));
  int64_t units = 0;
  if (parts.first.empty() || !absl::SimpleAtoi(parts.first, &units) ||
      parts.second.size() > 9 ||
      !std::all_of(parts.second.begin(), parts.second.end(),
                   absl::ascii_isdigit)) {
    return InvalidField(column,
                        absl::StrCat("\"", text, "\" is not a decimal amount"));
  }
  std::string frac = parts.second;
  frac.resize(9, '0');
  int32_t nanos = 0;
  (void)absl::SimpleAtoi(frac, &nanos);
  out->set_currency_code(currency);
  out->set_units(negative ? -units : units);
  out->set_nanos(negative ? -nanos : nanos);
  return absl::OkStatus();
}

absl::Status ParseTimestamp(const std::string& text, const std::string& column,
                            google::protobuf::Timestamp* out) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return InvalidField(column,
                        absl::StrCat("\"", text, "\" is not an RFC 3339 time"));
  }
  const int64_t nanos = absl::ToUnixNanos(t);
  out->set_seconds(absl::ToUnixSeconds(t));
  out->set_nanos(
      static_cast<int32_t>(nanos - absl::ToUnixSeconds(t) * 1'000'000'000));
  return absl::OkStatus();
}

absl::Status ParseBool(const std::string& text, const std::string& column,
                       bool* out) {
  const std::string v = absl::AsciiStrToLower(text);
  if (v.empty() || v == "false" || v == "0" || v == "f" || v == "no") {
    *out = false;
  } else if (v == "true" || v == "1" || v == "t" || v == "yes") {
    *out = true;
  } else {
    return InvalidField(column,
                        absl::StrCat("\"", text, "\" is not true/false"));
  }
  return absl::OkStatus();
}

template <typename Enum>
absl::Status ParseEnum(const std::string& text, const std::string& column,
                       const google::protobuf::EnumDescriptor* descriptor,
                       const std::string& prefix, Enum* out) {
  if (text.empty()) {
    *out = static_cast<Enum>(0);
    return absl::OkStatus();
  }
  const auto* value =
      descriptor->FindValueByName(prefix + absl::AsciiStrToUpper(text));
  if (value == nullptr) {
    return InvalidField(column,
                        absl::StrCat("\"", text, "\" is not one of the ",
                                     descriptor->name(), " values"));
  }
  *out = static_cast<Enum>(value->number());
  return absl::OkStatus();
}

// absl::StrJoin formatter for std::string_view (absl::string_view is not
// std::string_view in every Abseil build).
void AppendView(std::string* out, std::string_view view) {
  out->append(view.data(), view.size());
}

// Every row has as many fields as the header.
absl::Status CheckWidth(const CsvColumns& c,
                        const std::vector<std::string>& row) {
  if (row.size() == c.width()) return absl::OkStatus();
  return InvalidField(
      "row",
      absl::StrCat("has ", row.size(), " fields; the header has ", c.width()));
}

// Parses enum column `column` by value name without the enum's prefix
// ("senior" for SENIORITY_LEVEL_SENIOR) and stores it with `set`.
template <typename Message, typename Enum>
absl::Status SetEnum(const CsvColumns& c, const std::vector<std::string>& row,
                     const std::string& column, Message* out,
                     void (Message::*set)(Enum)) {
  const google::protobuf::EnumDescriptor* descriptor =
      google::protobuf::GetEnumDescriptor<Enum>();
  // The zero value is <PREFIX>UNSPECIFIED (buf lint enforces it).
  const std::string& zero = descriptor->value(0)->name();
  const std::string prefix =
      zero.substr(0, zero.size() - strlen("UNSPECIFIED"));
  Enum value;
  COMPDATA_RETURN_IF_ERROR(
      ParseEnum(c.Get(row, column), column, descriptor, prefix, &value));
  (out->*set)(value);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CsvColumns> CsvColumns::ForPostings(
    const std::vector<std::string>& header) {
  return ForKnown(header, kPostingColumns, "postings");
}

absl::StatusOr<CsvColumns> CsvColumns::ForReports(
    const std::vector<std::string>& header) {
  return ForKnown(header, kReportColumns, "reports");
}

absl::StatusOr<CsvColumns> CsvColumns::ForKnown(
    const std::vector<std::string>& header,
    absl::Span<const std::string_view> known, absl::string_view kind) {
  CsvColumns columns;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string name(absl::StripAsciiWhitespace(header[i]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidField(name,
                          absl::StrCat("unknown ", kind, " column; known: ",
                                       absl::StrJoin(known, ",", AppendView)));
    }
    if (!columns.index_.emplace(name, static_cast<int>(i)).second) {
      return InvalidField(name, "column appears twice");
    }
  }
  columns.width_ = header.size();
  return columns;
}

const std::string& CsvColumns::Get(const std::vector<std::string>& row,
                                   const std::string& name) const {
  static const std::string* empty = new std::string;
  auto it = index_.find(name);
  if (it == index_.end() || static_cast<size_t>(it->second) >= row.size()) {
    return *empty;
  }
  return row[it->second];
}

absl::Status ParsePostingRow(const CsvColumns& c,
                             const std::vector<std::string>& row,
                             v1::JobPosting* out) {
  COMPDATA_RETURN_IF_ERROR(CheckWidth(c, row));
  out->set_source(c.Get(row, "source"));
  out->set_source_id(c.Get(row, "source_id"));
  out->set_role(c.Get(row, "role"));
  out->set_title(c.Get(row, "title"));
  out->set_company(c.Get(row, "company"));
  out->set_metro(c.Get(row, "metro"));
  bool remote = false;
  COMPDATA_RETURN_IF_ERROR(ParseBool(c.Get(row, "remote"), "remote", &remote));
  out->set_remote(remote);
  COMPDATA_RETURN_IF_ERROR(SetEnum(
      c, row, "seniority", out, &std::decay_t<decltype(*out)>::set_seniority));
  const std::string& currency = c.Get(row, "currency");
  if (!c.Get(row, "pay_min").empty()) {
    COMPDATA_RETURN_IF_ERROR(ParseMoney(c.Get(row, "pay_min"), currency,
                                        "pay_min", out->mutable_pay_min()));
  }
  if (!c.Get(row, "pay_max").empty()) {
    COMPDATA_RETURN_IF_ERROR(ParseMoney(c.Get(row, "pay_max"), currency,
                                        "pay_max", out->mutable_pay_max()));
  }
  COMPDATA_RETURN_IF_ERROR(
      SetEnum(c, row, "pay_period", out,
              &std::decay_t<decltype(*out)>::set_pay_period));
  if (!c.Get(row, "posted_at").empty()) {
    COMPDATA_RETURN_IF_ERROR(ParseTimestamp(
        c.Get(row, "posted_at"), "posted_at", out->mutable_posted_at()));
  }
  if (!c.Get(row, "expires_at").empty()) {
    COMPDATA_RETURN_IF_ERROR(ParseTimestamp(
        c.Get(row, "expires_at"), "expires_at", out->mutable_expires_at()));
  }
  for (absl::string_view skill :
       absl::StrSplit(c.Get(row, "skills"), ';', absl::SkipWhitespace())) {
    out->add_skills(std::string(absl::StripAsciiWhitespace(skill)));
  }
  return absl::OkStatus();
}

absl::Status ParseReportRow(const CsvColumns& c,
                            const std::vector<std::string>& row,
                            v1::SalaryReport* out) {
  COMPDATA_RETURN_IF_ERROR(CheckWidth(c, row));
  out->set_source(c.Get(row, "source"));
  out->set_source_id(c.Get(row, "source_id"));
  out->set_role(c.Get(row, "role"));
  COMPDATA_RETURN_IF_ERROR(SetEnum(
      c, row, "seniority", out, &std::decay_t<decltype(*out)>::set_seniority));
  if (!c.Get(row, "years_of_experience").empty()) {
    double years = 0;
    if (!absl::SimpleAtod(c.Get(row, "years_of_experience"), &years)) {
      return InvalidField("years_of_experience", "is not a number");
    }
    out->set_years_of_experience(years);
  }
  out->set_company(c.Get(row, "company"));
  out->set_metro(c.Get(row, "metro"));
  bool remote = false;
  COMPDATA_RETURN_IF_ERROR(ParseBool(c.Get(row, "remote"), "remote", &remote));
  out->set_remote(remote);
  const std::string& currency = c.Get(row, "currency");
  const std::pair<const char*, google::type::Money* (v1::SalaryReport::*)()>
      amounts[] = {
          {"base", &v1::SalaryReport::mutable_base},
          {"bonus", &v1::SalaryReport::mutable_bonus},
          {"equity_per_year", &v1::SalaryReport::mutable_equity_per_year}};
  for (const auto& [column, field] : amounts) {
    if (c.Get(row, column).empty()) continue;
    COMPDATA_RETURN_IF_ERROR(
        ParseMoney(c.Get(row, column), currency, column, (out->*field)()));
  }
  COMPDATA_RETURN_IF_ERROR(
      SetEnum(c, row, "pay_period", out,
              &std::decay_t<decltype(*out)>::set_pay_period));
  if (!c.Get(row, "reported_at").empty()) {
    COMPDATA_RETURN_IF_ERROR(ParseTimestamp(
        c.Get(row, "reported_at"), "reported_at", out->mutable_reported_at()));
  }
  return absl::OkStatus();
}

absl::Status ParseJsonRecord(const std::string& line,
                             google::protobuf::Message* out) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status =
      google::protobuf::util::JsonStringToMessage(line, out, options);
  if (!status.ok()) {
    return InvalidField("json", std::string(status.message()));
  }
  return absl::OkStatus();
}

}  // namespace compdata
