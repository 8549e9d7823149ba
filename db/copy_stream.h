#ifndef COMPDATA_DB_COPY_STREAM_H_
#define COMPDATA_DB_COPY_STREAM_H_

// Reading COPY ... TO STDOUT text-format output line by line: the snapshot
// loaders stream every bulk table this way.

#include <array>
#include <pqxx/pqxx>
#include <pqxx/stream_from>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace compdata::db {

// One COPY text-format line split into fields (views into the line, no
// allocation); \N is null, which the parsed columns never are.
class CopyLine {
 public:
  static constexpr size_t kMaxFields = 16;

  explicit CopyLine(const std::string& line) {
    absl::string_view rest(line);
    if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
    while (count_ < kMaxFields) {
      const size_t tab = rest.find('\t');
      fields_[count_++] = rest.substr(0, tab);
      if (tab == absl::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
  }
  int64_t Int(size_t i) const {
    int64_t v = 0;
    if (i >= count_ || !absl::SimpleAtoi(fields_[i], &v)) {
      throw std::runtime_error("snapshot: bad integer in COPY output");
    }
    return v;
  }
  double Double(size_t i) const {
    double v = 0;
    if (i >= count_ || !absl::SimpleAtod(fields_[i], &v)) {
      throw std::runtime_error("snapshot: bad number in COPY output");
    }
    return v;
  }
  // The field as text: a view when it has no escapes, else unescaped into
  // `scratch`.
  absl::string_view View(size_t i, std::string* scratch) const {
    const absl::string_view f = fields_[i];
    if (f.find('\\') == absl::string_view::npos) return f;
    scratch->clear();
    for (size_t k = 0; k < f.size(); ++k) {
      if (f[k] != '\\' || k + 1 == f.size()) {
        scratch->push_back(f[k]);
        continue;
      }
      const char c = f[++k];
      switch (c) {
        case 't':
          scratch->push_back('\t');
          break;
        case 'n':
          scratch->push_back('\n');
          break;
        case 'r':
          scratch->push_back('\r');
          break;
        case 'b':
          scratch->push_back('\b');
          break;
        case 'f':
          scratch->push_back('\f');
          break;
        case 'v':
          scratch->push_back('\v');
          break;
        default:
          scratch->push_back(c);
      }
    }
    return *scratch;
  }
  std::string Text(size_t i) const {
    std::string scratch;
    return std::string(View(i, &scratch));
  }
  std::vector<std::string> List(size_t i) const {
    const std::string text = Text(i);
    if (text.empty()) return {};
    return absl::StrSplit(text, '\x1f');
  }

 private:
  std::array<absl::string_view, kMaxFields> fields_;
  size_t count_ = 0;
};

template <typename OnLine>
void Stream(pqxx::work& txn, absl::string_view query, OnLine on_line) {
  pqxx::stream_from stream(txn, std::string(query));
  std::string line;
  while (stream.get_raw_line(line)) {
    on_line(CopyLine(line));
  }
  stream.complete();
}

}  // namespace compdata::db

#endif  // COMPDATA_DB_COPY_STREAM_H_
