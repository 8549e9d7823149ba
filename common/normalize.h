#ifndef COMPDATA_COMMON_NORMALIZE_H_
#define COMPDATA_COMMON_NORMALIZE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace compdata {

// The lookup key for names and aliases of roles, skills and metros: ASCII
// lower case, every run of characters other than letters, digits, '+' and '#'
// folded to one space, trimmed. "Retrieval-Augmented  Generation" and
// "retrieval augmented generation" share a key; so do "AI/ML" and "ai ml".
std::string NormalizeKey(absl::string_view name);

}  // namespace compdata

#endif  // COMPDATA_COMMON_NORMALIZE_H_
