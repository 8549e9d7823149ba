#include "datagen/role_profiles.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

// Shares in percent of the role's postings. P2 "AI/ML Engineer Top Skills:
// Rag Aws Rust Python Azure Gcp Prompt Engineering Openai" and "AI Software
// Engineer Top Skills: Rag Python Rust Kubernetes Aws Docker Claude Openai":
// those eight come first, 3-4 points apart, and the 8th leads the 9th by 3
// points. P2 prose: "Docker and Kubernetes show up in about a third of
// postings" (AI/ML: 31-32%, kept below the top 8); "Python and PyTorch
// dominate" and "Python and TypeScript are the most common" contradict the
// ranked lists and are not followed (README, item 3). Other roles: gen.
struct Row {
  int skill;
  double percent;
};
// clang-format off
const std::vector<Row> kAiMlSkills = {
    {kRag, 62}, {kAws, 58}, {kRust, 54}, {kPython, 50}, {kAzure, 46},
    {kGcp, 42}, {kPromptEngineering, 38}, {kOpenai, 35}, {kKubernetes, 32},
    {kDocker, 31}, {kPytorch, 29}, {kTensorflow, 20}, {kLlms, 18},
    {kMachineLearning, 18}, {kVectorDatabases, 14}, {kLangchain, 13},
    {kHuggingFace, 12}, {kFineTuning, 10}, {kMlflow, 10}, {kJax, 9},
    {kDeepLearning, 9}, {kMlops, 9}, {kSql, 9}, {kDataPipelines, 8},
    {kWeightsAndBiases, 7}, {kNlp, 7}, {kSpark, 6}, {kClaude, 6},
    {kComputerVision, 5}, {kDeepLearningFrameworks, 4}, {kCloudAiPlatforms, 4},
    {kGo, 3}, {kJava, 3}, {kTypescript, 3}, {kApiDesign, 3},
    {kMicroservices, 3}};
const std::vector<Row> kAiSweSkills = {
    {kRag, 60}, {kPython, 56}, {kRust, 52}, {kKubernetes, 48}, {kAws, 44},
    {kDocker, 41}, {kClaude, 38}, {kOpenai, 35}, {kTypescript, 32},
    {kApiDesign, 26}, {kVectorDatabases, 22}, {kJavascript, 18}, {kReact, 16},
    {kMicroservices, 16}, {kLangchain, 15}, {kLlms, 15}, {kSystemDesign, 14},
    {kSql, 14}, {kPromptEngineering, 12}, {kGo, 10}, {kGcp, 10},
    {kFullStackDevelopment, 10}, {kAzure, 9}, {kDevopsCiCd, 8},
    {kDataPipelines, 8}, {kJava, 6}, {kFineTuning, 6}, {kMachineLearning, 6},
    {kPytorch, 5}, {kHuggingFace, 5}, {kCloudPlatforms, 5}};
// ai-engineer and software-engineer also get the premium skills of
// targets.h (P1), drawn separately.
const std::vector<Row> kAiEngineerSkills = {
    {kPython, 55}, {kPytorch, 34}, {kLlms, 30}, {kMachineLearning, 30},
    {kDeepLearning, 22}, {kTensorflow, 20}, {kRag, 20}, {kAws, 18}, {kNlp, 15},
    {kHuggingFace, 14}, {kFineTuning, 12}, {kDocker, 12}, {kSql, 10},
    {kLangchain, 10}, {kOpenai, 10}, {kKubernetes, 8}, {kGcp, 8}, {kAzure, 8},
    {kVectorDatabases, 8}, {kDataPipelines, 8}, {kPromptEngineering, 8},
    {kMlflow, 6}, {kJax, 5}, {kSpark, 4}, {kWeightsAndBiases, 4}, {kClaude, 3},
    {kJava, 3}, {kGo, 2}};
const std::vector<Row> kSoftwareEngineerSkills = {
    {kPython, 40}, {kJava, 35}, {kJavascript, 34}, {kSql, 34},
    {kTypescript, 32}, {kAws, 26}, {kReact, 25}, {kApiDesign, 24},
    {kDocker, 20}, {kMicroservices, 18}, {kGo, 16}, {kKubernetes, 16},
    {kGcp, 9}, {kAzure, 9}, {kRust, 7}, {kDataPipelines, 6}, {kLlms, 5},
    {kSpark, 4}, {kOpenai, 4}, {kRag, 3}, {kMachineLearning, 3}, {kClaude, 2}};
const std::vector<Row> kMlEngineerSkills = {
    {kPython, 65}, {kPytorch, 42}, {kMachineLearning, 40}, {kMlops, 32},
    {kTensorflow, 26}, {kDocker, 24}, {kAws, 24}, {kKubernetes, 22},
    {kMlflow, 20}, {kDeepLearning, 20}, {kDataPipelines, 18}, {kSpark, 16},
    {kSql, 16}, {kGcp, 15}, {kLlms, 14}, {kDeepLearningFrameworks, 12},
    {kHuggingFace, 10}, {kWeightsAndBiases, 10}, {kCloudAiPlatforms, 10},
    {kComputerVision, 9}, {kFineTuning, 9}, {kJax, 8}, {kAzure, 8}, {kNlp, 8},
    {kRag, 8}, {kJava, 4}, {kGo, 3}};
const std::vector<Row> kDataScientistSkills = {
    {kPython, 66}, {kSql, 60}, {kMachineLearning, 42}, {kSpark, 18},
    {kDataPipelines, 14}, {kPytorch, 12}, {kAws, 12}, {kTensorflow, 10},
    {kNlp, 10}, {kDeepLearning, 10}, {kLlms, 10}, {kGcp, 8}, {kAzure, 8},
    {kMlflow, 6}, {kRag, 6}, {kPromptEngineering, 6}, {kDocker, 6},
    {kHuggingFace, 5}, {kVectorDatabases, 5}, {kComputerVision, 4},
    {kOpenai, 4}, {kFineTuning, 4}, {kJava, 3}, {kKubernetes, 3},
    {kWeightsAndBiases, 3}, {kJax, 2}, {kGo, 1}};

// clang-format on

// Metro weights in percent of non-remote postings, kMetroNames order:
// SF, NY, LA, Seattle, Austin, Boston, Chicago, Denver, DC, Atlanta,
// San Diego, Miami, Dallas, Raleigh, San Jose.
// P2 "Top hiring metros for AI/ML Engineer: Los Angeles, New York, Remote":
// LA and NY lead and every other metro stays below the 7% remote share
// (<= 6.2% of non-remote = 5.8% of all). "For AI Software Engineer: San
// Francisco, Los Angeles, New York". Others: gen.
using Weights = std::array<double, kNumMetros>;
constexpr Weights kAiMlMetros = {6.2, 15,  18,  6.0, 5.6, 5.8, 5.4, 5.1,
                                 5.3, 5.0, 4.6, 4.1, 4.9, 4.2, 4.8};
constexpr Weights kAiSweMetros = {22,  13,  16,  8,   5,   6,   4,  3.5,
                                  3.5, 3.0, 3.0, 2.5, 3.0, 2.5, 5.0};
constexpr Weights kGenericMetros = {18, 15, 6, 10, 7, 7, 5, 4,
                                    4,  4,  3, 2,  4, 3, 8};

RoleProfile Build(const std::vector<Row>& rows, const Weights& metros) {
  RoleProfile p;
  for (const Row& r : rows)
    p.base_skills.push_back({r.skill, r.percent / 100.0});
  std::stable_sort(p.base_skills.begin(), p.base_skills.end(),
                   [](const SkillShare& a, const SkillShare& b) {
                     return a.share > b.share;
                   });
  double total = 0;
  for (double w : metros) total += w;
  double cum = 0;
  for (int m = 0; m < kNumMetros; ++m) {
    p.metro_weights[m] = metros[m] / total;
    cum += metros[m] / total;
    p.metro_cumulative[m] = cum;
  }
  p.metro_cumulative[kNumMetros - 1] = 1.0;
  return p;
}

}  // namespace

const RoleProfile& GetRoleProfile(int role) {
  static const std::array<RoleProfile, kNumRoles>* profiles = [] {
    auto* p = new std::array<RoleProfile, kNumRoles>{
        Build(kAiMlSkills, kAiMlMetros),
        Build(kAiSweSkills, kAiSweMetros),
        Build(kAiEngineerSkills, kGenericMetros),
        Build(kSoftwareEngineerSkills, kGenericMetros),
        Build(kMlEngineerSkills, kGenericMetros),
        Build(kDataScientistSkills, kGenericMetros)};
    return p;
  }();
  return (*profiles)[role];
}

const std::array<double, kNumMetros>& ReportMetroCumulative() {
  return GetRoleProfile(kSoftwareEngineer).metro_cumulative;
}

int PickMetro(const std::array<double, kNumMetros>& cumulative, double u) {
  for (int m = 0; m < kNumMetros - 1; ++m) {
    if (u < cumulative[m]) return m;
  }
  return kNumMetros - 1;
}

void MakeTitle(int role, int level, uint64_t pick, std::string* out) {
  static constexpr std::string_view kBase[kNumRoles][3] = {
      {"AI/ML Engineer", "AI/ML Engineer", "AI / ML Engineer"},
      {"AI Software Engineer", "Software Engineer, AI", "AI Software Engineer"},
      {"AI Engineer", "Applied AI Engineer", "Generative AI Engineer"},
      {"Software Engineer", "Backend Software Engineer",
       "Full Stack Software Engineer"},
      {"Machine Learning Engineer", "ML Engineer", "ML Platform Engineer"},
      {"Data Scientist", "Data Scientist", "Applied Data Scientist"}};
  static constexpr std::string_view kPrefix[kNumLevels][2] = {
      {"Junior ", "Associate "},
      {"", ""},
      {"Senior ", "Sr. "},
      {"Staff ", "Lead "},
      {"Principal ", "Principal "}};
  // Suffix: none for 20 of 32 picks; one pick in 32 has quotes (and so
  // exercises CSV quote doubling).
  static constexpr std::string_view kSuffix[6] = {
      ", Platform",   " - LLM Applications", ", Search",
      ", Applied AI", ", Infrastructure",    " (\"Copilot\" Team)"};
  const uint64_t suffix = (pick >> 8) % 32;
  out->clear();
  if (level >= 0) out->append(kPrefix[level][pick & 1]);
  out->append(kBase[role][(pick >> 1) % 3]);
  if (suffix == 31) {
    out->append(kSuffix[5]);
  } else if (suffix >= 20) {
    out->append(kSuffix[(suffix - 20) % 5]);
  }
}

}  // namespace compdata::datagen
