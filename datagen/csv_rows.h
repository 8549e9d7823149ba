// The two CSV layouts: header rows, record -> row and row -> record.

#ifndef COMPDATA_DATAGEN_CSV_ROWS_H_
#define COMPDATA_DATAGEN_CSV_ROWS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "common/csv_columns.h"
#include "datagen/csv_writer.h"
#include "datagen/records.h"

namespace compdata::datagen {

// The columns are common's kPostingColumns / kReportColumns; the fields below
// are written and parsed in their order.
void WriteHeader(absl::Span<const std::string_view> columns, CsvWriter& w);
void WritePosting(const Posting& p, CsvWriter& w);
void WriteReport(const Report& r, CsvWriter& w);

// Parse one data row (fields as split by CsvReader). Companies not in the
// synthetic list are accepted (company = -1).
absl::Status ParsePosting(const std::vector<std::string>& fields, Posting* p);
absl::Status ParseReport(const std::vector<std::string>& fields, Report* r);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CSV_ROWS_H_
