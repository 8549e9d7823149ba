#include "datagen/posting_generator.h"

#include <cmath>

#include "datagen/companies.h"
#include "datagen/pay_model.h"
#include "datagen/posting_dates.h"
#include "datagen/records.h"
#include "datagen/rng.h"
#include "datagen/role_profiles.h"
#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

constexpr uint64_t kStream = 0x706f7374696e67ULL;  // "posting"
// frac(sqrt 3): multiplier of the cell permutation of a pay group.
constexpr double kCellFraction = 0.7320508075688772;
// Steps of the low-discrepancy sequences, all with small continued-fraction
// terms (even spreading from the first few records on): frac(sqrt 7) for
// metros, the golden ratio for ages and for the empty-seniority choice over
// pay cells, frac(sqrt 2) for that choice among postings without pay.
constexpr uint64_t kMetroStep = FixedPoint(0.6457513110645906);
constexpr uint64_t kGoldenStep = FixedPoint(0.6180339887498949);
constexpr uint64_t kSqrt2Step = FixedPoint(0.4142135623730950);

std::vector<double> ToVector(const std::array<double, kNumLevels>& a) {
  return std::vector<double>(a.begin(), a.end());
}

// Rounds dollars to a multiple of `step` dollars, returned in cents.
int64_t RoundedCents(double dollars, double step) {
  return static_cast<int64_t>(std::llround(dollars / step)) *
         static_cast<int64_t>(std::llround(step * 100));
}

// The advertised pay of a posting paying `annual` a year: a pay period and a
// range around `annual`, rounded as employers round such amounts. Draws from
// `rng` in a fixed order, so a record's values never change.
void SetAdvertisedPay(double annual, Rng& rng, Posting* out) {
  const double period_u = rng.Uniform();
  const double half_width = rng.Uniform(kRangeHalfWidthMin, kRangeHalfWidthMax);
  double step;  // rounding of advertised amounts, in dollars
  if (period_u < kHourShare) {
    out->pay_period = kHour;
    step = 0.5;
  } else if (period_u < kHourShare + kMonthShare) {
    out->pay_period = kMonth;
    step = 10;
  } else {
    out->pay_period = kYear;
    step = 1000;
  }
  const double per_period = annual / kAnnualisation[out->pay_period];
  out->pay_min_cents = RoundedCents(per_period * (1 - half_width), step);
  out->pay_max_cents = RoundedCents(per_period * (1 + half_width), step);
  if (out->pay_min_cents <= 0) out->pay_min_cents = RoundedCents(step, step);
  if (out->pay_max_cents < out->pay_min_cents) {
    out->pay_max_cents = out->pay_min_cents;
  }
}

struct Counts {
  std::vector<int64_t> open, closed;
  GroupSizes groups;
};

Counts RoleCounts(int64_t n) {
  Counts c;
  c.open = OpenQuotas(n);
  int64_t open_total = 0;
  for (int64_t o : c.open) open_total += o;
  c.closed = LargestRemainder(
      n - open_total,
      std::vector<double>(kOpenAtDefault.begin(), kOpenAtDefault.end()));
  for (int r = 0; r < kNumRoles; ++r) c.groups[r] = {c.closed[r], c.open[r]};
  return c;
}

}  // namespace

std::vector<int64_t> OpenQuotas(int64_t n) {
  const int64_t open_total =
      (n * kOpenTotalAtDefault + kDefaultPostings / 2) / kDefaultPostings;
  std::vector<double> w(kOpenAtDefault.begin(), kOpenAtDefault.end());
  return LargestRemainder(open_total, w);
}

PostingGenerator::PostingGenerator(int64_t n, uint64_t seed, int64_t as_of)
    : seed_(seed), as_of_(as_of), skills_(seed, RoleCounts(n).groups) {
  const Counts role_counts = RoleCounts(n);
  int64_t open_total = 0;
  for (int64_t c : role_counts.open) open_total += c;
  center_age_days_ = MeanPostingAgeDays(
      n > 0 ? static_cast<double>(open_total) / static_cast<double>(n) : 0);

  std::vector<int64_t> counts;
  int64_t position = 0;
  for (int role = 0; role < kNumRoles; ++role) {
    for (bool is_open : {true, false}) {
      const int64_t n_group =
          is_open ? role_counts.open[role] : role_counts.closed[role];
      const int64_t group_start = position;
      int64_t onsite = 0;
      const std::vector<int64_t> levels =
          LargestRemainder(n_group, ToVector(kLevelMix[role]));
      const int64_t remote_total = LargestRemainder(
          n_group, {kRemoteShare[role], 1 - kRemoteShare[role]})[0];
      const std::vector<int64_t> remote = LargestRemainder(
          remote_total, std::vector<double>(levels.begin(), levels.end()));
      for (int level = 0; level < kNumLevels; ++level) {
        for (bool is_remote : {true, false}) {
          const int64_t n_cell =
              is_remote ? remote[level] : levels[level] - remote[level];
          const std::vector<int64_t> pay =
              LargestRemainder(n_cell, {kPayShare, 1 - kPayShare});
          for (bool has_pay : {true, false}) {
            const int64_t c = has_pay ? pay[0] : pay[1];
            PayGroup& g = pay_groups_[role][level];
            strata_.push_back({role, is_open, level, is_remote, has_pay,
                               group_start, has_pay ? g.count : 0, onsite,
                               HashPair(seed ^ 0x616765ULL, strata_.size())});
            if (has_pay) g.count += c;
            if (!is_remote) onsite += c;
            counts.push_back(c);
            position += c;
          }
        }
      }
    }
  }
  for (int role = 0; role < kNumRoles; ++role) {
    for (int level = 0; level < kNumLevels; ++level) {
      PayGroup& g = pay_groups_[role][level];
      g.cells = AffinePermutation(static_cast<uint64_t>(g.count), kCellFraction,
                                  HashPair(seed, role * 8 + level));
    }
    metro_offsets_[role] = {HashPair(seed, 100 + role),
                            HashPair(seed, 200 + role)};
    unlabeled_offsets_[role] = HashPair(seed, 300 + role);
  }
  layout_ = StrataLayout(counts, HashPair(seed, kStream));
}

void PostingGenerator::Generate(int64_t i, Posting* out) const {
  const StrataLayout::Slot slot = layout_.Locate(i);
  const Stratum& s = strata_[slot.stratum];
  const int64_t group_index = slot.position - s.group_start;
  const uint64_t j = static_cast<uint64_t>(slot.index);
  Rng rng(seed_, kStream, static_cast<uint64_t>(i));

  out->seq = i + 1;
  out->role = s.role;
  out->remote = s.remote;
  out->has_pay = s.pay;
  const PayGroup& group = pay_groups_[s.role][s.level];
  // Pay quantile cell (postings with pay): see pay_model.h.
  const int64_t cell =
      s.pay ? static_cast<int64_t>(
                  group.cells(static_cast<uint64_t>(s.pay_offset + slot.index)))
            : 0;
  // Seniority left empty: spread evenly over the pay cells, so the labelled
  // postings keep the level's pay distribution.
  out->level = s.level;
  if (kUnlabeledShare[s.role] > 0 &&
      (s.pay ? Kronecker(kGoldenStep, unlabeled_offsets_[s.role],
                         static_cast<uint64_t>(cell))
             : Kronecker(kSqrt2Step, unlabeled_offsets_[s.role], j)) <
          kUnlabeledShare[s.role]) {
    out->level = kNoLevel;
  }
  const RoleProfile& profile = GetRoleProfile(s.role);
  out->metro =
      s.remote
          ? kNoMetro
          : PickMetro(
                profile.metro_cumulative,
                Kronecker(kMetroStep, metro_offsets_[s.role][s.open],
                          static_cast<uint64_t>(s.onsite_offset + slot.index)));
  out->company = PickCompany(s.role, rng.Uniform());
  MakeTitle(s.role, out->level, rng.Next(), &out->title);

  const PostingDates dates = SamplePostingDates(
      s.open, Kronecker(kGoldenStep, s.age_offset, j), as_of_, rng);
  out->posted_at = dates.posted_at;
  out->expires_at = dates.expires_at;

  const LevelPay params = PayParams(s.role, s.level);
  if (s.pay) {
    const double z = StratifiedZ(cell, group.count);
    const double annual =
        params.median *
        std::exp(params.sigma * z +
                 TrendLogOffset(dates.age_days, center_age_days_));
    SetAdvertisedPay(annual, rng, out);
  } else {
    out->pay_period = kYear;
    out->pay_min_cents = out->pay_max_cents = 0;
  }
  out->skills = skills_.Sample(s.role, s.open, group_index, s.pay, cell,
                               group.count, params.sigma, s.level, rng);
}

}  // namespace compdata::datagen
