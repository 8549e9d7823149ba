// The columns of the two CSV formats (README, "File formats"): the CLI loads
// them (in any order, a subset), compdata-gen writes them in this order.

#ifndef COMPDATA_COMMON_CSV_COLUMNS_H_
#define COMPDATA_COMMON_CSV_COLUMNS_H_

#include <array>
#include <string_view>

namespace compdata {

inline constexpr std::array<std::string_view, 15> kPostingColumns = {
    "source",   "source_id",  "role",      "title",      "company",
    "metro",    "remote",     "seniority", "pay_min",    "pay_max",
    "currency", "pay_period", "posted_at", "expires_at", "skills"};

inline constexpr std::array<std::string_view, 14> kReportColumns = {
    "source",
    "source_id",
    "role",
    "seniority",
    "years_of_experience",
    "company",
    "metro",
    "remote",
    "base",
    "bonus",
    "equity_per_year",
    "currency",
    "pay_period",
    "reported_at"};

}  // namespace compdata

#endif  // COMPDATA_COMMON_CSV_COLUMNS_H_
