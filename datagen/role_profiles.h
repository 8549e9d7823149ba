// Per-role demand profiles: which skills postings list (with what share),
// where the jobs are, and what the postings are called.

#ifndef COMPDATA_DATAGEN_ROLE_PROFILES_H_
#define COMPDATA_DATAGEN_ROLE_PROFILES_H_

#include <array>
#include <string>
#include <vector>

#include "datagen/catalog.h"

namespace compdata::datagen {

struct SkillShare {
  int skill;
  double share;  // of the role's postings, in [0, 1]
};

struct RoleProfile {
  // The role's skills by descending share (skill_sampler.h); the premium
  // skills of targets.h are drawn separately and are not in this list.
  std::vector<SkillShare> base_skills;
  // Metro weights of the role's non-remote postings (sum 1), in kMetroNames
  // order, and their cumulative sums.
  std::array<double, kNumMetros> metro_weights;
  std::array<double, kNumMetros> metro_cumulative;
};

const RoleProfile& GetRoleProfile(int role);

// Metro weights of non-remote salary reports (cumulative, kMetroNames order).
const std::array<double, kNumMetros>& ReportMetroCumulative();

// Metro for a uniform u in [0, 1) given cumulative weights.
int PickMetro(const std::array<double, kNumMetros>& cumulative, double u);

// Writes the posting title for (role, level) into *out; `pick` chooses among
// the variants (any uint64, e.g. a random word).
void MakeTitle(int role, int level, uint64_t pick, std::string* out);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_ROLE_PROFILES_H_
