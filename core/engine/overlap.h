#ifndef COMPDATA_CORE_ENGINE_OVERLAP_H_
#define COMPDATA_CORE_ENGINE_OVERLAP_H_

#include <cstdint>
#include <vector>

namespace compdata::engine {

// Mirrors the API's SwitchingFeasibility numbering and thresholds.
enum class Feasibility {
  kUnknown = 0,
  kEasy = 1,
  kFeasibleWithUpskilling = 2,
  kChallenging = 3,
  kDifficult = 4
};

struct Overlap {
  std::vector<int32_t> shared;    // skill indexes in both lists
  std::vector<int32_t> unique_a;  // in a's order
  std::vector<int32_t> unique_b;
  int overlap_count = 0;
  double overlap_share = 0;  // overlap_count / max(|a|, |b|)
  double jaccard = 0;
  Feasibility feasibility = Feasibility::kUnknown;
};

// Overlap of two top-skill lists (skill indexes, each without repeats).
// Feasibility is kUnknown when either list is empty.
Overlap ComputeOverlap(const std::vector<int32_t>& a,
                       const std::vector<int32_t>& b);

Feasibility FeasibilityFor(double overlap_share);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_OVERLAP_H_
