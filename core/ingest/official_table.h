#ifndef COMPDATA_CORE_INGEST_OFFICIAL_TABLE_H_
#define COMPDATA_CORE_INGEST_OFFICIAL_TABLE_H_

// The text of a published occupational wage table
// (ImportOfficialStatisticsRequest.table): CSV in the layout of the US BLS
// OEWS files, which other offices' tables are easily put into. A pure
// function of the text: no I/O, nothing looked up.
//
// Layout: a header line naming the columns (any order, names
// case-insensitive, surrounding spaces and a UTF-8 byte order mark ignored,
// other columns ignored), then one occupation per line. Required columns:
// OCC_CODE, OCC_TITLE, TOT_EMP, A_MEAN, A_PCT10, A_PCT25, A_MEDIAN, A_PCT75,
// A_PCT90. Blank lines are skipped.
//   - Amounts (A_*): annual, > 0, at most 1,000,000,000, exact to the cent:
//     digits with optional thousands separators ("1,234.50"), at most two
//     decimals. No sign, no currency symbol, no exponent.
//   - TOT_EMP: a whole number >= 0, thousands separators allowed.
//   - "*" or "**": not available (any figure). "#": at or above the
//     top-coded value (amounts only), which must then be given.
//   - Published percentiles must not decrease from A_PCT10 to A_PCT90 ("#"
//     counts as the top-coded value and is never below a value before it).
//   - One line per OCC_CODE.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/engine/official.h"

namespace compdata::ingest {

inline constexpr size_t kMaxOfficialTableBytes = 4 * 1024 * 1024;
// Problems reported at most (one per bad line, the first ones).
inline constexpr size_t kMaxOfficialTableProblems = 50;
inline constexpr size_t kMaxOccupationCodeLength = 32;
inline constexpr size_t kMaxOccupationTitleLength = 300;

struct OfficialTableOptions {
  // What "#" stands for, in cents; nullopt = not given (a "#" is an error).
  std::optional<int64_t> top_coded_cents;
};

struct OfficialTableResult {
  // Every occupation in file order; complete only when ok().
  std::vector<engine::OfficialOccupation> occupations;
  // "line N: COLUMN: why" (lines from 1, the header being line 1; a
  // problem of the whole line names no column), one per bad line, in line
  // order, at most kMaxOfficialTableProblems.
  std::vector<std::string> problems;
  int64_t bad_lines = 0;  // every bad line, also those past the cap
  bool ok() const { return bad_lines == 0; }
};

OfficialTableResult ParseOfficialTable(absl::string_view text,
                                       const OfficialTableOptions& options);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool IsValidUtf8(absl::string_view text);
// Unicode code points in well-formed UTF-8 `text`.
size_t CodePoints(absl::string_view text);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_OFFICIAL_TABLE_H_
