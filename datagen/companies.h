// A fixed list of synthetic company names and, per role, a Zipf-like hiring
// distribution over them (each role has its own clear top hiring companies).

#ifndef COMPDATA_DATAGEN_COMPANIES_H_
#define COMPDATA_DATAGEN_COMPANIES_H_

#include <string_view>

namespace compdata::datagen {

constexpr int kNumCompanies = 300;

// Name of company `index` in [0, kNumCompanies). Some names contain a comma
// (", Inc.") or an ampersand, which exercises CSV quoting.
std::string_view CompanyName(int index);

// Company for a record of `role`, given a uniform u in [0, 1). Ranks follow
// weights 1 / (rank + 2)^1.1 over a role-specific ordering of the companies.
int PickCompany(int role, double u);

// Company index from its name; -1 when unknown.
int CompanyFromName(std::string_view name);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_COMPANIES_H_
