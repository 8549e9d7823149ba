#include "core/engine/overlap.h"

#include <algorithm>

#include "core/engine/stats.h"

namespace compdata::engine {

Feasibility FeasibilityFor(double s) {
  if (s >= 0.75) return Feasibility::kEasy;
  if (s >= 0.50) return Feasibility::kFeasibleWithUpskilling;
  if (s >= 0.25) return Feasibility::kChallenging;
  return Feasibility::kDifficult;
}

Overlap ComputeOverlap(const std::vector<int32_t>& a,
                       const std::vector<int32_t>& b) {
  Overlap o;
  auto contains = [](const std::vector<int32_t>& v, int32_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (int32_t s : a) (contains(b, s) ? o.shared : o.unique_a).push_back(s);
  for (int32_t s : b) {
    if (!contains(a, s)) o.unique_b.push_back(s);
  }
  o.overlap_count = static_cast<int>(o.shared.size());
  const size_t larger = std::max(a.size(), b.size());
  o.overlap_share = larger == 0 ? 0 : double(o.overlap_count) / larger;
  std::vector<int32_t> sa(a), sb(b);
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  o.jaccard = Jaccard(sa, sb);
  if (!a.empty() && !b.empty()) o.feasibility = FeasibilityFor(o.overlap_share);
  return o;
}

}  // namespace compdata::engine
