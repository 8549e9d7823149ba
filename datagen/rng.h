// Deterministic random numbers for the data generator.
//
// Everything here is defined bit for bit (64-bit integer arithmetic only), so
// the generator's output is identical on every platform and standard library.
// No <random> distributions are used anywhere: their output differs between
// standard library implementations.

#ifndef COMPDATA_DATAGEN_RNG_H_
#define COMPDATA_DATAGEN_RNG_H_

#include <cstdint>

#include "common/rng.h"

namespace compdata::datagen {

// Hash of two words (order matters).
inline uint64_t HashPair(uint64_t a, uint64_t b) {
  return Mix64(Mix64(a) ^ (b * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL));
}

// xoshiro256** (common/rng.h) with the draws the generator needs. A generator
// is created per record from (seed, stream, record index), so every record is a
// pure function of its index: generation needs no state between records.
class Rng {
 public:
  // Offset by one gamma from Xoshiro256's own seeding, which keeps every
  // generated data set as it was before the two generators became one.
  explicit Rng(uint64_t seed) : gen_(seed + kGoldenGamma) {}
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : Rng(HashPair(HashPair(seed, stream), index)) {}

  uint64_t Next() { return gen_.Next(); }

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
  Xoshiro256 gen_;
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
