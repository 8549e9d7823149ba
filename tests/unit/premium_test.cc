// Skill premiums: the split by skill against brute force, and the deadline
// asked inside the computation (a caller that gave up stops it).

#include "core/engine/premium.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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
    for (int i = 0; i < 12000; ++i) {
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
    listed_skills_ = CollectPostingSkills(*snapshot_, postings_);
    for (int32_t k = 0; k < kSkills; ++k) skills_.push_back(k);
  }

  std::vector<std::vector<int64_t>> listed_;  // skill ids per posting
  std::vector<double> pay_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::vector<PostingPay> postings_;
  PostingSkills listed_skills_;
  std::vector<int32_t> skills_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return PercentileCont(v, 50);
}

TEST_F(PremiumTest, MediansWithAndWithoutMatchBruteForce) {
  ASSERT_EQ(postings_.size(), pay_.size());
  const absl::StatusOr<std::vector<Premium>> premiums = ComputePremiums(
      postings_, listed_skills_, skills_, 5, 11, [] { return false; });
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
    // Over 10,000 postings: order statistics n/2 -+ 1.96 sqrt(n)/2.
    ASSERT_EQ(p.method, IntervalMethod::kOrderStatistic);
    std::sort(with.begin(), with.end());
    std::sort(without.begin(), without.end());
    const auto rank = [](size_t n, double sign) {
      const double r = n / 2.0 + sign * 1.959964 * std::sqrt(n) / 2;
      return std::clamp<int64_t>(sign < 0 ? std::floor(r) : std::ceil(r + 1), 1,
                                 n) -
             1;
    };
    EXPECT_EQ(p.low.cents, std::llround((with[rank(with.size(), -1)] -
                                         without[rank(without.size(), 1)]) *
                                        100))
        << id;
    EXPECT_EQ(p.high.cents, std::llround((with[rank(with.size(), 1)] -
                                          without[rank(without.size(), -1)]) *
                                         100))
        << id;
  }
}

TEST_F(PremiumTest, SmallerGroupsGetTheBootstrapInterval) {
  const std::vector<PostingPay> some(postings_.begin(),
                                     postings_.begin() + 3000);
  const PostingSkills listed = CollectPostingSkills(*snapshot_, some);
  const absl::StatusOr<std::vector<Premium>> premiums =
      ComputePremiums(some, listed, skills_, 5, 11, [] { return false; });
  ASSERT_TRUE(premiums.ok());
  for (const Premium& p : *premiums) {
    EXPECT_EQ(p.with + p.without, 3000);
    EXPECT_EQ(p.with, listed.counts[p.skill]);
    EXPECT_EQ(p.method, IntervalMethod::kPercentileBootstrap);
    EXPECT_LT(p.low.cents, p.high.cents);
  }
}

TEST_F(PremiumTest, StopsAtTheDeadlineBetweenSkills) {
  int asked = 0;
  const absl::StatusOr<std::vector<Premium>> stopped = ComputePremiums(
      postings_, listed_skills_, skills_, 5, 11, [&] { return ++asked >= 3; });
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(asked, 3) << "no skill is computed once the deadline has passed";

  asked = 0;
  const absl::StatusOr<std::vector<Premium>> whole = ComputePremiums(
      postings_, listed_skills_, skills_, 5, 11, [&] { return ++asked < 0; });
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(asked, kSkills) << "asked before every skill";
}

}  // namespace
}  // namespace compdata::engine
