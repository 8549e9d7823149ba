// Skill premiums: the split by skill against brute force, and the deadline
// asked inside the computation (a caller that gave up stops it).

#include "core/engine/premium.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/engine/snapshot_builder.h"

namespace compdata::engine {
namespace {

constexpr int kSkills = 6;

class PremiumTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SnapshotBuilder b;
    Role role;
    role.slug = "ai-engineer";
    b.AddRole(1, role);
    for (int k = 1; k <= kSkills; ++k) {
      b.AddSkill(SkillEntry{k, "skill-" + std::to_string(k), "S", "", "", {}});
    }
    std::mt19937 rng(3);
    for (int i = 0; i < 4000; ++i) {
      SnapshotBuilder::Posting p;
      p.role_id = 1;
      p.currency = "USD";
      p.pay = 60000 + static_cast<double>(rng() % 4000) * 25.5;
      std::vector<int64_t> skills;
      for (int k = 1; k <= kSkills; ++k) {
        // Skill k is listed by about k/8 of the postings and pays k% more.
        if (rng() % 8 < static_cast<unsigned>(k)) {
          skills.push_back(k);
          p.pay *= 1 + k / 100.0;
        }
      }
      p.pay = std::round(p.pay * 100) / 100;
      b.AddPosting(i, p);
      for (int64_t k : skills) b.AddPostingSkill(i, k);
      listed_.push_back(skills);
      pay_.push_back(p.pay);
    }
    snapshot_ = b.Build(DataVersion{1, absl::Now()});
    PayQuery q;
    q.role = 0;
    q.component = Component::kBase;
    q.currency = 0;
    postings_ = CollectPostingPay(*snapshot_, q);
    for (int32_t k = 0; k < kSkills; ++k) skills_.push_back(k);
  }

  std::vector<std::vector<int64_t>> listed_;  // skill ids per posting
  std::vector<double> pay_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<PostingPay> postings_;
  std::vector<int32_t> skills_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return PercentileCont(v, 50);
}

TEST_F(PremiumTest, MediansWithAndWithoutMatchBruteForce) {
  ASSERT_EQ(postings_.size(), pay_.size());
  const absl::StatusOr<std::vector<Premium>> premiums = ComputePremiums(
      *snapshot_, postings_, skills_, 5, 11, [] { return false; });
  ASSERT_TRUE(premiums.ok()) << premiums.status();
  ASSERT_EQ(premiums->size(), skills_.size());
  for (const Premium& p : *premiums) {
    const int64_t id = snapshot_->skills[p.skill].id;
    std::vector<double> with, without;
    for (size_t i = 0; i < pay_.size(); ++i) {
      const bool lists = std::count(listed_[i].begin(), listed_[i].end(), id);
      (lists ? with : without).push_back(pay_[i]);
    }
    EXPECT_EQ(p.with, static_cast<int64_t>(with.size())) << id;
    EXPECT_EQ(p.without, static_cast<int64_t>(without.size())) << id;
    EXPECT_DOUBLE_EQ(p.median_with.value, Median(with)) << id;
    EXPECT_DOUBLE_EQ(p.median_without.value, Median(without)) << id;
    EXPECT_LE(p.low.cents, p.premium.cents) << id;
    EXPECT_GE(p.high.cents, p.premium.cents) << id;
  }
}

TEST_F(PremiumTest, StopsAtTheDeadlineBetweenSkills) {
  int asked = 0;
  const absl::StatusOr<std::vector<Premium>> stopped = ComputePremiums(
      *snapshot_, postings_, skills_, 5, 11, [&] { return ++asked >= 3; });
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(asked, 3) << "no skill is computed once the deadline has passed";

  asked = 0;
  const absl::StatusOr<std::vector<Premium>> whole = ComputePremiums(
      *snapshot_, postings_, skills_, 5, 11, [&] { return ++asked < 0; });
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(asked, kSkills) << "asked before every skill";
}

}  // namespace
}  // namespace compdata::engine
