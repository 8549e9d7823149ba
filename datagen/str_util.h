// String concatenation for std::string_view pieces (this Abseil release has
// its own absl::string_view, which absl::StrCat requires).

#ifndef COMPDATA_DATAGEN_STR_UTIL_H_
#define COMPDATA_DATAGEN_STR_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace compdata::datagen {

inline std::string ToPiece(std::string_view s) { return std::string(s); }
inline std::string ToPiece(const char* s) { return std::string(s); }
inline std::string ToPiece(const std::string& s) { return s; }
inline std::string ToPiece(int64_t v) { return std::to_string(v); }
inline std::string ToPiece(int v) { return std::to_string(v); }
inline std::string ToPiece(size_t v) { return std::to_string(v); }

template <typename... T>
std::string Cat(const T&... pieces) {
  std::string out;
  (out.append(ToPiece(pieces)), ...);
  return out;
}

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_STR_UTIL_H_
