// Every calibration constant of the generator, with where it comes from.
//
// "P1" = reference/page-ai-engineer-vs-software-engineer.txt
// "P2" = reference/page-aiml-engineer-vs-ai-software-engineer.txt
// "gen" = a generator choice (no page gives it); README.md says why.
//
// Skill and metro share tables live in role_profiles.cc (same conventions).

#ifndef COMPDATA_DATAGEN_TARGETS_H_
#define COMPDATA_DATAGEN_TARGETS_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "datagen/catalog.h"

namespace compdata::datagen {

using LevelShares = std::array<double, kNumLevels>;  // entry..principal
using PerRole = std::array<double, kNumRoles>;

// ---------------------------------------------------------------- volumes --
// P2 "Open Positions | 23,752 | 598" and "Across the 26,159 open AI
// positions we track". The other four roles share the remaining 1,809 (gen).
constexpr std::array<int64_t, kNumRoles> kOpenAtDefault = {
    23752,  // ai-ml-engineer        (P2)
    598,    // ai-software-engineer  (P2)
    620,    // ai-engineer           (gen)
    560,    // software-engineer     (gen)
    379,    // ml-engineer           (gen)
    250,    // data-scientist        (gen)
};
constexpr int64_t kOpenTotalAtDefault = 26159;  // P2
// Default --postings: 26,159 open + 73,841 closed (gen; README "Volumes and
// dates"). At any N the open total is round(N * 26159 / 100000) and both the
// open and the closed postings are split over roles in the proportions above.
constexpr int64_t kDefaultPostings = 100000;
constexpr int64_t kDefaultReports = 30000;  // gen

// Role mix of salary reports (gen: self-reports are not dominated by AI/ML
// Engineer postings volume).
constexpr PerRole kReportRoleMix = {0.15, 0.10, 0.25, 0.25, 0.15, 0.10};

// ------------------------------------------------------------ demand mix --
// Remote share of open postings: P2 "Remote % | 7% | 8%"; others gen.
constexpr PerRole kRemoteShare = {0.07, 0.08, 0.12, 0.14, 0.10, 0.12};
constexpr double kReportRemoteShare = 0.18;  // gen

// Seniority mix (same for postings and reports).
// P2 "Experience Mix | Senior 18%, Mid 71%, Entry 11% | Senior 55%, Mid 43%,
// Entry 2%". P1 gives no mix; the ai-engineer and software-engineer mixes are
// solved so that the P1 "typical pay" (overall median) follows from the P1
// per-level medians (README "Where the pages contradict themselves", item
// 6). ml-engineer and data-scientist reuse them.
constexpr std::array<LevelShares, kNumRoles> kLevelMix = {{
    {0.11, 0.71, 0.18, 0.00, 0.00},  // ai-ml-engineer       (P2)
    {0.02, 0.43, 0.55, 0.00, 0.00},  // ai-software-engineer (P2)
    {0.40, 0.38, 0.16, 0.05, 0.01},  // ai-engineer          (solved)
    {0.22, 0.44, 0.25, 0.07, 0.02},  // software-engineer    (solved)
    {0.40, 0.38, 0.16, 0.05, 0.01},  // ml-engineer          (gen)
    {0.22, 0.44, 0.25, 0.07, 0.02},  // data-scientist       (gen)
}};
// Share of postings written with an empty seniority (their pay still follows
// their hidden level). Zero for the two P2 roles so their mix is exact.
constexpr PerRole kUnlabeledShare = {0.0, 0.0, 0.05, 0.05, 0.05, 0.05};

// Postings that advertise pay (gen: "about 15% advertise no pay").
constexpr double kPayShare = 0.85;
// Pay period of postings with pay (gen): the rest is "year".
constexpr double kHourShare = 0.08;
constexpr double kMonthShare = 0.04;
// Half-width of the advertised range around its midpoint, uniform (gen).
constexpr double kRangeHalfWidthMin = 0.10;
constexpr double kRangeHalfWidthMax = 0.34;

// --------------------------------------------------------------------- pay --
// Pay of a record of (role, level) is log-normal: median * exp(sigma * z),
// then the trend factor below. Posting pay = range midpoint; report pay =
// base + bonus + equity_per_year. Both sources use the same parameters.
struct LevelPay {
  double median;  // USD per year
  double sigma;   // of log pay
};
using RolePay = std::array<LevelPay, kNumLevels>;

// P1 "Early-career / Mid-level / Senior": AI Engineer $188k/$257k/$350k,
// Software Engineer $140k/$206k/$285k. Staff/principal (gen): x1.3 / x1.6 of
// senior. sigma 0.20 (gen) makes the P1 typical pay ($240k / $216k) come out
// of kLevelMix: solved medians of the mixture 240.1k / 216.2k.
constexpr RolePay kAiEngineerPay = {{{188000, 0.20},
                                     {257000, 0.20},
                                     {350000, 0.20},
                                     {455000, 0.20},
                                     {560000, 0.20}}};
constexpr RolePay kSoftwareEngineerPay = {{{140000, 0.20},
                                           {206000, 0.20},
                                           {285000, 0.20},
                                           {370000, 0.20},
                                           {460000, 0.20}}};
// P2 AI/ML Engineer: median $120K, p75 $218K. Entry = 0.75 x mid and senior
// sigma 0.20 fixed (gen); mid median, common entry/mid sigma and the senior
// multiple (2.971 x mid) solved numerically so that median = 120k, p75 =
// 218k and mean = (AI SWE mean) / 1.67 (P2 "pays 67% more on average",
// read as a ratio of means; README).
constexpr RolePay kAiMlEngineerPay = {{{79691, 0.56324},
                                       {106255, 0.56324},
                                       {315687, 0.20},
                                       {315687, 0.20},
                                       {315687, 0.20}}};
// P2 AI Software Engineer: median $235K, p75 $300K. Entry = 0.7 x mid,
// senior = 1.3 x mid, senior sigma = 2 x mid sigma (gen); mid median and
// sigma solved: mixture median 235k, p75 300k, mean 261.6k.
constexpr RolePay kAiSoftwareEngineerPay = {{{149466, 0.19671},
                                             {213523, 0.19671},
                                             {277580, 0.39343},
                                             {277580, 0.39343},
                                             {277580, 0.39343}}};
// gen: ml-engineer = AI Engineer x 0.95, data-scientist = Software Engineer
// x 0.90 at every level (the brief's "plausible pay").
constexpr double kMlEngineerFactor = 0.95;
constexpr double kDataScientistFactor = 0.90;
// Log-pay deviations are clamped to +-kMaxZ standard deviations (gen).
constexpr double kMaxZ = 3.5;

// Pay trend (gen; the pages only say "2026"): +4% a year, applied as
// exp(g * (t - t_center)) with t_center the mean record time, so it shifts no
// median (README "Calibration method").
constexpr double kTrendPerYear = 0.04;

// Skill premiums, P1 "Skills That Drive Higher Compensation" (HIGH / MEDIUM
// impact). A posting with pay lists a premium skill by systematic sampling
// over its pay quantile with probability share * exp(b z - b^2 / 2),
// b = shift / sigma: postings listing it have their level's pay distribution
// shifted up by `shift` in log pay, and the role's overall pay distribution
// does not change (skill_sampler.h, README "Calibration method"). Shifts
// solved for a median ratio with/without the skill of about 1.18 (HIGH) and
// 1.065 (MEDIUM).
struct PremiumSkill {
  int role;
  int skill;
  double share;  // of the role's postings (>= 15% required)
  double shift;  // of log pay
  bool high;     // HIGH impact (>= +10%) or MEDIUM (+3% .. +10%)
};
constexpr std::array<PremiumSkill, 8> kPremiumSkills = {{
    {kAiEngineer, kDeepLearningFrameworks, 0.32, 0.116, true},
    {kAiEngineer, kCloudAiPlatforms, 0.28, 0.118, true},
    {kAiEngineer, kMlops, 0.30, 0.116, true},
    {kAiEngineer, kComputerVision, 0.24, 0.120, true},
    {kSoftwareEngineer, kSystemDesign, 0.30, 0.117, true},
    {kSoftwareEngineer, kCloudPlatforms, 0.30, 0.117, true},
    {kSoftwareEngineer, kFullStackDevelopment, 0.28, 0.044, false},
    {kSoftwareEngineer, kDevopsCiCd, 0.25, 0.045, false},
}};

// Reports: share of total pay paid as bonus and as equity per year (gen).
constexpr LevelShares kBonusShare = {0.05, 0.08, 0.10, 0.12, 0.14};
constexpr LevelShares kEquityShare = {0.04, 0.10, 0.16, 0.22, 0.28};
// Years of experience per level: uniform in [min, max] (gen).
constexpr LevelShares kYearsMin = {0.0, 2.0, 5.0, 8.0, 12.0};
constexpr LevelShares kYearsMax = {2.5, 6.0, 11.0, 16.0, 25.0};

// ------------------------------------------------------------------- time --
// Postings are dated within the 24 months before as_of; volume grows by 2x
// a year (gen: AI hiring growth plus tracker coverage). 70% of postings
// carry an expiry 14..120 days after posting; 30% are "open until updated"
// (empty expires_at while open) and are taken down 30..510 days after
// posting. With these lifetimes 26.2% of the postings of the window are open
// at as_of, which is what kOpenTotalAtDefault / kDefaultPostings asks for.
constexpr double kWindowDays = 730.0;
constexpr double kVolumeDoublingDays = 365.0;
constexpr double kFixedExpiryShare = 0.70;
constexpr double kFixedExpiryMinDays = 14.0;
constexpr double kFixedExpiryMaxDays = 120.0;
constexpr double kUntilUpdatedMinDays = 30.0;
constexpr double kUntilUpdatedMaxDays = 510.0;

// ------------------------------------------------ figures --check tests --
// P2 "Median Salary | $120K | $235K", "75th Percentile | $218K | $300K".
constexpr double kAiMlMedianPay = 120000;
constexpr double kAiMlP75Pay = 218000;
constexpr double kAiSweMedianPay = 235000;
constexpr double kAiSweP75Pay = 300000;
// P2 "It pays 67% more on average" (read as a ratio of mean pay; README).
constexpr double kMeanPayRatio = 1.67;
// P1 "Typical pay comparison: Ai Engineer $240k, Software Engineer $216k".
constexpr double kAiEngineerTypicalPay = 240000;
constexpr double kSoftwareEngineerTypicalPay = 216000;
// P2 "AI/ML Engineer Top Skills" / "AI Software Engineer Top Skills".
constexpr std::array<std::string_view, 8> kAiMlTopSkills = {
    "rag",   "aws", "rust", "python", "azure", "gcp", "prompt-engineering",
    "openai"};
constexpr std::array<std::string_view, 8> kAiSweTopSkills = {
    "rag", "python", "rust", "kubernetes", "aws", "docker", "claude", "openai"};
// P2 "Top hiring metros for AI/ML Engineer: Los Angeles, New York, Remote.
// For AI Software Engineer: San Francisco, Los Angeles, New York."
constexpr std::array<std::string_view, 3> kAiMlTopMetros = {
    "Los Angeles", "New York", "Remote"};
constexpr std::array<std::string_view, 3> kAiSweTopMetros = {
    "San Francisco", "Los Angeles", "New York"};

// ------------------------------------------------------ check tolerances --
constexpr double kTolShareExactPt = 0.5;  // P2 "91%", "2%", remote %
constexpr double kTolMixPt = 1.0;         // experience mix
constexpr double kTolPayRel = 0.02;       // medians, p75, per-level medians
constexpr double kTolTypicalRel = 0.03;   // P1 typical (overall) pay
constexpr double kTolMeanRatio = 0.03;    // "67% more on average"
constexpr double kTolTrend = 0.015;       // year-over-year median ratio
constexpr double kTopSkillGapPt = 1.5;    // 8th vs 9th skill
constexpr double kHighPremiumMin = 0.10;
constexpr double kMediumPremiumMin = 0.03;
constexpr double kMediumPremiumMax = 0.10;
constexpr double kPremiumSkillMinShare = 0.15;

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_TARGETS_H_
