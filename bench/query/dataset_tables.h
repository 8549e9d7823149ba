#ifndef COMPDATA_BENCH_QUERY_DATASET_TABLES_H_
#define COMPDATA_BENCH_QUERY_DATASET_TABLES_H_

// The mix of the read benchmark's generated data (roles, levels, metros,
// currencies, companies, skills) as sampling tables over the reference data.
// Internal to dataset.cc and its helpers.

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bench/query/dataset.h"

namespace compdata::bench::dataset_internal {

inline constexpr const char* kLevels[] = {"entry", "mid", "senior", "staff",
                                          "principal"};
inline constexpr const char* kTitlePrefix[] = {"Junior ", "", "Senior ",
                                               "Staff ", "Principal "};
inline constexpr double kLevelFactor[] = {0.72, 0.9, 1.1, 1.35, 1.6};
// entry, mid, senior, staff, principal, none
inline constexpr std::array<double, 6> kPostingLevels = {0.14, 0.30, 0.30,
                                                         0.14, 0.05, 0.07};
inline constexpr std::array<double, 6> kReportLevels = {0.15, 0.32, 0.30,
                                                        0.13, 0.05, 0.05};
inline constexpr double kYearsLow[] = {0, 2, 5, 8, 12};
inline constexpr double kYearsHigh[] = {2.5, 5.5, 9.5, 15, 25};

// Shared, read-only after construction.
struct Tables {
  std::vector<double> role_cdf;  // over Reference::roles
  std::vector<double> role_median;
  std::vector<double> metro_cdf;  // over Reference::metros, then "none"
  std::vector<std::string> metro_currency;
  std::vector<double> metro_per_usd;
  std::vector<double> company_cdf;
  std::vector<std::string> companies;
  // Per role: (skill id, probability).
  std::vector<std::vector<std::pair<int64_t, double>>> role_skills;

  static int Sample(const std::vector<double>& cdf, double u) {
    return static_cast<int>(
        std::upper_bound(cdf.begin(), cdf.end(), u * cdf.back()) - cdf.begin());
  }
};

Tables MakeTables(const Reference& ref);

}  // namespace compdata::bench::dataset_internal

#endif  // COMPDATA_BENCH_QUERY_DATASET_TABLES_H_
