#include "datagen/csv_reader.h"

namespace compdata::datagen {

int CsvReader::Peek() {
  if (pos_ == end_) {
    end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    pos_ = 0;
    if (end_ == 0) return EOF;
  }
  return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::Get() {
  const int c = Peek();
  if (c != EOF) ++pos_;
  return c;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  if (Peek() == EOF) return false;
  ++line_;
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // current field started with a quote
  for (;;) {
    const int c = Get();
    if (quoted) {
      if (c == EOF) {
        error_ = "line " + std::to_string(line_) + ": unterminated quote";
        return false;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field.push_back('"');
        } else {
          quoted = false;
        }
      } else {
        field.push_back(static_cast<char>(c));
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted) {
        error_ = "line " + std::to_string(line_) + ": stray quote";
        return false;
      }
      quoted = was_quoted = true;
      continue;
    }
    if (c == ',' || c == '\n' || c == '\r' || c == EOF) {
      if (c == '\r' && Peek() == '\n') Get();
      fields->push_back(std::move(field));
      field.clear();
      was_quoted = false;
      if (c != ',') return true;
      continue;
    }
    if (was_quoted) {
      error_ = "line " + std::to_string(line_) + ": text after closing quote";
      return false;
    }
    field.push_back(static_cast<char>(c));
  }
}

}  // namespace compdata::datagen
