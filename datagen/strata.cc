#include "datagen/strata.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace compdata::datagen {

std::vector<int64_t> LargestRemainder(int64_t total,
                                      const std::vector<double>& weights) {
  std::vector<int64_t> parts(weights.size(), 0);
  double sum = 0;
  for (double w : weights) sum += w;
  if (total <= 0 || sum <= 0) return parts;
  std::vector<std::pair<double, size_t>> remainders;
  int64_t assigned = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    // Exact for the integer weights used at the default scale.
    const double quota = static_cast<double>(total) * weights[i] / sum;
    parts[i] = static_cast<int64_t>(std::floor(quota + 1e-9));
    assigned += parts[i];
    remainders.push_back({quota - static_cast<double>(parts[i]), i});
  }
  std::stable_sort(
      remainders.begin(), remainders.end(),
      [](const auto& x, const auto& y) { return x.first > y.first; });
  for (size_t k = 0; assigned < total && k < remainders.size(); ++k) {
    if (weights[remainders[k].second] <= 0) continue;
    ++parts[remainders[k].second];
    ++assigned;
  }
  return parts;
}

AffinePermutation::AffinePermutation(uint64_t n, double fraction,
                                     uint64_t offset)
    : n_(n) {
  if (n_ == 0) return;
  uint64_t a =
      static_cast<uint64_t>(std::llround(static_cast<double>(n_) * fraction)) %
      n_;
  if (a == 0) a = 1;
  while (std::gcd(a, n_) != 1) a = a + 1 < n_ ? a + 1 : 1;
  a_ = a;
  b_ = offset % n_;
}

StrataLayout::StrataLayout(const std::vector<int64_t>& counts, uint64_t seed)
    : counts_(counts) {
  starts_.reserve(counts_.size());
  for (int64_t c : counts_) {
    starts_.push_back(total_);
    total_ += c;
  }
  scramble_ = AffinePermutation(static_cast<uint64_t>(total_),
                                0.6180339887498949, seed);
}

StrataLayout::Slot StrataLayout::Locate(int64_t record) const {
  const int64_t pos =
      static_cast<int64_t>(scramble_(static_cast<uint64_t>(record)));
  // Last stratum whose start <= pos and which is non-empty.
  auto it = std::upper_bound(starts_.begin(), starts_.end(), pos);
  int s = static_cast<int>(it - starts_.begin()) - 1;
  while (counts_[s] == 0) --s;  // empty strata share their start
  return {s, pos - starts_[s], pos};
}

}  // namespace compdata::datagen
