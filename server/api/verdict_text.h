#ifndef COMPDATA_SERVER_API_VERDICT_TEXT_H_
#define COMPDATA_SERVER_API_VERDICT_TEXT_H_

// The English sentence of a CompareRoles verdict: presentation, built from
// the same figures the verdict carries, so sentence and numbers agree.

#include <string>
#include <vector>

#include "core/engine/verdict.h"

namespace compdata::api {

// "AI Software Engineer pays 96% more than AI/ML Engineer at the median
// (USD 235,000 vs USD 120,000)." `titles` are indexed like the inputs.
std::string VerdictSentence(const engine::Verdict& verdict,
                            const std::vector<std::string>& titles,
                            const std::string& currency);

// "USD 235,000": whole units with thousands separators.
std::string FormatMoney(const std::string& currency, double amount);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_VERDICT_TEXT_H_
