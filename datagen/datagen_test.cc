// Determinism and the small building blocks of the generator.

#include <cmath>
#include <string>

#include "datagen/civil_time.h"
#include "datagen/generate.h"
#include "datagen/normal.h"
#include "datagen/posting_dates.h"
#include "datagen/posting_generator.h"
#include "datagen/role_profiles.h"
#include "datagen/stats.h"
#include "datagen/strata.h"
#include "datagen/test_util.h"
#include "gtest/gtest.h"

namespace compdata::datagen {
namespace {

using testing_util::MakeDir;
using testing_util::ReadFile;

GenerateOptions Small(const std::string& dir, uint64_t seed) {
  GenerateOptions o;
  o.out_dir = dir;
  o.postings = 5000;
  o.reports = 2000;
  o.seed = seed;
  return o;
}

TEST(DatagenDeterminism, SameSeedSameBytesDifferentSeedDifferentBytes) {
  const std::string a = MakeDir("det_a"), b = MakeDir("det_b"),
                    c = MakeDir("det_c");
  ASSERT_TRUE(GenerateFiles(Small(a, 7), nullptr).ok());
  ASSERT_TRUE(GenerateFiles(Small(b, 7), nullptr).ok());
  ASSERT_TRUE(GenerateFiles(Small(c, 8), nullptr).ok());
  for (const char* file : {"/postings.csv", "/reports.csv"}) {
    const std::string bytes_a = ReadFile(a + file);
    EXPECT_GT(bytes_a.size(), 100000u) << file;
    EXPECT_EQ(bytes_a, ReadFile(b + file)) << file;
    EXPECT_NE(bytes_a, ReadFile(c + file)) << file;
  }
}

TEST(DatagenDeterminism, RecordsArePureFunctionsOfTheirIndex) {
  const PostingGenerator gen(20000, 3, kDefaultAsOf);
  Posting forward, again;
  gen.Generate(12345, &forward);
  for (int64_t i = 0; i < 100; ++i) gen.Generate(i, &again);
  gen.Generate(12345, &again);
  EXPECT_EQ(forward.title, again.title);
  EXPECT_EQ(forward.pay_min_cents, again.pay_min_cents);
  EXPECT_EQ(forward.skills, again.skills);
  EXPECT_EQ(forward.posted_at, again.posted_at);
}

TEST(DatagenQuotas, LargestRemainderIsExactAndProportional) {
  const std::vector<int64_t> parts = LargestRemainder(10, {1, 1, 1});
  EXPECT_EQ(parts, (std::vector<int64_t>{4, 3, 3}));
  const std::vector<int64_t> open = OpenQuotas(kDefaultPostings);
  EXPECT_EQ(open, (std::vector<int64_t>{23752, 598, 620, 560, 379, 250}));
  int64_t total = 0;
  const int64_t n = 1234567;
  for (int64_t o : OpenQuotas(n)) total += o;
  EXPECT_EQ(total, (n * 26159 + 50000) / 100000);
}

TEST(DatagenQuotas, StrataLayoutVisitsEverySlotOnce) {
  const StrataLayout layout({3, 0, 5, 0, 2}, 99);
  std::vector<int> seen(10, 0);
  for (int64_t i = 0; i < 10; ++i) {
    const StrataLayout::Slot s = layout.Locate(i);
    ASSERT_GE(s.index, 0);
    ASSERT_LT(s.index, layout.count(s.stratum));
    ++seen[s.position];
  }
  for (int v : seen) EXPECT_EQ(v, 1);
}

TEST(DatagenStats, PercentileContInterpolatesLikePostgres) {
  std::vector<double> v = {40, 10, 30, 20};
  EXPECT_DOUBLE_EQ(PercentileCont(v, 0.5), 25);
  EXPECT_DOUBLE_EQ(PercentileCont(v, 0.75), 32.5);
  EXPECT_DOUBLE_EQ(PercentileCont(v, 0.0), 10);
  EXPECT_DOUBLE_EQ(PercentileCont(v, 1.0), 40);
  std::vector<double> one = {7};
  EXPECT_DOUBLE_EQ(PercentileCont(one, 0.75), 7);
}

TEST(DatagenNormal, InverseCdfMatchesCdf) {
  for (double p : {1e-9, 0.001, 0.02, 0.3, 0.5, 0.75, 0.98, 0.999999}) {
    EXPECT_NEAR(NormalCdf(InverseNormalCdf(p)), p, 1e-8 * std::max(p, 0.01))
        << p;
  }
  EXPECT_NEAR(InverseNormalCdf(0.75), 0.6744897501960817, 1e-8);
}

TEST(DatagenTime, Rfc3339RoundTrip) {
  char text[kRfc3339Length];
  FormatRfc3339(kDefaultAsOf, text);
  EXPECT_EQ(std::string(text, kRfc3339Length), "2026-01-15T00:00:00Z");
  FormatRfc3339(951782400 + 3723, text);  // leap day
  EXPECT_EQ(std::string(text, kRfc3339Length), "2000-02-29T01:02:03Z");
  EXPECT_EQ(ParseRfc3339("2026-01-15T00:00:00Z"), kDefaultAsOf);
  EXPECT_EQ(ParseRfc3339("2000-02-29T01:02:03.250Z"), 951782400 + 3723);
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-01-15 00:00:00"));
  EXPECT_FALSE(ParseRfc3339("2026-01-15T00:00:00+01:00"));
}

TEST(DatagenProfiles, SkillListsAreRankedAndLongEnoughToFillUp) {
  for (int role = 0; role < kNumRoles; ++role) {
    const RoleProfile& p = GetRoleProfile(role);
    ASSERT_GT(p.base_skills.size(), 12u) << kRoleSlugs[role];
    for (size_t i = 1; i < p.base_skills.size(); ++i) {
      EXPECT_GE(p.base_skills[i - 1].share, p.base_skills[i].share);
    }
  }
}

TEST(DatagenDates, ModelOpenShareMatchesTheDefaultQuota) {
  // The lifetime model is calibrated so that the quota-forced open share
  // (26,159 of 100,000) is also the model's own.
  EXPECT_NEAR(ModelOpenFraction(), 0.26159, 0.002);
}

}  // namespace
}  // namespace compdata::datagen
