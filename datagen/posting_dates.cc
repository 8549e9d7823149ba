#include "datagen/posting_dates.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "datagen/civil_time.h"
#include "datagen/records.h"
#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

constexpr int kCells = 14600;  // 0.05-day integration / inversion grid
constexpr double kMinutesPerDay = 1440.0;

struct LifetimeType {
  double share, min_days, max_days;
};
constexpr LifetimeType kFixed = {kFixedExpiryShare, kFixedExpiryMinDays,
                                 kFixedExpiryMaxDays};
constexpr LifetimeType kUntil = {1 - kFixedExpiryShare, kUntilUpdatedMinDays,
                                 kUntilUpdatedMaxDays};

// P(L > a) for one lifetime type.
double Survival(const LifetimeType& t, double a) {
  if (a < t.min_days) return 1.0;
  if (a >= t.max_days) return 0.0;
  return (t.max_days - a) / (t.max_days - t.min_days);
}
double Survival(double a) {
  return kFixed.share * Survival(kFixed, a) +
         kUntil.share * Survival(kUntil, a);
}

// Cumulative weights of the open / closed conditional age densities at the
// cell boundaries (cum[0] = 0), plus first moments.
struct AgeTables {
  std::vector<double> open, closed;
  double open_mean, closed_mean;
};

const AgeTables& Tables() {
  static const AgeTables* tables = [] {
    auto* t = new AgeTables;
    const double r = std::log(2.0) / kVolumeDoublingDays;
    const double h = kWindowDays / kCells;
    t->open.assign(kCells + 1, 0.0);
    t->closed.assign(kCells + 1, 0.0);
    double open_a = 0, closed_a = 0;
    for (int i = 0; i < kCells; ++i) {
      const double a = (i + 0.5) * h;
      const double w = std::exp(-r * a) * h;
      const double s = Survival(a);
      t->open[i + 1] = t->open[i] + w * s;
      t->closed[i + 1] = t->closed[i] + w * (1 - s);
      open_a += w * s * a;
      closed_a += w * (1 - s) * a;
    }
    t->open_mean = open_a / t->open[kCells];
    t->closed_mean = closed_a / t->closed[kCells];
    return t;
  }();
  return *tables;
}

// Inverse of the tabulated CDF (linear inside a cell).
double InvertAge(const std::vector<double>& cum, double u) {
  const double target = u * cum.back();
  const size_t i = static_cast<size_t>(
      std::upper_bound(cum.begin(), cum.end(), target) - cum.begin());
  const size_t cell = std::clamp<size_t>(i, 1, kCells) - 1;
  const double width = cum[cell + 1] - cum[cell];
  const double frac = width > 0 ? (target - cum[cell]) / width : 0.5;
  return (static_cast<double>(cell) + std::clamp(frac, 0.0, 1.0)) *
         (kWindowDays / kCells);
}

}  // namespace

PostingDates SamplePostingDates(bool open, double u, int64_t as_of, Rng& rng) {
  const AgeTables& t = Tables();
  const double age = InvertAge(open ? t.open : t.closed, u);
  const int64_t max_age_min =
      static_cast<int64_t>(kWindowDays * kMinutesPerDay) - 1;
  int64_t age_min =
      std::min(static_cast<int64_t>(age * kMinutesPerDay), max_age_min);

  // Lifetime type given open (L > age) or closed (L <= age), then L uniform
  // on the part of the type's range that agrees.
  const double w_fixed =
      kFixed.share * (open ? Survival(kFixed, age) : 1 - Survival(kFixed, age));
  const double w_until =
      kUntil.share * (open ? Survival(kUntil, age) : 1 - Survival(kUntil, age));
  const bool fixed =
      rng.Uniform() * (w_fixed + w_until) < w_fixed && w_fixed > 0;
  const LifetimeType& type = fixed ? kFixed : kUntil;
  const double lo = open ? std::max(type.min_days, age) : type.min_days;
  const double hi = open ? type.max_days : std::min(type.max_days, age);
  const int64_t life_min =
      static_cast<int64_t>(rng.Uniform(lo, std::max(lo, hi)) * kMinutesPerDay);

  PostingDates d;
  if (!open && life_min > age_min) age_min = life_min;  // rounding guard
  d.posted_at = as_of - age_min * kSecondsPerMinute;
  d.age_days = static_cast<double>(age_min) / kMinutesPerDay;
  if (open) {
    d.expires_at = fixed ? std::max(d.posted_at + life_min * kSecondsPerMinute,
                                    as_of + kSecondsPerMinute)
                         : kNoTime;
  } else {
    d.expires_at = d.posted_at + life_min * kSecondsPerMinute;
  }
  return d;
}

double MeanPostingAgeDays(double open_fraction) {
  const AgeTables& t = Tables();
  return open_fraction * t.open_mean + (1 - open_fraction) * t.closed_mean;
}

double ModelOpenFraction() {
  const AgeTables& t = Tables();
  return t.open.back() / (t.open.back() + t.closed.back());
}

}  // namespace compdata::datagen
