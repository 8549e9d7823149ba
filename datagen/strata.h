// Exact quotas without sampling noise: largest-remainder allocation, a
// scrambling permutation of record indices, and a layout of strata (groups
// of records with fixed counts) that maps every record index to its stratum
// and its index inside it, in O(log #strata) and without per-record state.

#ifndef COMPDATA_DATAGEN_STRATA_H_
#define COMPDATA_DATAGEN_STRATA_H_

#include <cstdint>
#include <vector>

namespace compdata::datagen {

// Splits `total` into integer parts proportional to `weights` (Hamilton /
// largest-remainder method; ties go to the lower index). Parts sum to total.
std::vector<int64_t> LargestRemainder(int64_t total,
                                      const std::vector<double>& weights);

// i -> (a * i + b) mod n, a bijection of [0, n) when gcd(a, n) = 1. The
// multiplier is the integer closest to n * fraction that is coprime with n;
// with an irrational fraction consecutive i land far apart.
class AffinePermutation {
 public:
  AffinePermutation() = default;
  AffinePermutation(uint64_t n, double fraction, uint64_t offset);
  uint64_t operator()(uint64_t i) const {
    return n_ == 0 ? 0 : (a_ * (i % n_) + b_) % n_;
  }

 private:
  uint64_t n_ = 0, a_ = 1, b_ = 0;
};

// Strata laid out one after another over [0, total); records are visited in
// the order of a scrambling permutation, so every stratum is spread evenly
// over the output file.
class StrataLayout {
 public:
  StrataLayout() = default;
  // counts[s] = number of records of stratum s.
  StrataLayout(const std::vector<int64_t>& counts, uint64_t seed);

  int64_t total() const { return total_; }
  int64_t count(int stratum) const { return counts_[stratum]; }
  int64_t start(int stratum) const { return starts_[stratum]; }

  struct Slot {
    int stratum;
    int64_t index;     // position inside the stratum, in [0, count)
    int64_t position;  // position in the layout, in [0, total)
  };
  // Slot of record `record` (0-based, in output order).
  Slot Locate(int64_t record) const;

 private:
  std::vector<int64_t> counts_;
  std::vector<int64_t> starts_;
  int64_t total_ = 0;
  AffinePermutation scramble_;
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_STRATA_H_
