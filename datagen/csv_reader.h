// Streaming RFC 4180 CSV reader (quoted fields may hold commas, doubled
// quotes and line breaks; rows end with LF or CRLF).

#ifndef COMPDATA_DATAGEN_CSV_READER_H_
#define COMPDATA_DATAGEN_CSV_READER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace compdata::datagen {

class CsvReader {
 public:
  // Does not take ownership of `file`.
  explicit CsvReader(std::FILE* file) : file_(file) {}

  // Reads the next row into *fields. False at end of input or on a malformed
  // row (then error() is non-empty).
  bool Next(std::vector<std::string>* fields);
  const std::string& error() const { return error_; }
  int64_t line() const { return line_; }

 private:
  int Get();
  int Peek();

  std::FILE* file_;
  std::vector<char> buffer_ = std::vector<char>(1 << 16);
  size_t pos_ = 0, end_ = 0;
  int64_t line_ = 0;
  std::string error_;
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CSV_READER_H_
