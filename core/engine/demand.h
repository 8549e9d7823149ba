#ifndef COMPDATA_CORE_ENGINE_DEMAND_H_
#define COMPDATA_CORE_ENGINE_DEMAND_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "core/engine/filters.h"
#include "core/engine/snapshot.h"

namespace compdata::engine {

// A posting is open at T when posted_at <= T and (no expiry or T < expiry).
inline bool IsOpen(const PostingColumns& c, uint32_t i, int64_t t) {
  return c.posted_at[i] <= t && t < c.expires_at[i];
}

// Demand figures of one role (D9): the open postings at `at` that match the
// filter's record fields (its date window is replaced by the open rule).
struct Demand {
  int64_t open = 0;
  int64_t remote = 0;
  int64_t by_seniority[kSeniorityLevels] = {};
  std::vector<int64_t> by_skill;  // per skill index
  // The non-zero counts as (index, count) by descending count, ties by name
  // ascending (TopN's order), ranked once when collected: every top-N list
  // of a memoised Demand is then a prefix (Top).
  std::vector<std::pair<int32_t, int64_t>> ranked_skills;
  std::vector<std::pair<int32_t, int64_t>> ranked_metros;
  std::vector<std::pair<int32_t, int64_t>> ranked_companies;
};

// The first `n` entries of a ranked list.
inline absl::Span<const std::pair<int32_t, int64_t>> Top(
    const std::vector<std::pair<int32_t, int64_t>>& ranked, int n) {
  return absl::MakeConstSpan(ranked).first(
      std::min<size_t>(ranked.size(), std::max(n, 0)));
}

Demand CollectDemand(const Snapshot& s, int32_t role, const RecordFilter& f,
                     int64_t at);

// Only open, remote and by_seniority of CollectDemand (by_skill and the
// ranked lists empty): what verdicts and share denominators need, without
// tallying skills, metros and companies.
Demand CountDemand(const Snapshot& s, int32_t role, const RecordFilter& f,
                   int64_t at);

// The top `n` entries of `counts` (index, count) by descending count, ties
// by `name(index)` ascending; zero counts left out.
template <typename NameOf>
std::vector<std::pair<int32_t, int64_t>> TopN(
    std::vector<std::pair<int32_t, int64_t>> counts, int n, NameOf name) {
  counts.erase(std::remove_if(counts.begin(), counts.end(),
                              [](const auto& c) { return c.second == 0; }),
               counts.end());
  auto better = [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return name(a.first) < name(b.first);
  };
  const size_t keep = std::min<size_t>(counts.size(), n);
  std::partial_sort(counts.begin(), counts.begin() + keep, counts.end(),
                    better);
  counts.resize(keep);
  return counts;
}

std::vector<std::pair<int32_t, int64_t>> Indexed(
    const std::vector<int64_t>& counts);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_DEMAND_H_
