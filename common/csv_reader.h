// RFC 4180 CSV records from a stream: the one reader of the CSV files the
// CLI loads and compdata-gen writes and checks.

#ifndef COMPDATA_COMMON_CSV_READER_H_
#define COMPDATA_COMMON_CSV_READER_H_

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace compdata {

// Fields are separated by commas; a field may be enclosed in double quotes,
// and then holds commas, line breaks and doubled quotes ("" for "). Records
// end with CRLF, LF or a lone CR (or at the end of the input). A blank line is
// a record of one empty field: whether that is an error is the caller's call.
//
// Malformed records are errors, never guessed at: a quote inside an unquoted
// field, text after a field's closing quote, a quoted field still open at the
// end of the input.
class CsvReader {
 public:
  // Does not take ownership of `in`.
  explicit CsvReader(std::istream& in) : in_(*in.rdbuf()) {}

  // Reads the next record into *fields. False at the end of the input, or on
  // a malformed record: then error() says what is wrong with it, and the rest
  // of its line has been skipped, so the next call reads the line after it.
  bool Next(std::vector<std::string>* fields);
  // Empty unless the last Next() met a malformed record.
  const std::string& error() const { return error_; }
  // The line on which the last record read started (1-based).
  int64_t line() const { return record_line_; }

 private:
  // One character, EOF at the end; a line end counts the line.
  int Get();
  int Peek();
  // Reads the rest of a quoted field (after its opening quote) into *field.
  bool ReadQuoted(std::string* field);
  // Skips to the end of the current line and returns false with `message`.
  bool Fail(const char* message);

  std::streambuf& in_;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
  std::string error_;
};

}  // namespace compdata

#endif  // COMPDATA_COMMON_CSV_READER_H_
