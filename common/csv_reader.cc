#include "common/csv_reader.h"

namespace compdata {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

bool IsLineEnd(int c) { return c == '\n' || c == '\r'; }

}  // namespace

int CsvReader::Peek() { return in_.sgetc(); }

int CsvReader::Get() {
  const int c = in_.sbumpc();
  // CRLF is one line end: its LF counts it.
  if (c == '\n' || (c == '\r' && Peek() != '\n')) ++next_line_;
  return c;
}

bool CsvReader::Fail(const char* message) {
  error_ = message;
  for (int c = Peek(); c != kEof && !IsLineEnd(c); c = Peek()) Get();
  if (Get() == '\r' && Peek() == '\n') Get();
  return false;
}

bool CsvReader::ReadQuoted(std::string* field) {
  for (int c = Get(); c != kEof; c = Get()) {
    if (c != '"') {
      field->push_back(static_cast<char>(c));
    } else if (Peek() == '"') {
      Get();
      field->push_back('"');
    } else {
      return true;
    }
  }
  error_ = "quoted field not closed before end of file";
  return false;
}

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  error_.clear();
  if (Peek() == kEof) return false;
  record_line_ = next_line_;
  std::string field;
  bool quoted = false;  // the current field was enclosed in quotes
  for (;;) {
    const int c = Get();
    if (c == ',' || IsLineEnd(c) || c == kEof) {
      fields->push_back(std::move(field));
      field.clear();
      quoted = false;
      if (c == ',') continue;
      if (c == '\r' && Peek() == '\n') Get();
      return true;
    }
    if (quoted) return Fail("text after a closing quote");
    if (c != '"') {
      field.push_back(static_cast<char>(c));
    } else if (!field.empty()) {
      return Fail("quote inside an unquoted field");
    } else if (!ReadQuoted(&field)) {
      return false;
    } else {
      quoted = true;
    }
  }
}

}  // namespace compdata
