// Deterministic random numbers, defined bit for bit (64-bit integer
// arithmetic only), so a seed gives the same draws on every platform and
// standard library. No <random> distributions: their output differs between
// standard library implementations.

#ifndef COMPDATA_COMMON_RNG_H_
#define COMPDATA_COMMON_RNG_H_

#include <cstdint>

namespace compdata {

inline constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

// SplitMix64's step and finaliser: a bijective 64-bit mixing function.
inline uint64_t Mix64(uint64_t x) {
  x += kGoldenGamma;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Maps a 64-bit word to a double in [0, 1) with 53 random bits.
inline double ToUnit(uint64_t x) {
  return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
}

// xoshiro256** (Blackman & Vigna), its state seeded through SplitMix64.
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    for (uint64_t& word : s_) {
      word = Mix64(seed);
      seed += kGoldenGamma;
    }
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace compdata

#endif  // COMPDATA_COMMON_RNG_H_
