#include "core/ingest/official_table.h"

#include <array>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/csv_reader.h"
#include "core/ingest/official_cells.h"
#include "core/ingest/pay.h"

namespace compdata::ingest {
namespace {

// The required columns, in the order their cells are checked.
enum Column {
  kCode,
  kTitle,
  kEmployment,
  kMean,
  kPct10,
  kPct25,
  kMedian,
  kPct75,
  kPct90,
  kColumns
};
constexpr std::array<const char*, kColumns> kColumnNames = {
    "OCC_CODE", "OCC_TITLE", "TOT_EMP", "A_MEAN", "A_PCT10",
    "A_PCT25",  "A_MEDIAN",  "A_PCT75", "A_PCT90"};

using Positions = std::array<int, kColumns>;  // column -> field index

// One bad line: "COLUMN: why", or "why" for the whole line.
using Problem = std::string;

Problem At(Column column, absl::string_view why) {
  return absl::StrCat(kColumnNames[column], ": ", why);
}

class Reader {
 public:
  Reader(absl::string_view text, const OfficialTableOptions& options)
      : input_(std::string(text)), csv_(input_), options_(options) {}

  OfficialTableResult Read();

 private:
  void Report(int64_t line, const Problem& problem);
  bool ReadHeader();
  Problem HeaderProblem(const std::vector<std::string>& fields);
  Problem ReadLine(const std::vector<std::string>& fields, int64_t line);
  Problem ReadCode(const std::vector<std::string>& fields, int64_t line,
                   engine::OfficialOccupation* out);
  Problem ReadFigures(const std::vector<std::string>& fields,
                      engine::OfficialOccupation* out) const;

  std::istringstream input_;
  CsvReader csv_;
  const OfficialTableOptions options_;
  Positions positions_{};
  std::vector<std::string> names_;  // of every column, as in the header
  absl::flat_hash_map<std::string, int64_t> code_lines_;
  OfficialTableResult result_;
};

void Reader::Report(int64_t line, const Problem& problem) {
  ++result_.bad_lines;
  if (result_.problems.size() < kMaxOfficialTableProblems) {
    result_.problems.push_back(absl::StrCat("line ", line, ": ", problem));
  }
}

// The upper-cased, trimmed names: a spreadsheet's byte order mark on the
// first one is no part of it.
std::vector<std::string> ColumnNames(std::vector<std::string> fields) {
  if (!fields.empty() && absl::StartsWith(fields[0], "\xEF\xBB\xBF")) {
    fields[0].erase(0, 3);
  }
  for (std::string& f : fields) {
    f = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(f));
  }
  return fields;
}

Problem Reader::HeaderProblem(const std::vector<std::string>& fields) {
  for (const std::string& f : fields) {
    if (!IsValidUtf8(f)) return "header: not valid UTF-8";
  }
  const std::vector<std::string> names = ColumnNames(fields);
  std::vector<std::string> missing;
  for (int c = 0; c < kColumns; ++c) {
    positions_[c] = -1;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] != kColumnNames[c]) continue;
      if (positions_[c] >= 0) {
        return At(static_cast<Column>(c), "the column appears twice");
      }
      positions_[c] = static_cast<int>(i);
    }
    if (positions_[c] < 0) missing.push_back(kColumnNames[c]);
  }
  if (missing.empty()) return "";
  std::string why = "required column missing";
  if (missing.size() > 1) {
    absl::StrAppend(&why, " (also missing: ",
                    absl::StrJoin(missing.begin() + 1, missing.end(), ", "),
                    ")");
  }
  return absl::StrCat(missing[0], ": ", why);
}

bool Reader::ReadHeader() {
  std::vector<std::string> fields;
  if (!csv_.Next(&fields)) {
    Report(1, csv_.error().empty()
                  ? "the table is empty: a header line and at least one "
                    "occupation line are needed"
                  : absl::StrCat("malformed CSV: ", csv_.error()));
    return false;
  }
  const Problem problem = HeaderProblem(fields);
  if (!problem.empty()) {
    Report(csv_.line(), problem);
    return false;
  }
  names_ = ColumnNames(std::move(fields));
  return true;
}

Problem Reader::ReadCode(const std::vector<std::string>& fields, int64_t line,
                         engine::OfficialOccupation* out) {
  const absl::string_view code =
      absl::StripAsciiWhitespace(fields[positions_[kCode]]);
  if (code.empty()) return At(kCode, "empty");
  if (CodePoints(code) > kMaxOccupationCodeLength) {
    return At(kCode, absl::StrCat("longer than ", kMaxOccupationCodeLength,
                                  " characters"));
  }
  const auto [it, first] = code_lines_.try_emplace(std::string(code), line);
  if (!first) {
    return At(kCode,
              absl::StrCat("\"", code, "\" is also on line ", it->second));
  }
  const absl::string_view title =
      absl::StripAsciiWhitespace(fields[positions_[kTitle]]);
  if (title.empty()) return At(kTitle, "empty");
  if (CodePoints(title) > kMaxOccupationTitleLength) {
    return At(kTitle, absl::StrCat("longer than ", kMaxOccupationTitleLength,
                                   " characters"));
  }
  out->code = std::string(code);
  out->title = std::string(title);
  return "";
}

// Published percentiles must not decrease; "#" stands for the top-coded
// value, so a top-coded value below a percentile published before it is a
// contradiction too.
Problem Unordered(const engine::OfficialOccupation& o) {
  int64_t floor = 0;
  int floor_column = -1;
  for (size_t i = 0; i < o.percentiles.size(); ++i) {
    const engine::OfficialValue& v = o.percentiles[i];
    const Column column = static_cast<Column>(kPct10 + i);
    if (v.kind == engine::OfficialKind::kNotAvailable) continue;
    if (floor_column >= 0 && v.cents < floor) {
      return At(column, absl::StrCat(CentsToDecimal(v.cents), " is below ",
                                     kColumnNames[floor_column], " (",
                                     CentsToDecimal(floor), ")"));
    }
    if (floor_column < 0 || v.cents > floor) {
      floor = v.cents;
      floor_column = column;
    }
  }
  return "";
}

Problem Reader::ReadFigures(const std::vector<std::string>& fields,
                            engine::OfficialOccupation* out) const {
  std::string why =
      ParseEmploymentCell(fields[positions_[kEmployment]], &out->employment);
  if (!why.empty()) return At(kEmployment, why);
  why = ParseAmountCell(fields[positions_[kMean]], options_, &out->mean);
  if (!why.empty()) return At(kMean, why);
  for (size_t i = 0; i < out->percentiles.size(); ++i) {
    const Column column = static_cast<Column>(kPct10 + i);
    why = ParseAmountCell(fields[positions_[column]], options_,
                          &out->percentiles[i]);
    if (!why.empty()) return At(column, why);
  }
  return Unordered(*out);
}

Problem Reader::ReadLine(const std::vector<std::string>& fields, int64_t line) {
  if (fields.size() != names_.size()) {
    return absl::StrCat(fields.size(), " fields; the header has ",
                        names_.size());
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    if (!IsValidUtf8(fields[i])) {
      return absl::StrCat(names_[i], ": not valid UTF-8");
    }
  }
  engine::OfficialOccupation occupation;
  Problem problem = ReadCode(fields, line, &occupation);
  if (problem.empty()) problem = ReadFigures(fields, &occupation);
  if (problem.empty()) result_.occupations.push_back(std::move(occupation));
  return problem;
}

OfficialTableResult Reader::Read() {
  if (!ReadHeader()) return std::move(result_);
  std::vector<std::string> fields;
  for (;;) {
    if (!csv_.Next(&fields)) {
      if (csv_.error().empty()) break;  // the end
      Report(csv_.line(), absl::StrCat("malformed CSV: ", csv_.error()));
      continue;
    }
    if (fields.size() == 1 && absl::StripAsciiWhitespace(fields[0]).empty()) {
      continue;  // a blank line
    }
    const Problem problem = ReadLine(fields, csv_.line());
    if (!problem.empty()) Report(csv_.line(), problem);
  }
  if (result_.ok() && result_.occupations.empty()) {
    Report(1, "the table has a header but no occupation lines");
  }
  return std::move(result_);
}

}  // namespace

OfficialTableResult ParseOfficialTable(absl::string_view text,
                                       const OfficialTableOptions& options) {
  if (text.size() > kMaxOfficialTableBytes) {
    OfficialTableResult result;
    result.bad_lines = 1;
    result.problems.push_back(absl::StrCat("the table is ", text.size(),
                                           " bytes; the limit is 4 MiB (",
                                           kMaxOfficialTableBytes, " bytes)"));
    return result;
  }
  return Reader(text, options).Read();
}

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Lead bytes C0, C1 and F5..FF never occur; the shortest form and
    // the range are checked on the code point.
    const int extra = c >= 0xC2 && c <= 0xDF   ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
                                               : 0;
    if (extra == 0 || i + extra >= text.size()) return false;
    uint32_t cp = c & (0x7F >> (extra + 1));
    for (int k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    const bool overlong =
        (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

size_t CodePoints(absl::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace compdata::ingest
