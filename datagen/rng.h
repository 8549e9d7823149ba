// Deterministic random numbers for the data generator.
//
// Everything here is defined bit for bit (64-bit integer arithmetic only), so
// the generator's output is identical on every platform and standard library.
// No <random> distributions are used anywhere: their output differs between
// standard library implementations.

#ifndef COMPDATA_DATAGEN_RNG_H_
#define COMPDATA_DATAGEN_RNG_H_

#include <cstdint>

namespace compdata::datagen {

// SplitMix64 finaliser: a bijective 64-bit mixing function.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hash of two words (order matters).
inline uint64_t HashPair(uint64_t a, uint64_t b) {
  return Mix64(Mix64(a) ^ (b * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL));
}

// Maps a 64-bit word to a double in [0, 1) with 53 random bits.
inline double ToUnit(uint64_t x) {
  return static_cast<double>(x >> 11) * (1.0 / 9007199254740992.0);
}

// xoshiro256** (Blackman & Vigna), seeded through SplitMix64. A generator is
// created per record from (seed, stream, record index), so every record is a
// pure function of its index: generation needs no state between records.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) {
      x += 0x9e3779b97f4a7c15ULL;
      s = Mix64(x);
    }
  }
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : Rng(HashPair(HashPair(seed, stream), index)) {}

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

  // Uniform in [0, 1).
  double Uniform() { return ToUnit(Next()); }
  // Uniform in (0, 1): never exactly 0, safe for log() and inverse CDFs.
  double UniformOpen() {
    return (static_cast<double>(Next() >> 11) + 0.5) *
           (1.0 / 9007199254740992.0);
  }
  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; the bias is
  // below 2^-32 for the n used here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * n) >> 32);
  }
  // True with probability p.
  bool Bernoulli(double p) { return Uniform() < p; }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Low-discrepancy (Kronecker / Weyl) sequence value frac(offset + j * alpha)
// computed exactly in 64-bit fixed point: `step` is alpha * 2^64. Over any
// set of consecutive j (or any union of such runs) the values are spread
// almost perfectly evenly over [0, 1), which is how the generator hits share
// targets at every scale without random sampling noise.
inline double Kronecker(uint64_t step, uint64_t offset, uint64_t j) {
  return ToUnit(offset + j * step);
}

// alpha * 2^64 for an alpha in (0, 1).
constexpr uint64_t FixedPoint(double alpha) {
  return static_cast<uint64_t>(alpha * 18446744073709551616.0);
}

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_RNG_H_
