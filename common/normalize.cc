#include "common/normalize.h"

#include "absl/strings/ascii.h"

namespace compdata {

std::string NormalizeKey(absl::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    // '+' and '#' tell C, C++ and C# apart. Bytes >= 0x80 (UTF-8
    // sequences) are kept as they are, so non-ASCII names stay distinct.
    const bool keep = absl::ascii_isalnum(static_cast<unsigned char>(c)) ||
                      c == '+' || c == '#' ||
                      static_cast<unsigned char>(c) >= 0x80;
    if (!keep) {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

}  // namespace compdata
