#ifndef COMPDATA_CORE_ENGINE_PRIVACY_H_
#define COMPDATA_CORE_ENGINE_PRIVACY_H_

// The privacy model of self-reported pay (D10 in common.proto), enforced in
// one place: SnapshotBuilder::AddReport replaces every pay component of a
// salary report by the midpoint of its pay band before anything else sees
// it, so no statistic, cache or later computation can reach a reported value
// more precisely than its band.
//
// Bands are geometric and about 10% wide, defined in whole cents so that
// PostgreSQL and C++ compute them identically: E(0) = 100 (1.00 of the
// currency), E(k+1) = E(k) + floor(E(k) / 10). A value v in [E(k), E(k+1))
// counts as floor((E(k) + E(k+1)) / 2) cents; a value below E(0) counts as
// 0. This is global recoding (coarsening) of a confidential magnitude, the
// statistical disclosure control salary surveys apply when they publish
// in bands.

#include <cstdint>

namespace compdata::engine {

// The lowest band edge, in cents: values below it count as 0.
inline constexpr int64_t kFirstBandEdgeCents = 100;

struct PayBand {
  int64_t low_cents = 0;   // inclusive
  int64_t high_cents = 0;  // exclusive
  int64_t representative_cents = 0;
};

// The band of a non-negative amount in cents.
PayBand BandOf(int64_t cents);

// The amount a report's pay component counts as in every statistic.
int64_t BandedCents(int64_t cents);

// The smallest width of any band relative to the values it holds: the
// documented precision bound (a band never spans less than this fraction
// of a value in it).
double NarrowestRelativeBand();

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PRIVACY_H_
