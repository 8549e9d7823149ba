#ifndef COMPDATA_CLIENT_RECORD_PARSERS_H_
#define COMPDATA_CLIENT_RECORD_PARSERS_H_

// Text -> ingest records: the CSV columns of postings and salary reports
// (README, "File formats") and JSON lines of any record kind.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "compdata/v1/ingest_service.pb.h"

namespace compdata {

// Maps a CSV header to column indexes (the columns are common/csv_columns.h's,
// in any order); an unknown or repeated column is an error naming it.
class CsvColumns {
 public:
  static absl::StatusOr<CsvColumns> ForPostings(
      const std::vector<std::string>& header);
  static absl::StatusOr<CsvColumns> ForReports(
      const std::vector<std::string>& header);
  // The field of `name` in `row`, "" when the column is absent.
  const std::string& Get(const std::vector<std::string>& row,
                         const std::string& name) const;
  size_t width() const { return width_; }

 private:
  static absl::StatusOr<CsvColumns> ForKnown(
      const std::vector<std::string>& header,
      absl::Span<const std::string_view> known, absl::string_view kind);

  absl::flat_hash_map<std::string, int> index_;
  size_t width_ = 0;
};

// A value that cannot be represented in the record (an unparseable number
// or date) is INVALID_ARGUMENT naming the column.
absl::Status ParsePostingRow(const CsvColumns& columns,
                             const std::vector<std::string>& row,
                             v1::JobPosting* out);
absl::Status ParseReportRow(const CsvColumns& columns,
                            const std::vector<std::string>& row,
                            v1::SalaryReport* out);

// One JSON object (protobuf JSON mapping, proto or camelCase field names).
absl::Status ParseJsonRecord(const std::string& line,
                             google::protobuf::Message* out);

}  // namespace compdata

#endif  // COMPDATA_CLIENT_RECORD_PARSERS_H_
