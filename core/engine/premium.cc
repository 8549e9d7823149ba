#include "core/engine/premium.h"

#include <algorithm>
#include <cmath>

#include "common/rng.h"
#include "core/engine/demand.h"

namespace compdata::engine {
namespace {

// Distribution-free 95% interval of a median from order statistics:
// ranks n/2 -+ 1.96 sqrt(n)/2 (1-based), clamped to the sample.
std::pair<int64_t, int64_t> MedianInterval(const std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  const double half_width = 1.959964 * std::sqrt(n) / 2;
  const int64_t lo = std::max<int64_t>(1, std::floor(n / 2 - half_width));
  const int64_t hi =
      std::min<int64_t>(v.size(), std::ceil(n / 2 + half_width + 1));
  return {HalfCents(v[lo - 1]), HalfCents(v[hi - 1])};
}

// For each of `skills`, the positions in `pay` (ascending) of the postings
// listing it: one pass over the postings' skill lists for all skills.
std::vector<std::vector<uint32_t>> PositionsListing(
    const Snapshot& s, const std::vector<PostingPay>& pay,
    const std::vector<int32_t>& skills) {
  std::vector<int32_t> slot(s.skills.size(), -1);
  for (size_t i = 0; i < skills.size(); ++i) {
    slot[skills[i]] = static_cast<int32_t>(i);
  }
  std::vector<std::vector<uint32_t>> listing(skills.size());
  for (uint32_t i = 0; i < pay.size(); ++i) {
    const PostingColumns& c = s.parts[pay[i].part].records->postings;
    for (uint32_t k = c.skill_offsets[pay[i].record];
         k < c.skill_offsets[pay[i].record + 1]; ++k) {
      if (slot[c.skills[k]] >= 0) listing[slot[c.skills[k]]].push_back(i);
    }
  }
  return listing;
}

// The pay of the postings at `positions` and of the others, both ascending
// as `pay` is.
void Split(const std::vector<PostingPay>& pay,
           const std::vector<uint32_t>& positions, std::vector<double>* with,
           std::vector<double>* without) {
  with->clear();
  without->clear();
  size_t next = 0;
  for (uint32_t i = 0; i < pay.size(); ++i) {
    if (next < positions.size() && positions[next] == i) {
      with->push_back(pay[i].value);
      ++next;
    } else {
      without->push_back(pay[i].value);
    }
  }
}

Premium PremiumOf(int32_t skill, const std::vector<double>& with,
                  const std::vector<double>& without, size_t postings,
                  int64_t min_sample, uint64_t seed) {
  Premium r;
  r.skill = skill;
  r.with = static_cast<int64_t>(with.size());
  r.without = static_cast<int64_t>(without.size());
  r.share = postings == 0 ? 0 : double(r.with) / double(postings);
  r.quality.postings = r.with + r.without;
  r.quality.sample_size = r.quality.postings;
  if (postings == 0) {
    r.quality.suppression = Suppression::kNoData;
  } else if (r.with < min_sample || r.without < min_sample) {
    r.quality.suppression = Suppression::kBelowMinSample;
  }
  if (r.quality.withheld()) return r;
  r.quality.confidence = ConfidenceFor(std::min(r.with, r.without));
  r.median_with = PercentileAmount(with, 50);
  r.median_without = PercentileAmount(without, 50);
  r.premium = ShownDifference(r.median_with, r.median_without);
  r.fraction = (r.median_with.value - r.median_without.value) /
               r.median_without.value;
  if (r.with + r.without <= kBootstrapLimit) {
    const MedianDifference d = BootstrapMedianDifference(
        with, without, kIntervalLevel, kBootstrapResamples,
        Mix64(seed ^ Mix64(static_cast<uint64_t>(skill))));
    r.low = d.low;
    r.high = d.high;
    r.method = IntervalMethod::kPercentileBootstrap;
  } else {
    const auto [with_lo, with_hi] = MedianInterval(with);
    const auto [without_lo, without_hi] = MedianInterval(without);
    r.low = AmountOf(with_lo - without_hi, 1, 2);
    r.high = AmountOf(with_hi - without_lo, 1, 2);
    r.method = IntervalMethod::kOrderStatistic;
  }
  r.impact = ImpactFor(r.fraction, r.low.value, r.high.value);
  return r;
}

}  // namespace

Impact ImpactFor(double fraction, double low, double high) {
  if (high < 0) return Impact::kNegative;
  if (low > 0 && fraction >= kHighImpact) return Impact::kHigh;
  if (low > 0 && fraction >= kMediumImpact) return Impact::kMedium;
  return Impact::kLow;
}

std::vector<int32_t> TopSkills(const Snapshot& s,
                               const std::vector<PostingPay>& pay, int n) {
  std::vector<int64_t> counts(s.skills.size(), 0);
  for (const PostingPay& p : pay) {
    const PostingColumns& c = s.parts[p.part].records->postings;
    for (uint32_t k = c.skill_offsets[p.record];
         k < c.skill_offsets[p.record + 1]; ++k) {
      ++counts[c.skills[k]];
    }
  }
  std::vector<int32_t> top;
  for (const auto& [skill, count] :
       TopN(Indexed(counts), n, [&](int32_t i) { return s.skills[i].slug; })) {
    top.push_back(skill);
  }
  return top;
}

absl::StatusOr<std::vector<Premium>> ComputePremiums(
    const Snapshot& s, const std::vector<PostingPay>& pay,
    const std::vector<int32_t>& skills, int64_t min_sample, uint64_t seed,
    absl::FunctionRef<bool()> expired) {
  const std::vector<std::vector<uint32_t>> listing =
      PositionsListing(s, pay, skills);
  std::vector<Premium> out;
  std::vector<double> with, without;
  for (size_t i = 0; i < skills.size(); ++i) {
    if (expired()) {
      return absl::DeadlineExceededError(
          "the deadline passed while computing skill premiums");
    }
    Split(pay, listing[i], &with, &without);
    out.push_back(
        PremiumOf(skills[i], with, without, pay.size(), min_sample, seed));
  }
  return out;
}

}  // namespace compdata::engine
