#include <cmath>

#include "absl/strings/str_cat.h"
#include "tests/query/privacy_fixture.h"

namespace compdata::testing::query {
namespace {

bool IsKnown(const KnownGroup& g, const std::string& role,
             v1::SeniorityLevel level, const std::string& metro,
             const std::string& company) {
  return g.role == role && g.level == level && g.metro == metro &&
         g.company == company;
}

}  // namespace

std::vector<Filter> PrivacyGrid(bool with_levels) {
  std::vector<std::vector<v1::SeniorityLevel>> levels = {{}};
  if (with_levels) {
    for (auto l : PrivacyLevels()) levels.push_back({l});
  }
  std::vector<std::vector<std::string>> metros = {{}};
  for (const auto& m : PrivacyMetros()) metros.push_back({m});
  std::vector<std::vector<std::string>> companies = {{}};
  for (const auto& c : PrivacyCompanies()) companies.push_back({c});
  std::vector<Filter> grid;
  for (const auto& l : levels) {
    for (const auto& m : metros) {
      for (const auto& c : companies) {
        Filter f;
        f.seniority = l;
        f.metros = m;
        f.companies = c;
        grid.push_back(f);
      }
    }
  }
  return grid;
}

DataSet PrivacyDataSet(absl::Time now) {
  Rng rng(97);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto weighted = [&](std::vector<double> w) {
    return std::discrete_distribution<int>(w.begin(), w.end())(rng);
  };
  DataSet data;
  data.now = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  const absl::CivilMonth this_month(
      absl::ToCivilSecond(data.now, absl::UTCTimeZone()));
  const absl::Time first =
      absl::FromCivil(this_month - (kPrivacyMonths - 1), absl::UTCTimeZone());
  const double span = absl::ToDoubleSeconds(data.now - absl::Hours(1) - first);
  auto random_date = [&] {
    return first + absl::Seconds(static_cast<int64_t>(uniform(0, span)));
  };
  const double level_factor[] = {1.0, 0.75, 1.0, 1.3};
  int reports = 0, postings = 0;
  for (const auto& role : PrivacyRoles()) {
    for (const auto level : PrivacyLevels()) {
      for (const auto& metro : PrivacyMetros()) {
        for (const auto& company : PrivacyCompanies()) {
          int k = 0, j = 0;
          if (IsKnown(kGroupOfTwo, role, level, metro, company)) {
            k = kGroupOfTwo.reports;
          } else if (IsKnown(kGroupOfOne, role, level, metro, company)) {
            k = kGroupOfOne.reports;
          } else {
            // Reports 0..7 and 0..6 postings, mostly small groups.
            k = weighted({2, 3, 3, 3, 3, 2, 1, 1});
            j = std::vector<int>{0, 1, 2, 3, 6}[weighted({3, 2, 2, 1, 1})];
          }
          const double base =
              (role == "ai-engineer" ? 150000 : 120000) * level_factor[level];
          for (int i = 0; i < k; ++i) {
            ReportModel r;
            r.role = role;
            r.level = level;
            r.metro = metro;
            r.company = company;
            r.remote = uniform(0, 1) < 0.2;
            r.currency = "USD";
            r.base_cents = std::llround(base * uniform(0.8, 1.25)) * 100;
            if (uniform(0, 1) < 0.5) {
              r.bonus_cents = std::llround(base * uniform(0, 0.2)) * 100;
            }
            if (uniform(0, 1) < 0.3) {
              r.equity_cents = std::llround(uniform(5000, 60000)) * 100;
            }
            r.reported = random_date();
            AddReport(r, absl::StrCat("pr", reports++), &data);
          }
          for (int i = 0; i < j; ++i) {
            PostingModel p;
            p.role = role;
            p.level = level;
            p.metro = metro;
            p.company = company;
            p.remote = uniform(0, 1) < 0.2;
            p.has_pay = true;
            p.currency = "USD";
            p.annual_min_cents = std::llround(base * uniform(0.8, 1.0)) * 100;
            p.annual_max_cents =
                p.annual_min_cents + std::llround(uniform(0, 40000)) * 100;
            p.posted = random_date();
            for (const auto& s : PrivacySkills()) {
              if (uniform(0, 1) < 0.5) p.skills.insert(s);
            }
            AddPosting(p, absl::StrCat("pp", postings++), &data);
          }
        }
      }
    }
  }
  // A few reports without level or metro: they only count in unfiltered
  // dimensions.
  for (int i = 0; i < 3; ++i) {
    ReportModel r;
    r.role = "ai-engineer";
    r.company = PrivacyCompanies()[static_cast<size_t>(i)];
    r.currency = "USD";
    r.base_cents = 14000000 + i * 123456;
    r.reported = random_date();
    AddReport(r, absl::StrCat("pr", reports++), &data);
  }
  return data;
}

}  // namespace compdata::testing::query
