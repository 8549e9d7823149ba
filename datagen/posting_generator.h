// Generates job postings: record i is a pure function of (seed, as_of, N, i).
//
// Records are laid out in strata (role, open, level, remote, has pay) whose
// sizes are exact quotas (targets.h), then visited in a scrambled order; see
// strata.h. Pay deviations are stratified over each (role, level) pay group
// (pay_model.h), posting ages per stratum (posting_dates.h); skills and
// metros use low-discrepancy sequences per (role, open) group; the rest
// (company, title, lifetime, pay period, range width) comes from a
// per-record xoshiro stream.

#ifndef COMPDATA_DATAGEN_POSTING_GENERATOR_H_
#define COMPDATA_DATAGEN_POSTING_GENERATOR_H_

#include <array>
#include <cstdint>
#include <vector>

#include "datagen/records.h"
#include "datagen/skill_sampler.h"
#include "datagen/strata.h"

namespace compdata::datagen {

// Number of open postings among n, by role (exact quotas).
std::vector<int64_t> OpenQuotas(int64_t n);

class PostingGenerator {
 public:
  PostingGenerator(int64_t n, uint64_t seed, int64_t as_of);

  int64_t size() const { return layout_.total(); }
  // Fills *out with posting i (0 <= i < size()); reuses out->title's buffer.
  void Generate(int64_t i, Posting* out) const;

 private:
  struct Stratum {
    int role;
    bool open;
    int level;
    bool remote;
    bool pay;
    int64_t group_start;    // layout start of the (role, open) group
    int64_t pay_offset;     // start inside the (role, level) pay group
    int64_t onsite_offset;  // start among the group's non-remote postings
    uint64_t age_offset;
  };
  // Postings with pay of one (role, level): their pay quantile cells.
  struct PayGroup {
    int64_t count = 0;
    AffinePermutation cells;
  };

  uint64_t seed_;
  int64_t as_of_;
  double center_age_days_;
  std::vector<Stratum> strata_;
  std::array<std::array<PayGroup, kNumLevels>, kNumRoles> pay_groups_;
  StrataLayout layout_;
  SkillSampler skills_;
  std::array<std::array<uint64_t, 2>, kNumRoles> metro_offsets_;
  std::array<uint64_t, kNumRoles> unlabeled_offsets_;
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_POSTING_GENERATOR_H_
