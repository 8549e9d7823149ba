#ifndef COMPDATA_SERVER_API_FIGURES_H_
#define COMPDATA_SERVER_API_FIGURES_H_

// The one way from the read handlers to the engine: every figure an answer
// shows is asked for here, memoised where the QueryContext has a memo for
// it. Handlers validate, call these, and fill their response (proto_fill.h);
// they never call the engine themselves.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "core/engine/demand.h"
#include "core/engine/offer.h"
#include "core/engine/official.h"
#include "core/engine/overlap.h"
#include "core/engine/pay_stats.h"
#include "core/engine/premium.h"
#include "core/engine/quality.h"
#include "core/engine/related.h"
#include "core/engine/trend.h"
#include "core/engine/verdict.h"
#include "server/api/query_context.h"
#include "server/api/salary_filter.h"

namespace compdata::api {

// Pay percentiles, mean and range of a role under the filter.
engine::PayStats PayStatsOf(const QueryContext& ctx,
                            const ResolvedFilter& filter, int32_t role,
                            const std::vector<double>& percentiles);

// Demand figures of a role under the filter, from the memo when it has them
// (keyed by data version, role, the filter's record fields and the time).
std::shared_ptr<const engine::Demand> DemandOf(const QueryContext& ctx,
                                               const ResolvedFilter& filter,
                                               int32_t role);

// Only the counts of DemandOf (open, remote, by seniority; no skill, metro
// or company tallies), memoised apart: verdicts and tracked totals need no
// more.
std::shared_ptr<const engine::Demand> DemandCountsOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role);

// The median pay of a role under the filter at every seniority level (index
// 0: all levels), memoised as one table (keyed by data version, minute, role
// and the filter): CompareRoles' pay-by-level table and career ladders ask
// for several levels of the same role, and repeat them for requests that
// differ in nothing else.
std::shared_ptr<const LevelMedians> LevelMediansOf(const QueryContext& ctx,
                                                   const ResolvedFilter& filter,
                                                   int32_t role);

// The quality envelope of a role's demand figures: postings are public
// adverts, so only the sample size matters.
engine::Quality DemandQuality(const QueryContext& ctx, const engine::Demand& d);

// Open postings of every role, or of the roles of `family` (lower case)
// when it is not empty, under the filter's demand fields: the denominator of
// open-position shares. Memoised like DemandOf, per family.
int64_t TrackedPostings(const QueryContext& ctx, const ResolvedFilter& filter,
                        const std::string& family);

// Two roles' top skills among their open postings and how they overlap.
struct SkillOverlapFigures {
  std::vector<int32_t> top_a;
  std::vector<int32_t> top_b;
  engine::Overlap overlap;  // shared skills by display name
};
SkillOverlapFigures SkillOverlapOf(const engine::Snapshot& s,
                                   const engine::Demand& a,
                                   const engine::Demand& b, int top_n);

// An annual offer placed in a role's market: the records `market` selects,
// exactly the sample GetSalaryDistribution reads with the same filter.
engine::OfferEvaluation OfferOf(const QueryContext& ctx,
                                const ResolvedFilter& market, int32_t role,
                                int64_t annual_offer_cents);

// The roles related to `role` by a shared top skill (top_n of each, under
// the filter's demand fields, as SkillOverlapOf compares them) or a move
// either way, scored and ranked (engine::RankRelated), at most max_results.
// Each candidate's demand figures come from the DemandOf memo.
std::vector<engine::RelatedCandidate> RelatedRolesOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role,
    int top_n, int max_results);

// Base-pay premiums of `skills` (or of the role's top_n skills when empty)
// among the role's postings under the filter, in answer order: shown ones by
// premium, highest first, then withheld ones by slug.
struct SkillPremiumFigures {
  int64_t postings = 0;  // the postings the premiums are measured on
  std::vector<engine::Premium> premiums;
};
// Without `intervals`, the premiums have no interval and no impact label
// (both come from the bootstrap, the costly part).
absl::StatusOr<SkillPremiumFigures> SkillPremiumsOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role,
    std::vector<int32_t> skills, int top_n, int min_sample, bool intervals);

// Monthly median, p25 and p75 of a role's pay, first..last inclusive.
std::vector<engine::MonthStats> SalaryTrendOf(const QueryContext& ctx,
                                              const ResolvedFilter& filter,
                                              int32_t role,
                                              absl::CivilMonth first,
                                              absl::CivilMonth last);

// What one role brings to a comparison's verdicts.
struct RoleFigures {
  engine::PayStats pay;  // percentiles: SummaryPercentiles() first
  std::shared_ptr<const engine::Demand> demand;  // DemandCountsOf at least
};
struct VerdictFigures {
  engine::Verdict verdict;
  std::vector<engine::MetricInput> inputs;  // indexed like the roles
};
// One verdict per metric (engine::kVerdictMetrics' order). Pay is compared
// as shown (to the cent), so a verdict agrees with the table exactly.
std::vector<VerdictFigures> VerdictsOf(const std::vector<RoleFigures>& roles);

// The official statistics linked to a role whose table is in `currency`,
// in answer order (core/engine/official.h): published figures, shown
// beside ours, never blended into them.
std::vector<const engine::OfficialStatistic*> OfficialFiguresOf(
    const QueryContext& ctx, int32_t role, const std::string& currency);
// A comparison's verdicts with their sentences: the same for every request
// comparing the same roles (in the same order) under the same filter,
// whatever else it asks (extra percentiles, top_n, read_mask), so memoised
// by data version, minute, roles and filter like the demand figures.
struct ComparisonVerdicts {
  std::vector<VerdictFigures> verdicts;
  std::vector<std::string> sentences;  // indexed like verdicts
  // Each role's pay with SummaryPercentiles() only, indexed like the roles:
  // a request that differs in its extra percentiles computes only those.
  std::vector<engine::PayStats> pay;
};
// The memo's entry, or nullptr (then compute them with VerdictsFor).
std::shared_ptr<const ComparisonVerdicts> MemoisedVerdicts(
    const QueryContext& ctx, const ResolvedFilter& filter,
    const std::vector<int32_t>& roles);
// Computes them from each role's figures (pay: SummaryPercentiles() first;
// demand: counts at least) and memoises them.
std::shared_ptr<const ComparisonVerdicts> VerdictsFor(
    const QueryContext& ctx, const ResolvedFilter& filter,
    const std::vector<int32_t>& roles, const std::vector<RoleFigures>& figures);

// The percentiles a PaySummary needs first, before the caller's extras:
// median, p25, p75.
const std::vector<double>& SummaryPercentiles();

// An amount as answers show it (D1: half away from zero to the cent).
// Figures derived from shown amounts (changes, their fractions, verdicts)
// use it, so they agree with the amounts on the page to the cent.
double AsShown(const engine::Amount& amount);

// part / whole, 0 when whole is 0.
double Share(int64_t part, int64_t whole);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_FIGURES_H_
