#include "core/engine/related.h"

#include <algorithm>

namespace compdata::engine {

double Relatedness(const RelatedCandidate& c) {
  return 0.5 * c.jaccard + 0.5 * std::max(c.weight_to, c.weight_from);
}

std::vector<RelatedCandidate> RankRelated(
    std::vector<RelatedCandidate> candidates, size_t max_results,
    const std::function<const std::string&(int32_t)>& slug_of) {
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [](const RelatedCandidate& c) {
                                    return c.overlap_count == 0 && !c.has_to &&
                                           !c.has_from;
                                  }),
                   candidates.end());
  for (RelatedCandidate& c : candidates) c.relatedness = Relatedness(c);
  std::sort(candidates.begin(), candidates.end(),
            [&](const RelatedCandidate& a, const RelatedCandidate& b) {
              if (a.relatedness != b.relatedness) {
                return a.relatedness > b.relatedness;
              }
              return slug_of(a.role) < slug_of(b.role);
            });
  if (candidates.size() > max_results) candidates.resize(max_results);
  return candidates;
}

}  // namespace compdata::engine
