#include "datagen/catalog.h"

namespace compdata::datagen {
namespace {

template <size_t N>
int Find(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

const std::array<std::string_view, kNumRoles> kRoleSlugs = {
    "ai-ml-engineer",    "ai-software-engineer", "ai-engineer",
    "software-engineer", "ml-engineer",          "data-scientist"};

const std::array<std::string_view, kNumLevels> kLevelSlugs = {
    "entry", "mid", "senior", "staff", "principal"};

// clang-format off
const std::array<std::string_view, kNumSkills> kSkillSlugs = {
    "rag", "aws", "rust", "python", "azure", "gcp", "prompt-engineering",
    "openai", "kubernetes", "docker", "claude", "pytorch", "tensorflow", "jax",
    "typescript", "javascript", "java", "go", "sql", "react", "mlflow",
    "weights-and-biases", "vector-databases", "fine-tuning", "langchain",
    "hugging-face", "llms", "machine-learning", "deep-learning", "nlp",
    "computer-vision", "mlops", "system-design", "cloud-platforms",
    "full-stack-development", "devops-ci-cd", "deep-learning-frameworks",
    "cloud-ai-platforms", "spark", "data-pipelines", "api-design",
    "microservices",
};
// clang-format on

const std::array<std::string_view, kNumMetros> kMetroNames = {
    "San Francisco", "New York", "Los Angeles", "Seattle",        "Austin",
    "Boston",        "Chicago",  "Denver",      "Washington, DC", "Atlanta",
    "San Diego",     "Miami",    "Dallas",      "Raleigh",        "San Jose"};

const std::array<std::string_view, kNumPayPeriods> kPayPeriodSlugs = {
    "year", "hour", "month", "day", "week"};
const std::array<int, kNumPayPeriods> kAnnualisation = {1, 2080, 12, 260, 52};

int RoleFromSlug(std::string_view slug) { return Find(kRoleSlugs, slug); }
int LevelFromSlug(std::string_view slug) { return Find(kLevelSlugs, slug); }
int SkillFromSlug(std::string_view slug) { return Find(kSkillSlugs, slug); }
int MetroFromName(std::string_view name) { return Find(kMetroNames, name); }
int PayPeriodFromSlug(std::string_view slug) {
  return Find(kPayPeriodSlugs, slug);
}

}  // namespace compdata::datagen
