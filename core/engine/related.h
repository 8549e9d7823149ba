#ifndef COMPDATA_CORE_ENGINE_RELATED_H_
#define COMPDATA_CORE_ENGINE_RELATED_H_

// Related roles (GetRelatedRoles): the roles that share a top skill with a
// role or are linked to it by a move, scored and ranked.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace compdata::engine {

// One candidate with what relates it to the requested role.
struct RelatedCandidate {
  int32_t role = 0;
  int overlap_count = 0;  // shared top skills
  double jaccard = 0;     // of the two top-skill lists
  // The moves requested -> candidate and candidate -> requested; weight 0
  // when there is none.
  bool has_to = false;
  double weight_to = 0;
  bool has_from = false;
  double weight_from = 0;
  double relatedness = 0;  // set by RankRelated
};

// 0.5 x jaccard + 0.5 x the larger of the two weights, in [0, 1].
double Relatedness(const RelatedCandidate& c);

// The candidates with a shared top skill or a move, scored, by descending
// relatedness, ties by slug ascending; at most `max_results`.
std::vector<RelatedCandidate> RankRelated(
    std::vector<RelatedCandidate> candidates, size_t max_results,
    const std::function<const std::string&(int32_t)>& slug_of);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_RELATED_H_
