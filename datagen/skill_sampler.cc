#include "datagen/skill_sampler.h"

#include <algorithm>
#include <cmath>

#include "datagen/normal.h"
#include "datagen/role_profiles.h"
#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

constexpr uint64_t kGoldenStep = FixedPoint(0.6180339887498949);
// Ranks from which skills may be added to fill a posting up.
constexpr int kProtectedRanks = 8;

int PopCount(SkillMask m) {
  int n = 0;
  for (; m != 0; m &= m - 1) ++n;
  return n;
}

// Inclusion mass of the tilted systematic sample over pay quantiles [0, u].
double TiltedMass(double u, double b) {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  return NormalCdf(InverseNormalCdf(u) - b);
}

}  // namespace

SkillSampler::SkillSampler(uint64_t seed, const GroupSizes& group_sizes)
    : seed_(seed) {
  for (int role = 0; role < kNumRoles; ++role) {
    for (int open = 0; open < 2; ++open) {
      perms_[role][open].reserve(kNumSkills);
      for (int s = 0; s < kNumSkills; ++s) {
        const uint64_t key =
            HashPair(seed, (static_cast<uint64_t>(role) << 16) |
                               (static_cast<uint64_t>(open) << 8) |
                               static_cast<uint64_t>(s));
        offsets_[role][open][s] = Mix64(key);
        // Multiplier fraction in [0.2, 0.8): a different permutation per
        // skill.
        perms_[role][open].emplace_back(
            static_cast<uint64_t>(group_sizes[role][open]),
            0.2 + 0.6 * ToUnit(key), key);
      }
    }
  }
}

SkillMask SkillSampler::Premium(int role, bool open, int64_t index,
                                bool has_pay, int64_t cell, int64_t cells,
                                double sigma, int level) const {
  SkillMask mask = 0;
  for (const PremiumSkill& ps : kPremiumSkills) {
    if (ps.role != role) continue;
    if (!has_pay) {
      const uint64_t j =
          perms_[role][open][ps.skill](static_cast<uint64_t>(index));
      if (Kronecker(kGoldenStep, offsets_[role][open][ps.skill], j) <
          ps.share) {
        mask |= Bit(ps.skill);
      }
      continue;
    }
    const double b = ps.shift / sigma;
    const double n = static_cast<double>(cells);
    const double offset =
        ToUnit(HashPair(seed_, (static_cast<uint64_t>(ps.skill) << 8) |
                                   static_cast<uint64_t>(level)));
    const double before =
        n * ps.share * TiltedMass(static_cast<double>(cell) / n, b) + offset;
    const double after =
        n * ps.share * TiltedMass(static_cast<double>(cell + 1) / n, b) +
        offset;
    if (std::floor(after) > std::floor(before)) mask |= Bit(ps.skill);
  }
  return mask;
}

SkillMask SkillSampler::Sample(int role, bool open, int64_t index, bool has_pay,
                               int64_t cell, int64_t cells, double sigma,
                               int level, Rng& rng) const {
  const SkillMask premium =
      Premium(role, open, index, has_pay, cell, cells, sigma, level);
  const RoleProfile& p = GetRoleProfile(role);
  // base_skills is sorted by descending share.
  SkillMask base = 0;
  for (const SkillShare& s : p.base_skills) {
    const uint64_t j =
        perms_[role][open][s.skill](static_cast<uint64_t>(index));
    if (Kronecker(kGoldenStep, offsets_[role][open][s.skill], j) < s.share) {
      base |= Bit(s.skill);
    }
  }
  const int room = kMaxSkills - PopCount(premium);
  for (auto it = p.base_skills.rbegin();
       PopCount(base) > room && it != p.base_skills.rend(); ++it) {
    base &= ~Bit(it->skill);
  }
  const int n = static_cast<int>(p.base_skills.size());
  while (PopCount(base | premium) < kMinSkills) {
    const int pick =
        kProtectedRanks +
        static_cast<int>(rng.Below(static_cast<uint32_t>(n - kProtectedRanks)));
    base |= Bit(p.base_skills[pick].skill);
  }
  return base | premium;
}

}  // namespace compdata::datagen
