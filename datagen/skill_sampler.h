// Chooses the skills of a posting.
//
// Base skills: skill s of the role's list is listed when
// frac(o + pi_s(j) * phi) < share_s, where j is the posting's index among the
// N postings of its (role, open) group, pi_s a per-skill affine permutation
// of [0, N) and phi the golden ratio. Over the whole group this is the
// golden-ratio Kronecker sequence, whose discrepancy is the lowest there is,
// so every share is met to within a couple of postings at any scale (stable
// P2 top-8 rankings); the per-skill permutations decorrelate the skills.
// A posting left with fewer than 3 skills gets skills ranked 9th or lower in
// its role's list (at random); one with more than 10 drops its lowest-share
// ones, so the top 8 are untouched either way.
//
// Premium skills (P1, targets.h kPremiumSkills) of postings with pay: within
// the (role, level) pay group the posting's cell q (its pay quantile slice,
// see pay_model.h) is listed by systematic sampling with inclusion
// probability share * exp(b z - b^2 / 2), b = shift / sigma. The cumulative
// inclusion mass up to quantile u is share * Phi(Phi^-1(u) - b), so the
// postings listing the skill have exactly the pay distribution shifted up by
// `shift` and the role's overall pay distribution is unchanged.

#ifndef COMPDATA_DATAGEN_SKILL_SAMPLER_H_
#define COMPDATA_DATAGEN_SKILL_SAMPLER_H_

#include <array>
#include <cstdint>
#include <vector>

#include "datagen/catalog.h"
#include "datagen/rng.h"
#include "datagen/strata.h"

namespace compdata::datagen {

constexpr int kMinSkills = 3;
constexpr int kMaxSkills = 10;

using GroupSizes = std::array<std::array<int64_t, 2>, kNumRoles>;

class SkillSampler {
 public:
  // group_sizes[role][open]: number of postings of each (role, open) group.
  SkillSampler(uint64_t seed, const GroupSizes& group_sizes);

  // All skills of a posting. `index`: its index in its (role, open) group.
  // For postings with pay, `cell` / `cells` locate it in its pay group and
  // `sigma` is its level's sigma.
  SkillMask Sample(int role, bool open, int64_t index, bool has_pay,
                   int64_t cell, int64_t cells, double sigma, int level,
                   Rng& rng) const;

 private:
  SkillMask Premium(int role, bool open, int64_t index, bool has_pay,
                    int64_t cell, int64_t cells, double sigma, int level) const;

  uint64_t seed_;
  // Per (role, open, skill): offset and index permutation.
  std::array<std::array<std::array<uint64_t, kNumSkills>, 2>, kNumRoles>
      offsets_;
  std::array<std::array<std::vector<AffinePermutation>, 2>, kNumRoles> perms_;
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_SKILL_SAMPLER_H_
