#include "core/engine/money.h"

#include <cmath>

namespace compdata::engine {

int64_t HalfCents(double stored) { return std::llround(stored * 200); }

int64_t RoundHalfAway(absl::int128 num, absl::int128 den) {
  // |num / den| + 1/2, floored, is (2 |num| + den) / (2 den).
  if (num >= 0) return static_cast<int64_t>((2 * num + den) / (2 * den));
  return -static_cast<int64_t>((-2 * num + den) / (2 * den));
}

Amount AmountOf(absl::int128 num, absl::int128 den, int units_per_cent) {
  Amount a;
  a.cents = RoundHalfAway(num, den * units_per_cent);
  a.value = static_cast<double>(num) / static_cast<double>(den) /
            (100.0 * units_per_cent);
  return a;
}

Amount StoredAmount(double stored) { return AmountOf(HalfCents(stored), 1, 2); }

Amount InterpolatedUnits(int64_t lo, int64_t hi, const Rank& rank,
                         int units_per_cent) {
  if (rank.rem == 0) return AmountOf(lo, 1, units_per_cent);
  const absl::int128 den(kRankDenominator);
  const absl::int128 num =
      absl::int128(lo) * den + static_cast<absl::int128>(rank.rem) * (hi - lo);
  return AmountOf(num, den, units_per_cent);
}

Amount InterpolatedAmount(double lo, double hi, const Rank& rank) {
  return InterpolatedUnits(HalfCents(lo), HalfCents(hi), rank, 2);
}

Amount MeanAmount(absl::int128 half_cents, int64_t count) {
  return AmountOf(half_cents, count, 2);
}

Amount ShownDifference(const Amount& a, const Amount& b) {
  return Amount{a.value - b.value, a.cents - b.cents};
}

}  // namespace compdata::engine
