#ifndef COMPDATA_TESTS_QUERY_RNG_UTIL_H_
#define COMPDATA_TESTS_QUERY_RNG_UTIL_H_

// Small helpers over the tests' seeded generator (std::mt19937_64, so a
// seed gives the same data and requests on every run with this libstdc++).

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"

namespace compdata::testing::query {

using Rng = std::mt19937_64;

inline double Uniform(Rng& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}
inline int64_t UniformInt(Rng& rng, int64_t lo, int64_t hi) {  // inclusive
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}
inline bool Chance(Rng& rng, double p) { return Uniform(rng, 0, 1) < p; }
template <typename T>
const T& Pick(Rng& rng, const std::vector<T>& v) {
  return v[static_cast<size_t>(UniformInt(rng, 0, v.size() - 1))];
}
inline int Weighted(Rng& rng, const std::vector<double>& weights) {
  return std::discrete_distribution<int>(weights.begin(), weights.end())(rng);
}

// The string as is, or in lower or upper case (ASCII).
inline std::string CaseVariant(Rng& rng, const std::string& s) {
  const double r = Uniform(rng, 0, 1);
  if (r < 0.15) return absl::AsciiStrToLower(s);
  if (r < 0.3) return absl::AsciiStrToUpper(s);
  return s;
}

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_RNG_UTIL_H_
