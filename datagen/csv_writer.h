// Buffered RFC 4180 CSV writer: fields containing a comma, a double quote, CR
// or LF are enclosed in double quotes with inner quotes doubled. Rows end
// with "\n".

#ifndef COMPDATA_DATAGEN_CSV_WRITER_H_
#define COMPDATA_DATAGEN_CSV_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace compdata::datagen {

class CsvWriter {
 public:
  // Does not take ownership of `file`.
  explicit CsvWriter(std::FILE* file);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  CsvWriter& Field(std::string_view text);  // quoted when needed
  CsvWriter& Empty();
  CsvWriter& Integer(int64_t value);
  // Fixed-point decimals: Cents(15200000) -> "152000.00",
  // Tenths(35) -> "3.5".
  CsvWriter& Cents(int64_t cents);
  CsvWriter& Tenths(int64_t tenths);
  CsvWriter& Timestamp(int64_t unix_seconds);  // RFC 3339 UTC
  void EndRow();

  // Writes the buffer out; false once any write failed.
  bool Flush();
  bool ok() const { return ok_; }

 private:
  void Separator();
  void AppendUnsigned(uint64_t v);

  std::FILE* file_;
  std::string buffer_;
  bool row_start_ = true;
  bool ok_ = true;
};

// The CSV form of one field (for tests and small uses).
std::string CsvEscape(std::string_view text);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CSV_WRITER_H_
