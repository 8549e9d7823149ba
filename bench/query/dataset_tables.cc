#include "bench/query/dataset_tables.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace compdata::bench::dataset_internal {
namespace {

// ---------------------------------------------------------------------------
// The mix. Roles with a large share are the ones the benchmark queries.
// ---------------------------------------------------------------------------

struct RoleMix {
  const char* slug;
  double share;          // of postings and of reports
  double median_annual;  // USD, mid level
};
// The rest of the seeded roles share what is left evenly.
constexpr RoleMix kRoleMix[] = {
    {"ai-engineer", 0.25, 185000},
    {"software-engineer", 0.25, 150000},
    {"ai-ml-engineer", 0.12, 172000},
    {"ml-engineer", 0.08, 178000},
    {"data-scientist", 0.07, 142000},
    {"ai-software-engineer", 0.05, 192000},
    {"ml-researcher", 0.02, 215000},
    {"ml-architect", 0.01, 225000},
    {"ai-architect", 0.01, 218000},
    {"engineering-manager", 0.02, 212000},
    {"ai-engineering-manager", 0.01, 235000},
    {"engineering-director", 0.01, 265000},
    {"vp-of-engineering", 0.005, 310000},
    {"technical-product-manager", 0.02, 168000},
    {"solutions-architect", 0.02, 172000},
    {"product-engineer", 0.02, 158000},
};
constexpr double kDefaultMedian = 160000;

struct MetroMix {
  const char* slug;
  double share;
};
// Metros not listed (and "no metro") share kOtherMetros / kNoMetro.
constexpr MetroMix kMetroMix[] = {
    {"san-francisco", 0.14},  {"new-york", 0.12},    {"seattle", 0.08},
    {"san-jose", 0.05},       {"los-angeles", 0.05}, {"austin", 0.05},
    {"boston", 0.05},         {"london", 0.04},      {"bangalore", 0.03},
    {"toronto", 0.025},       {"berlin", 0.02},      {"chicago", 0.03},
    {"washington-dc", 0.025}, {"denver", 0.02},      {"atlanta", 0.02},
};
constexpr double kOtherMetros = 0.14;
constexpr double kNoMetro = 0.08;

struct CurrencyOf {
  const char* country;
  const char* currency;
  double per_usd;  // local pay level per USD of US pay level
};
constexpr CurrencyOf kCurrencies[] = {
    {"GB", "GBP", 0.62}, {"CA", "CAD", 1.15}, {"IN", "INR", 22.0},
    {"DE", "EUR", 0.7},  {"IE", "EUR", 0.72}, {"FR", "EUR", 0.65},
    {"NL", "EUR", 0.7},  {"CH", "CHF", 0.95}, {"IL", "ILS", 2.6},
    {"SG", "SGD", 1.15}, {"AU", "AUD", 1.25},
};

struct SkillMix {
  const char* slug;
  double p;  // probability a posting of the family lists it
};
constexpr SkillMix kAiSkills[] = {
    {"python", 0.85},
    {"pytorch", 0.40},
    {"tensorflow", 0.15},
    {"llms", 0.42},
    {"rag", 0.36},
    {"prompt-engineering", 0.28},
    {"langchain", 0.22},
    {"vector-databases", 0.20},
    {"embeddings", 0.15},
    {"fine-tuning", 0.16},
    {"openai", 0.18},
    {"claude", 0.07},
    {"hugging-face", 0.16},
    {"aws", 0.32},
    {"gcp", 0.12},
    {"azure", 0.12},
    {"kubernetes", 0.16},
    {"docker", 0.2},
    {"mlops", 0.15},
    {"machine-learning", 0.4},
    {"deep-learning", 0.25},
    {"nlp", 0.16},
    {"sql", 0.18},
    {"system-design", 0.1},
    {"computer-vision", 0.06},
    {"typescript", 0.08},
};
constexpr SkillMix kSoftwareSkills[] = {
    {"python", 0.45},
    {"java", 0.35},
    {"typescript", 0.38},
    {"javascript", 0.30},
    {"go", 0.20},
    {"rust", 0.06},
    {"sql", 0.40},
    {"react", 0.26},
    {"aws", 0.38},
    {"gcp", 0.10},
    {"azure", 0.12},
    {"kubernetes", 0.26},
    {"docker", 0.32},
    {"system-design", 0.28},
    {"microservices", 0.22},
    {"api-design", 0.18},
    {"devops-ci-cd", 0.15},
    {"llms", 0.06},
    {"rag", 0.04},
    {"full-stack-development", 0.12},
};
constexpr SkillMix kDataSkills[] = {
    {"python", 0.85},
    {"sql", 0.75},
    {"spark", 0.28},
    {"machine-learning", 0.55},
    {"deep-learning", 0.14},
    {"data-pipelines", 0.22},
    {"aws", 0.24},
    {"gcp", 0.10},
    {"pytorch", 0.14},
    {"tensorflow", 0.10},
    {"experiment-tracking", 0.08},
    {"nlp", 0.10},
    {"llms", 0.10},
};
constexpr SkillMix kOtherSkills[] = {
    {"system-design", 0.30},    {"aws", 0.20},        {"python", 0.25},
    {"machine-learning", 0.18}, {"llms", 0.14},       {"api-design", 0.10},
    {"microservices", 0.10},    {"kubernetes", 0.10}, {"sql", 0.15},
};

// Company k (0-based) of a Zipf-like popularity order: unique, readable names.
constexpr const char* kCompanyHead[] = {
    "North", "Blue",   "Bright", "Silver", "Iron",    "Clear", "Swift",
    "Deep",  "Open",   "Red",    "Green",  "Quantum", "Lumen", "Vector",
    "Cedar", "Harbor", "Summit", "Nova",   "Pioneer", "Atlas"};
constexpr const char* kCompanyTail[] = {
    "wind",  "stone", "field", "bridge", "path", "light", "forge",
    "gate",  "river", "peak",  "works",  "mind", "scale", "grid",
    "wave",  "leaf",  "point", "line",   "core", "sky",   "loop",
    "shift", "spark", "base",  "cloud"};
constexpr const char* kCompanyKind[] = {" Labs", " AI", " Systems",
                                        " Technologies", " Inc"};
constexpr int kCompanies = 20 * 25 * 5;

std::string CompanyName(int k) {
  return absl::StrCat(kCompanyHead[k % 20], kCompanyTail[(k / 20) % 25],
                      kCompanyKind[(k / 500) % 5]);
}

std::vector<double> Cumulative(const std::vector<double>& w) {
  std::vector<double> cdf(w.size());
  double sum = 0;
  for (size_t k = 0; k < w.size(); ++k) cdf[k] = sum += w[k];
  return cdf;
}

// Roles in kRoleMix take their share and median; the rest split what is
// left evenly and pay kDefaultMedian.
void AddRoles(const Reference& ref, Tables* t) {
  std::vector<double> role_w(ref.roles.size(), -1);
  t->role_median.assign(ref.roles.size(), kDefaultMedian);
  double listed = 0;
  int unlisted = static_cast<int>(ref.roles.size());
  for (const RoleMix& m : kRoleMix) {
    const int r = ref.RoleIndex(m.slug);
    if (r < 0) continue;
    role_w[r] = m.share;
    t->role_median[r] = m.median_annual;
    listed += m.share;
    --unlisted;
  }
  for (double& w : role_w) {
    if (w < 0) w = std::max(0.0, 1 - listed) / std::max(1, unlisted);
  }
  t->role_cdf = Cumulative(role_w);
}

// Metros in kMetroMix take their share, the rest split kOtherMetros; the
// last entry is "no metro" (remote). Each metro pays in its country's
// currency.
void AddMetros(const Reference& ref, Tables* t) {
  std::vector<double> metro_w(ref.metros.size() + 1, 0);
  int unlisted_metros = static_cast<int>(ref.metros.size());
  for (size_t k = 0; k < ref.metros.size(); ++k) {
    for (const MetroMix& m : kMetroMix) {
      if (ref.metros[k].slug == m.slug) {
        metro_w[k] = m.share;
        --unlisted_metros;
      }
    }
    std::string currency = "USD";
    double per_usd = 1;
    for (const CurrencyOf& c : kCurrencies) {
      if (ref.metros[k].country == c.country) {
        currency = c.currency;
        per_usd = c.per_usd;
      }
    }
    t->metro_currency.push_back(currency);
    t->metro_per_usd.push_back(per_usd);
  }
  for (size_t k = 0; k < ref.metros.size(); ++k) {
    if (metro_w[k] == 0)
      metro_w[k] = kOtherMetros / std::max(1, unlisted_metros);
  }
  metro_w.back() = kNoMetro;
  t->metro_cdf = Cumulative(metro_w);
}

// Zipf-like company sizes: a few large employers, a long tail.
void AddCompanies(Tables* t) {
  std::vector<double> company_w(kCompanies);
  for (int k = 0; k < kCompanies; ++k) {
    company_w[k] = 1 / std::pow(k + 1.0, 1.05);
    t->companies.push_back(CompanyName(k));
  }
  t->company_cdf = Cumulative(company_w);
}

// Each role draws skills from its family's mix.
void AddRoleSkills(const Reference& ref, Tables* t) {
  for (const Reference::Role& role : ref.roles) {
    std::vector<std::pair<int64_t, double>> skills;
    auto add = [&](const auto& mix) {
      for (const SkillMix& s : mix) {
        const int64_t id = ref.SkillId(s.slug);
        if (id > 0) skills.emplace_back(id, s.p);
      }
    };
    if (role.family == "ai") {
      add(kAiSkills);
    } else if (role.family == "software") {
      add(kSoftwareSkills);
    } else if (role.family == "data") {
      add(kDataSkills);
    } else {
      add(kOtherSkills);
    }
    t->role_skills.push_back(std::move(skills));
  }
}

}  // namespace

Tables MakeTables(const Reference& ref) {
  Tables t;
  AddRoles(ref, &t);
  AddMetros(ref, &t);
  AddCompanies(&t);
  AddRoleSkills(ref, &t);
  return t;
}

}  // namespace compdata::bench::dataset_internal
