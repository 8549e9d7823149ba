#include "datagen/report_generator.h"

#include <cmath>

#include "datagen/civil_time.h"
#include "datagen/companies.h"
#include "datagen/pay_model.h"
#include "datagen/rng.h"
#include "datagen/role_profiles.h"
#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

constexpr uint64_t kStream = 0x7265706f7274ULL;       // "report"
constexpr double kCellFraction = 0.7320508075688772;  // frac(sqrt 3)
// Golden ratio: report ages, a low-discrepancy sequence over the pay cells of
// the (role, level) group.
constexpr uint64_t kAgeStep = FixedPoint(0.6180339887498949);
// Reports are dated uniformly over the window, so their mean age is half of
// it: the trend center.
constexpr double kCenterAgeDays = kWindowDays / 2;
// Share of reports with no bonus / no equity (gen), and the equity factor of
// data scientists (less equity-heavy).
constexpr double kNoBonusShare = 0.15;
constexpr double kNoEquityShare = 0.25;
constexpr double kDataScientistEquityFactor = 0.6;

int64_t Hundreds(double dollars) {
  return static_cast<int64_t>(std::llround(dollars / 100.0)) * 10000;
}

}  // namespace

ReportGenerator::ReportGenerator(int64_t m, uint64_t seed, int64_t as_of)
    : seed_(seed), as_of_(as_of) {
  std::vector<double> role_w(kReportRoleMix.begin(), kReportRoleMix.end());
  const std::vector<int64_t> roles = LargestRemainder(m, role_w);
  std::vector<int64_t> counts;
  for (int role = 0; role < kNumRoles; ++role) {
    const std::vector<double> mix(kLevelMix[role].begin(),
                                  kLevelMix[role].end());
    const std::vector<int64_t> levels = LargestRemainder(roles[role], mix);
    const int64_t remote_total = LargestRemainder(
        roles[role], {kReportRemoteShare, 1 - kReportRemoteShare})[0];
    const std::vector<int64_t> remote = LargestRemainder(
        remote_total, std::vector<double>(levels.begin(), levels.end()));
    for (int level = 0; level < kNumLevels; ++level) {
      for (bool is_remote : {true, false}) {
        const int64_t c =
            is_remote ? remote[level] : levels[level] - remote[level];
        PayGroup& g = pay_groups_[role][level];
        strata_.push_back({role, level, is_remote, g.count,
                           HashPair(seed ^ 0x616765ULL, role * 8 + level)});
        g.count += c;
        counts.push_back(c);
      }
    }
  }
  for (int role = 0; role < kNumRoles; ++role) {
    for (int level = 0; level < kNumLevels; ++level) {
      PayGroup& g = pay_groups_[role][level];
      g.cells = AffinePermutation(static_cast<uint64_t>(g.count), kCellFraction,
                                  HashPair(seed, role * 8 + level));
    }
  }
  layout_ = StrataLayout(counts, HashPair(seed, kStream));
}

void ReportGenerator::Generate(int64_t i, Report* out) const {
  const StrataLayout::Slot slot = layout_.Locate(i);
  const Stratum& s = strata_[slot.stratum];
  Rng rng(seed_, kStream, static_cast<uint64_t>(i));

  out->seq = i + 1;
  out->role = s.role;
  out->level = s.level;
  out->remote = s.remote;
  out->company = PickCompany(s.role, rng.Uniform());
  out->metro =
      s.remote ? kNoMetro : PickMetro(ReportMetroCumulative(), rng.Uniform());
  const double years = rng.Uniform(kYearsMin[s.level], kYearsMax[s.level]);
  out->years_tenths = static_cast<int>(std::floor(years * 10));

  // Pay cell and date are jointly evenly spread (a Fibonacci lattice), so the
  // trend shifts no median.
  const PayGroup& group = pay_groups_[s.role][s.level];
  const int64_t cell = static_cast<int64_t>(
      group.cells(static_cast<uint64_t>(s.pay_offset + slot.index)));
  const int64_t age_min = static_cast<int64_t>(
      Kronecker(kAgeStep, s.age_offset, static_cast<uint64_t>(cell)) *
      kWindowDays * 1440.0);
  out->reported_at = as_of_ - age_min * kSecondsPerMinute;
  const double age_days = static_cast<double>(age_min) / 1440.0;

  const LevelPay params = PayParams(s.role, s.level);
  const double z = StratifiedZ(cell, group.count);
  const double total =
      params.median *
      std::exp(params.sigma * z + TrendLogOffset(age_days, kCenterAgeDays));
  double bonus = 0, equity = 0;
  if (rng.Uniform() >= kNoBonusShare) {
    bonus = total * kBonusShare[s.level] * rng.Uniform(0.5, 1.5);
  }
  if (rng.Uniform() >= kNoEquityShare) {
    equity = total * kEquityShare[s.level] * rng.Uniform(0.5, 1.5);
    if (s.role == kDataScientist) equity *= kDataScientistEquityFactor;
  }
  out->bonus_cents = Hundreds(bonus);
  out->equity_cents = Hundreds(equity);
  out->base_cents = Hundreds(total) - out->bonus_cents - out->equity_cents;
}

}  // namespace compdata::datagen
