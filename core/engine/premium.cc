#include "core/engine/premium.h"

#include <algorithm>
#include <cmath>

#include "common/rng.h"
#include "core/engine/demand.h"

namespace compdata::engine {
namespace {

bool Lists(const PostingColumns& c, uint32_t record, int32_t skill) {
  const auto begin = c.skills.begin() + c.skill_offsets[record];
  const auto end = c.skills.begin() + c.skill_offsets[record + 1];
  return std::binary_search(begin, end, skill);
}

// Distribution-free 95% interval of a median from order statistics:
// ranks n/2 -+ 1.96 sqrt(n)/2 (1-based), clamped to the sample.
std::pair<double, double> MedianInterval(const std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  const double half_width = 1.959964 * std::sqrt(n) / 2;
  const int64_t lo = std::max<int64_t>(1, std::floor(n / 2 - half_width));
  const int64_t hi =
      std::min<int64_t>(v.size(), std::ceil(n / 2 + half_width + 1));
  return {v[lo - 1], v[hi - 1]};
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

std::vector<Premium> ComputePremiums(const Snapshot& s,
                                     const std::vector<PostingPay>& pay,
                                     const std::vector<int32_t>& skills,
                                     int64_t min_sample, uint64_t seed) {
  std::vector<Premium> out;
  std::vector<double> with, without;
  for (int32_t skill : skills) {
    with.clear();
    without.clear();
    for (const PostingPay& p : pay) {
      (Lists(s.parts[p.part].records->postings, p.record, skill) ? with
                                                                 : without)
          .push_back(p.value);
    }
    Premium r;
    r.skill = skill;
    r.with = static_cast<int64_t>(with.size());
    r.without = static_cast<int64_t>(without.size());
    r.share = pay.empty() ? 0 : double(r.with) / double(pay.size());
    r.quality.postings = r.with + r.without;
    r.quality.sample_size = r.quality.postings;
    if (pay.empty()) {
      r.quality.suppression = Suppression::kNoData;
    } else if (r.with < min_sample || r.without < min_sample) {
      r.quality.suppression = Suppression::kBelowMinSample;
    }
    if (r.quality.withheld()) {
      out.push_back(r);
      continue;
    }
    r.quality.confidence = ConfidenceFor(std::min(r.with, r.without));
    r.median_with = PercentileCont(with, 50);
    r.median_without = PercentileCont(without, 50);
    r.premium = r.median_with - r.median_without;
    r.fraction = r.premium / r.median_without;
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
      r.low = with_lo - without_hi;
      r.high = with_hi - without_lo;
      r.method = IntervalMethod::kOrderStatistic;
    }
    r.impact = ImpactFor(r.fraction, r.low, r.high);
    out.push_back(r);
  }
  return out;
}

}  // namespace compdata::engine
