#include "client/csv_reader.h"

namespace compdata {

bool CsvReader::Next(std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  std::string line;
  if (!std::getline(in_, line)) return false;
  record_line_ = next_line_++;
  std::string field;
  bool quoted = false;
  size_t i = 0;
  while (true) {
    if (i == line.size()) {
      if (!quoted) break;
      // A newline inside quotes belongs to the field.
      if (!std::getline(in_, line)) {
        *error = "quoted field not closed before end of file";
        return false;
      }
      ++next_line_;
      field.push_back('\n');
      i = 0;
      continue;
    }
    const char c = line[i++];
    if (quoted) {
      if (c != '"') {
        field.push_back(c);
      } else if (i < line.size() && line[i] == '"') {
        field.push_back('"');
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i == line.size()) {
      // CRLF line end.
    } else {
      field.push_back(c);
    }
  }
  fields->push_back(std::move(field));
  return true;
}

}  // namespace compdata
