#ifndef COMPDATA_CLIENT_CSV_READER_H_
#define COMPDATA_CLIENT_CSV_READER_H_

#include <istream>
#include <string>
#include <vector>

namespace compdata {

// RFC 4180 records from a stream: comma-separated, fields optionally in
// double quotes (which may hold commas, newlines and doubled quotes), CRLF
// or LF line ends.
class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}
  // False at end of input. A quoted field left open at the end is an error:
  // `*error` is set and false returned.
  bool Next(std::vector<std::string>* fields, std::string* error);
  // Line on which the last record returned started (1-based).
  int64_t line() const { return record_line_; }

 private:
  std::istream& in_;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
};

}  // namespace compdata

#endif  // COMPDATA_CLIENT_CSV_READER_H_
