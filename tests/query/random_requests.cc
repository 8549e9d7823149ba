#include "tests/query/random_requests.h"

#include <algorithm>
#include <map>

#include "tests/query/rng_util.h"

namespace compdata::testing::query {
namespace {

absl::Time RandomInstant(Rng& rng, const DataSet& data, absl::Duration span) {
  if (!data.instants.empty() && Chance(rng, 0.5)) {
    return Pick(rng, data.instants);
  }
  const double seconds = Uniform(rng, 0, absl::ToDoubleSeconds(span));
  return data.now - absl::Seconds(static_cast<int64_t>(seconds));
}

}  // namespace

Filter RandomFilter(Rng& rng, const DataSet& data, bool pay_fields) {
  Filter f;
  if (Chance(rng, 0.5)) {
    std::vector<int> levels = {1, 2, 3, 4, 5};
    std::shuffle(levels.begin(), levels.end(), rng);
    levels.resize(static_cast<size_t>(UniformInt(rng, 1, 3)));
    for (int l : levels)
      f.seniority.push_back(static_cast<v1::SeniorityLevel>(l));
  }
  if (Chance(rng, 0.4)) {
    const int n = static_cast<int>(UniformInt(rng, 1, 3));
    for (int i = 0; i < n; ++i) {
      const std::string& m = OracleMetros()[UniformInt(rng, 0, 6)];
      if (std::find(f.metros.begin(), f.metros.end(), m) == f.metros.end()) {
        f.metros.push_back(CaseVariant(rng, m));
      }
    }
    if (Chance(rng, 0.1)) f.metros.push_back("Atlantis");
  }
  f.remote = static_cast<v1::RemoteFilter>(Weighted(rng, {60, 20, 20}));
  if (Chance(rng, 0.35)) {
    const int n = static_cast<int>(UniformInt(rng, 1, 4));
    for (int i = 0; i < n; ++i) {
      const std::string& c = Pick(rng, OracleCompanies());
      if (std::find(f.companies.begin(), f.companies.end(), c) ==
          f.companies.end()) {
        f.companies.push_back(CaseVariant(rng, c));
      }
    }
    if (Chance(rng, 0.1)) f.companies.push_back("Nonexistent Inc");
  }
  const absl::Duration span = absl::Hours(24 * 760);
  switch (Weighted(rng, {25, 25, 25, 25})) {
    case 1:
      f.start = RandomInstant(rng, data, span);
      break;
    case 2:
      f.end = RandomInstant(rng, data, span);
      break;
    case 3: {
      absl::Time a = RandomInstant(rng, data, span);
      absl::Time b = RandomInstant(rng, data, span);
      if (b < a) std::swap(a, b);
      if (a == b) b += absl::Seconds(1);
      f.start = a;
      f.end = b;
      break;
    }
    default:
      break;
  }
  if (pay_fields) {
    f.component = static_cast<v1::PayComponent>(UniformInt(rng, 0, 4));
    f.source = static_cast<v1::DataSource>(Weighted(rng, {50, 25, 25}));
    if (f.source == v1::DATA_SOURCE_POSTINGS &&
        (f.component == v1::PAY_COMPONENT_BONUS ||
         f.component == v1::PAY_COMPONENT_EQUITY)) {
      f.source = v1::DATA_SOURCE_UNSPECIFIED;
    }
    const int c = Weighted(rng, {75, 10, 15});
    f.currency = c == 0 ? "" : (c == 1 ? "USD" : "EUR");
  }
  return f;
}

std::vector<double> RandomPercentiles(Rng& rng) {
  static const std::vector<double> kPool = {0,  100, 33.3, 50,  25,   75,
                                            10, 90,  99.9, 0.1, 66.7, 12.5};
  if (Chance(rng, 0.25)) return {};
  std::vector<double> out;
  const int n = static_cast<int>(UniformInt(rng, 1, 7));
  for (int i = 0; i < n; ++i) {
    if (Chance(rng, 0.3)) {
      out.push_back(static_cast<double>(UniformInt(rng, 0, 10000)) / 100);
    } else {
      out.push_back(Pick(rng, kPool));
    }
  }
  return out;
}

std::string RandomRoleName(Rng& rng, const std::string& slug) {
  static const std::map<std::string, std::vector<std::string>> kNames = {
      {"ai-engineer", {"A.I. Engineer", "Artificial Intelligence Engineer"}},
      {"software-engineer", {"SWE", "Software Developer"}},
      {"ai-ml-engineer", {"AI ML Engineer", "AI/Machine Learning Engineer"}},
      {"data-scientist", {}}};
  const double r = Uniform(rng, 0, 1);
  if (r < 0.6) return slug;
  if (r < 0.7) return absl::AsciiStrToUpper(slug);
  auto it = kNames.find(slug);
  if (it == kNames.end() || it->second.empty()) return slug;
  return CaseVariant(rng, Pick(rng, it->second));
}

}  // namespace compdata::testing::query
