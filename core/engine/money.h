#ifndef COMPDATA_CORE_ENGINE_MONEY_H_
#define COMPDATA_CORE_ENGINE_MONEY_H_

// Amounts rounded to the cent exactly (D1: half away from zero), in integer
// arithmetic. Rounding the double a statistic comes out as would put a value
// that is exactly half a cent (a posting's midpoint, the mean of two cents)
// on either side of the tie, depending on binary representation error.
//
// Every stored pay value is a whole number of half cents (a report's
// banded cents; a posting's midpoint of two amounts in cents) held in a
// double; HalfCents() gets that number back exactly. Statistics are then
// exact fractions of such numbers, rounded once.

#include <cstdint>

#include "absl/numeric/int128.h"
#include "core/engine/percentile_rank.h"

namespace compdata::engine {

// One computed amount: its value for ratios and comparisons, and the cents
// it is shown as.
struct Amount {
  double value = 0;
  int64_t cents = 0;
  bool operator==(const Amount& o) const {
    return value == o.value && cents == o.cents;
  }
};

// The whole number of half cents a stored pay value holds. Exact for the
// values the database can hold (numeric(14, 2): below 10^12).
int64_t HalfCents(double stored);

// num / den rounded half away from zero; den > 0.
int64_t RoundHalfAway(absl::int128 num, absl::int128 den);

// The amount num / den units, where a cent is `units_per_cent` units.
Amount AmountOf(absl::int128 num, absl::int128 den, int units_per_cent);

// A stored pay value (a minimum, a maximum).
Amount StoredAmount(double stored);

// lo + frac (hi - lo) for whole units lo <= hi (a cent is `units_per_cent`
// of them) and the exact fraction of `rank` (D4).
Amount InterpolatedUnits(int64_t lo, int64_t hi, const Rank& rank,
                         int units_per_cent);

// The same for stored values (whole half cents).
Amount InterpolatedAmount(double lo, double hi, const Rank& rank);

// The arithmetic mean of `count` stored values summing to `half_cents`.
Amount MeanAmount(absl::int128 half_cents, int64_t count);

// a - b as shown: the difference of the two shown amounts, so a page that
// prints all three adds up.
Amount ShownDifference(const Amount& a, const Amount& b);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_MONEY_H_
