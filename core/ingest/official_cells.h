#ifndef COMPDATA_CORE_INGEST_OFFICIAL_CELLS_H_
#define COMPDATA_CORE_INGEST_OFFICIAL_CELLS_H_

// The cells of an official wage table (official_table.h has the rules).
// Each parser returns "" for a good cell, else why it is not good (without
// the line or the column, which the caller adds).

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/engine/official.h"
#include "core/ingest/official_table.h"

namespace compdata::ingest {

// An amount (A_MEAN, A_PCT*): a value, "#" or "*"/"**".
std::string ParseAmountCell(absl::string_view cell,
                            const OfficialTableOptions& options,
                            engine::OfficialValue* out);

// TOT_EMP: a whole number or "*"/"**" (nullopt).
std::string ParseEmploymentCell(absl::string_view cell,
                                std::optional<int64_t>* out);

// A decimal with optional thousands separators and at most `max_decimals`
// decimals, in hundredths ("1,234.5" -> 123450); "" or why not.
std::string ParseHundredths(absl::string_view text, int max_decimals,
                            int64_t* hundredths);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_OFFICIAL_CELLS_H_
