#include "datagen/csv_writer.h"

#include "datagen/civil_time.h"

namespace compdata::datagen {
namespace {

constexpr size_t kFlushAt = 1 << 20;

bool NeedsQuotes(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

CsvWriter::CsvWriter(std::FILE* file) : file_(file) {
  buffer_.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter() { Flush(); }

void CsvWriter::Separator() {
  if (!row_start_) buffer_.push_back(',');
  row_start_ = false;
}

void CsvWriter::AppendUnsigned(uint64_t v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) buffer_.push_back(digits[--n]);
}

CsvWriter& CsvWriter::Field(std::string_view text) {
  Separator();
  if (!NeedsQuotes(text)) {
    buffer_.append(text);
    return *this;
  }
  buffer_.push_back('"');
  for (char c : text) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
  return *this;
}

CsvWriter& CsvWriter::Empty() {
  Separator();
  return *this;
}

CsvWriter& CsvWriter::Integer(int64_t value) {
  Separator();
  if (value < 0) buffer_.push_back('-');
  AppendUnsigned(value < 0 ? 0 - static_cast<uint64_t>(value)
                           : static_cast<uint64_t>(value));
  return *this;
}

CsvWriter& CsvWriter::Cents(int64_t cents) {
  Separator();
  if (cents < 0) buffer_.push_back('-');
  const uint64_t v = cents < 0 ? 0 - static_cast<uint64_t>(cents)
                               : static_cast<uint64_t>(cents);
  AppendUnsigned(v / 100);
  buffer_.push_back('.');
  buffer_.push_back(static_cast<char>('0' + v % 100 / 10));
  buffer_.push_back(static_cast<char>('0' + v % 10));
  return *this;
}

CsvWriter& CsvWriter::Tenths(int64_t tenths) {
  Separator();
  if (tenths < 0) buffer_.push_back('-');
  const uint64_t v = tenths < 0 ? 0 - static_cast<uint64_t>(tenths)
                                : static_cast<uint64_t>(tenths);
  AppendUnsigned(v / 10);
  buffer_.push_back('.');
  buffer_.push_back(static_cast<char>('0' + v % 10));
  return *this;
}

CsvWriter& CsvWriter::Timestamp(int64_t unix_seconds) {
  Separator();
  char text[kRfc3339Length];
  FormatRfc3339(unix_seconds, text);
  buffer_.append(text, kRfc3339Length);
  return *this;
}

void CsvWriter::EndRow() {
  buffer_.push_back('\n');
  row_start_ = true;
  if (buffer_.size() >= kFlushAt) Flush();
}

bool CsvWriter::Flush() {
  if (!buffer_.empty() && ok_) {
    ok_ =
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_) == buffer_.size();
  }
  buffer_.clear();
  if (ok_) ok_ = std::fflush(file_) == 0;
  return ok_;
}

std::string CsvEscape(std::string_view text) {
  if (!NeedsQuotes(text)) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace compdata::datagen
