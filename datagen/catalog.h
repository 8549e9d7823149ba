// Fixed vocabularies of the generated data: roles, seniority levels, skills,
// metros and pay periods, with their slugs as they appear in the CSVs.

#ifndef COMPDATA_DATAGEN_CATALOG_H_
#define COMPDATA_DATAGEN_CATALOG_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace compdata::datagen {

enum Role : int {
  kAiMlEngineer = 0,
  kAiSoftwareEngineer = 1,
  kAiEngineer = 2,
  kSoftwareEngineer = 3,
  kMlEngineer = 4,
  kDataScientist = 5,
};
constexpr int kNumRoles = 6;
extern const std::array<std::string_view, kNumRoles> kRoleSlugs;

enum Level : int {
  kNoLevel = -1,  // written as an empty seniority field
  kEntry = 0,
  kMid = 1,
  kSenior = 2,
  kStaff = 3,
  kPrincipal = 4,
};
constexpr int kNumLevels = 5;
extern const std::array<std::string_view, kNumLevels> kLevelSlugs;

// Skills; the index is the bit in a posting's skill mask.
// clang-format off
enum Skill : int {
  kRag, kAws, kRust, kPython, kAzure, kGcp, kPromptEngineering, kOpenai,
  kKubernetes, kDocker, kClaude, kPytorch, kTensorflow, kJax, kTypescript,
  kJavascript, kJava, kGo, kSql, kReact, kMlflow, kWeightsAndBiases,
  kVectorDatabases, kFineTuning, kLangchain, kHuggingFace, kLlms,
  kMachineLearning, kDeepLearning, kNlp, kComputerVision, kMlops,
  kSystemDesign, kCloudPlatforms, kFullStackDevelopment, kDevopsCiCd,
  kDeepLearningFrameworks, kCloudAiPlatforms, kSpark, kDataPipelines,
  kApiDesign, kMicroservices,
};
// clang-format on
constexpr int kNumSkills = 42;
extern const std::array<std::string_view, kNumSkills> kSkillSlugs;
using SkillMask = uint64_t;
constexpr SkillMask Bit(int skill) { return SkillMask{1} << skill; }

constexpr int kNoMetro = -1;  // remote postings: empty metro field
constexpr int kNumMetros = 15;
// clang-format off
enum Metro : int {
  kSanFrancisco, kNewYork, kLosAngeles, kSeattle, kAustin, kBoston,
  kChicago, kDenver, kWashingtonDc, kAtlanta, kSanDiego, kMiami, kDallas,
  kRaleigh, kSanJose,
};
// clang-format on
extern const std::array<std::string_view, kNumMetros> kMetroNames;

enum PayPeriod : int { kYear = 0, kHour = 1, kMonth = 2, kDay = 3, kWeek = 4 };
constexpr int kNumPayPeriods = 5;
extern const std::array<std::string_view, kNumPayPeriods> kPayPeriodSlugs;
// Annualisation factors (DESIGN.md): year 1, hour 2080, month 12, day 260,
// week 52.
extern const std::array<int, kNumPayPeriods> kAnnualisation;

// Lookups by slug / display name; -1 when unknown ("" -> -1 as well).
int RoleFromSlug(std::string_view slug);
int LevelFromSlug(std::string_view slug);
int SkillFromSlug(std::string_view slug);
int MetroFromName(std::string_view name);
int PayPeriodFromSlug(std::string_view slug);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CATALOG_H_
