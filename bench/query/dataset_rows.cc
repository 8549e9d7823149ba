#include "bench/query/dataset_rows.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "common/rng.h"

namespace compdata::bench::dataset_internal {
namespace {

// ---------------------------------------------------------------------------
// Deterministic randomness: record i of a stream always draws the same values.
// ---------------------------------------------------------------------------

class Rng {
 public:
  Rng(uint64_t stream, int64_t i)
      : state_(Mix64(stream * 0x100000001b3ULL ^ static_cast<uint64_t>(i))) {}
  uint64_t Next() { return state_ = Mix64(state_); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {  // Box-Muller
    const double u = std::max(Uniform(), 1e-300);
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * Uniform());
  }
  // Index into `weights` (need not sum to 1); weights.size() never.
  template <size_t N>
  int Pick(const std::array<double, N>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t k = 0; k < N; ++k) {
      if (x < weights[k]) return static_cast<int>(k);
      x -= weights[k];
    }
    return static_cast<int>(N) - 1;
  }

 private:
  uint64_t state_;
};

constexpr uint64_t kPostingStream = 1;
constexpr uint64_t kSkillStream = 2;
constexpr uint64_t kReportStream = 3;
int64_t RoundCents(double amount, int64_t step_cents) {
  return std::max<int64_t>(
      step_cents, std::llround(amount * 100 / step_cents) * step_cents);
}

}  // namespace

Posting MakePosting(const Tables& t, int64_t i, absl::Time now) {
  Rng rng(kPostingStream, i);
  Posting p;
  p.role = Tables::Sample(t.role_cdf, rng.Uniform());
  const int level = rng.Pick(kPostingLevels);
  p.level = level < 5 ? level : -1;
  p.remote = rng.Chance(0.22);
  const int metro = Tables::Sample(t.metro_cdf, rng.Uniform());
  p.metro = metro < static_cast<int>(t.metro_currency.size()) &&
                    !(p.remote && rng.Chance(0.5))
                ? metro
                : -1;
  p.company = Tables::Sample(t.company_cdf, rng.Uniform());
  p.posted_at = now - absl::Hours(rng.Uniform(1, 540 * 24));
  if (!rng.Chance(0.35)) {
    absl::Time expires = p.posted_at + absl::Hours(rng.Uniform(14, 120) * 24);
    if (expires > now - absl::Hours(1) && expires < now + absl::Hours(48)) {
      expires += absl::Hours(72);  // keep "open now" stable during the run
    }
    p.expires_at = expires;
  }
  p.has_pay = !rng.Chance(0.15);
  if (!p.has_pay) return p;
  p.currency = p.metro >= 0 ? t.metro_currency[p.metro] : "USD";
  const double per_usd = p.metro >= 0 ? t.metro_per_usd[p.metro] : 1;
  const double mid = t.role_median[p.role] *
                     (p.level >= 0 ? kLevelFactor[p.level] : 1) * per_usd *
                     std::exp(0.2 * rng.Normal());
  const double width = mid * rng.Uniform(0.12, 0.4);
  const double lo = mid - width / 2, hi = mid + width / 2;
  const double period = rng.Uniform();
  int64_t factor = 1;
  if (period < 0.85) {
    p.period = "year";
    p.min_cents = RoundCents(lo, 100000);  // whole thousands
    p.max_cents = RoundCents(hi, 100000);
  } else if (period < 0.95) {
    p.period = "hour";
    factor = 2080;
    p.min_cents = RoundCents(lo / 2080, 25);  // quarters of a unit
    p.max_cents = RoundCents(hi / 2080, 25);
  } else {
    p.period = "month";
    factor = 12;
    p.min_cents = RoundCents(lo / 12, 1000);
    p.max_cents = RoundCents(hi / 12, 1000);
  }
  p.max_cents = std::max(p.max_cents, p.min_cents);
  p.annual_min = p.min_cents * factor;
  p.annual_max = p.max_cents * factor;
  return p;
}

void MakeSkills(const Tables& t, int role, int64_t i,
                std::vector<int64_t>* out) {
  Rng rng(kSkillStream, i);
  out->clear();
  for (const auto& [id, p] : t.role_skills[role]) {
    if (rng.Chance(p)) out->push_back(id);
  }
}
Report MakeReport(const Tables& t, int64_t i, absl::Time now) {
  Rng rng(kReportStream, i);
  Report r;
  r.role = Tables::Sample(t.role_cdf, rng.Uniform());
  const int level = rng.Pick(kReportLevels);
  r.level = level < 5 ? level : -1;
  if (r.level >= 0 && !rng.Chance(0.1)) {
    r.years =
        std::round(rng.Uniform(kYearsLow[r.level], kYearsHigh[r.level]) * 10) /
        10;
  }
  r.remote = rng.Chance(0.18);
  const int metro = Tables::Sample(t.metro_cdf, rng.Uniform());
  r.metro = metro < static_cast<int>(t.metro_currency.size()) ? metro : -1;
  r.company = Tables::Sample(t.company_cdf, rng.Uniform());
  r.currency = r.metro >= 0 ? t.metro_currency[r.metro] : "USD";
  const double per_usd = r.metro >= 0 ? t.metro_per_usd[r.metro] : 1;
  const double base = t.role_median[r.role] *
                      (r.level >= 0 ? kLevelFactor[r.level] : 1) * per_usd *
                      std::exp(0.18 * rng.Normal());
  if (rng.Chance(0.95)) {
    r.period = "year";
    r.base = RoundCents(base, 50000);
    r.annual_base = r.base;
  } else {
    r.period = "month";
    r.base = RoundCents(base / 12, 1000);
    r.annual_base = r.base * 12;
  }
  if (rng.Chance(0.7)) r.bonus = RoundCents(base * rng.Uniform(0.05, 0.2), 100);
  if (rng.Chance(0.55)) {
    r.equity = RoundCents(base * rng.Uniform(0.05, 0.6), 100);
  }
  r.reported_at = now - absl::Hours(rng.Uniform(1, 730 * 24));
  return r;
}

}  // namespace compdata::bench::dataset_internal
