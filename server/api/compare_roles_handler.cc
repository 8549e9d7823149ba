// CompareRoles: 2..6 roles side by side, with the skill overlap of every
// pair and one verdict per metric.

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/official_fill.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/response_parts.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

constexpr size_t kMaxCompared = 6;
constexpr int kDefaultTopN = 8;
constexpr int kMaxTopN = 50;

// The figures of the role's demand counts (DemandCountsOf suffices).
void FillDemandCounts(const QueryContext& ctx, const engine::Demand& d,
                      int64_t tracked, v1::RoleComparison* out) {
  out->set_open_positions(d.open);
  out->set_open_positions_share(Share(d.open, tracked));
  out->set_remote_share(Share(d.remote, d.open));
  // The mix is over the open postings that state a level.
  const int64_t stated = d.open - d.by_seniority[0];
  for (int level = 1; level < engine::kSeniorityLevels; ++level) {
    v1::SeniorityShare* mix = out->add_experience_mix();
    mix->set_seniority_level(static_cast<v1::SeniorityLevel>(level));
    mix->set_posting_count(d.by_seniority[level]);
    mix->set_posting_share(Share(d.by_seniority[level], stated));
  }
  ToProto(DemandQuality(ctx, d), ctx.privacy_floor,
          out->mutable_demand_quality());
}

// The top lists (they need DemandOf's full tallies).
void FillTopLists(const QueryContext& ctx, const engine::Demand& d, int top_n,
                  v1::RoleComparison* out) {
  const engine::Snapshot& s = ctx.snapshot;
  for (const auto& [company, count] : engine::Top(d.ranked_companies, top_n)) {
    v1::CompanyShare* c = out->add_top_companies();
    c->set_company(s.companies[company]);
    c->set_posting_count(count);
    c->set_posting_share(Share(count, d.open));
  }
  for (const auto& [metro, count] : engine::Top(d.ranked_metros, top_n)) {
    v1::MetroShare* m = out->add_top_metros();
    m->set_metro(s.metros[metro]);
    m->set_posting_count(count);
    m->set_posting_share(Share(count, d.open));
  }
  for (const auto& [skill, count] : engine::Top(d.ranked_skills, top_n)) {
    v1::SkillShare* sk = out->add_top_skills();
    ToSkillRef(s, skill, sk->mutable_skill());
    sk->set_posting_count(count);
    sk->set_posting_share(Share(count, d.open));
  }
}

void FillPayByLevel(const QueryContext& ctx, const ResolvedFilter& filter,
                    int32_t role, v1::RoleComparison* out) {
  const std::shared_ptr<const LevelMedians> medians =
      LevelMediansOf(ctx, filter, role);
  for (int level = 1; level < engine::kSeniorityLevels; ++level) {
    if (!filter.records.AcceptsSeniority(level)) continue;
    const engine::PayStats& stats = (*medians)[level];
    v1::LevelPay* lp = out->add_pay_by_level();
    lp->set_seniority_level(static_cast<v1::SeniorityLevel>(level));
    ToProto(stats.quality, ctx.privacy_floor, lp->mutable_quality());
    if (!stats.quality.withheld()) {
      ToMoney(stats.percentiles[0], filter.currency_code, lp->mutable_median());
    }
  }
}

void SetMetricValue(engine::VerdictMetric metric, double value,
                    const std::string& currency, v1::MetricValue* out) {
  if (engine::IsPayMetric(metric)) {
    ToMoney(value, currency, out->mutable_money());
  } else if (engine::IsShareMetric(metric)) {
    out->set_fraction(value);
  } else {
    out->set_count(static_cast<int64_t>(value));
  }
}

void FillVerdicts(const QueryContext& ctx, const std::vector<int32_t>& roles,
                  const ComparisonVerdicts& verdicts,
                  const std::string& currency,
                  v1::CompareRolesResponse* response) {
  const bool sentences = Wants(ctx, "verdicts.sentence");
  for (size_t i = 0; i < verdicts.verdicts.size(); ++i) {
    const VerdictFigures& f = verdicts.verdicts[i];
    const engine::Verdict& v = f.verdict;
    v1::Verdict* out = response->add_verdicts();
    out->set_metric(static_cast<v1::VerdictMetric>(v.metric));
    out->set_outcome(static_cast<v1::VerdictOutcome>(v.outcome));
    if (sentences) out->set_sentence(verdicts.sentences[i]);
    if (v.outcome == engine::VerdictOutcome::kInsufficientData) continue;
    out->set_leading_role(ctx.snapshot.roles[roles[v.leader]].slug);
    out->set_other_role(ctx.snapshot.roles[roles[v.other]].slug);
    SetMetricValue(v.metric, v.leading_value, currency,
                   out->mutable_leading_value());
    SetMetricValue(v.metric, v.other_value, currency,
                   out->mutable_other_value());
    SetMetricValue(v.metric, v.absolute_difference, currency,
                   out->mutable_absolute_difference());
    if (v.relative_difference.has_value()) {
      out->set_relative_difference(*v.relative_difference);
    }
    out->set_leading_sample_size(f.inputs[v.leader].sample_size);
    out->set_other_sample_size(f.inputs[v.other].sample_size);
  }
}

// The family in lower case, empty for all roles; NOT_FOUND when no role has
// it, rather than a share of zero postings.
absl::StatusOr<std::string> ResolveTrackedFamily(const engine::Snapshot& s,
                                                 const std::string& requested) {
  const std::string family = absl::AsciiStrToLower(requested);
  if (family.empty()) return family;
  for (const engine::Role& role : s.roles) {
    if (role.family == family) return family;
  }
  return FieldError(absl::StatusCode::kNotFound, "tracked_family",
                    absl::StrCat("no role of family \"", requested, "\""));
}

// Which parts of a comparison the read_mask asks for, and so which figures
// to compute: verdicts need every role's pay summary and demand counts, but
// none of the lists.
struct CompareParts {
  explicit CompareParts(const QueryContext& ctx)
      : pay(Wants(ctx, "roles.pay")),
        pay_by_level(Wants(ctx, "roles.pay_by_level")),
        tracked(Wants(ctx, "total_tracked_postings") ||
                Wants(ctx, "roles.open_positions_share")),
        top_lists(Wants(ctx, "roles.top_companies") ||
                  Wants(ctx, "roles.top_metros") ||
                  Wants(ctx, "roles.top_skills")),
        overlaps(Wants(ctx, "skill_overlaps")),
        verdicts(Wants(ctx, "verdicts")),
        official(Wants(ctx, "roles.official_statistics")),
        counts_shown(Wants(ctx, "roles.open_positions") ||
                     Wants(ctx, "roles.open_positions_share") ||
                     Wants(ctx, "roles.remote_share") ||
                     Wants(ctx, "roles.experience_mix") ||
                     Wants(ctx, "roles.demand_quality")) {}
  bool full_demand() const { return top_lists || overlaps; }
  bool counts() const { return counts_shown || verdict_inputs; }

  bool pay, pay_by_level, tracked, top_lists, overlaps, verdicts, official,
      counts_shown;
  // The verdicts are asked and not memoised: every role's pay summary and
  // demand counts are needed to compute them.
  bool verdict_inputs = false;
};

// A role's pay summary with the extra percentiles: from the memoised
// summary when there is one (then only the extras are computed).
engine::PayStats SummaryPay(const QueryContext& ctx,
                            const ResolvedFilter& filter, int32_t role,
                            const std::vector<double>& extra,
                            const engine::PayStats* memoised) {
  if (memoised == nullptr) {
    std::vector<double> percentiles = SummaryPercentiles();
    percentiles.insert(percentiles.end(), extra.begin(), extra.end());
    return PayStatsOf(ctx, filter, role, percentiles);
  }
  engine::PayStats pay = *memoised;
  if (!extra.empty() && !pay.quality.withheld()) {
    const engine::PayStats more = PayStatsOf(ctx, filter, role, extra);
    pay.percentiles.insert(pay.percentiles.end(), more.percentiles.begin(),
                           more.percentiles.end());
  }
  return pay;
}

// Each role's figures, filled into the response's roles as asked.
absl::StatusOr<std::vector<RoleFigures>> CompareEachRole(
    const QueryContext& ctx, const CompareParts& parts,
    const std::vector<int32_t>& roles, const ResolvedFilter& filter,
    const std::vector<double>& extra, int top_n, int64_t tracked,
    const ComparisonVerdicts* memo, v1::CompareRolesResponse* response) {
  std::vector<RoleFigures> figures;
  for (size_t i = 0; i < roles.size(); ++i) {
    const int32_t role = roles[i];
    COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
    RoleFigures f;
    v1::RoleComparison* out = response->add_roles();
    ToRoleRef(ctx.snapshot, role, out->mutable_role());
    if (parts.pay) {
      f.pay = SummaryPay(ctx, filter, role, extra,
                         memo != nullptr ? &memo->pay[i] : nullptr);
      ToPaySummary(f.pay, extra, filter.currency_code, ctx.privacy_floor,
                   out->mutable_pay());
    } else if (parts.verdict_inputs) {
      f.pay = PayStatsOf(ctx, filter, role, SummaryPercentiles());
    }
    if (parts.pay_by_level) FillPayByLevel(ctx, filter, role, out);
    if (parts.full_demand()) {
      f.demand = DemandOf(ctx, filter, role);
      FillTopLists(ctx, *f.demand, top_n, out);
    } else if (parts.counts()) {
      f.demand = DemandCountsOf(ctx, filter, role);
    }
    if (parts.counts_shown) FillDemandCounts(ctx, *f.demand, tracked, out);
    if (parts.official) {
      FillOfficialStatistics(ctx, role, filter.currency_code,
                             out->mutable_official_statistics());
    }
    figures.push_back(std::move(f));
  }
  return figures;
}

}  // namespace

absl::Status AnswerCompareRoles(const QueryContext& ctx,
                                const v1::CompareRolesRequest& request,
                                v1::CompareRolesResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(std::vector<int32_t> roles,
                            ResolveRoles(s, request.roles(), 2, kMaxCompared));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(
      int top_n,
      ResolveCount(request.top_n(), kDefaultTopN, kMaxTopN, "top_n"));
  COMPDATA_ASSIGN_OR_RETURN(
      std::vector<double> extra,
      ResolvePercentiles(request.percentiles(), {}, "percentiles"));
  COMPDATA_ASSIGN_OR_RETURN(const std::string family,
                            ResolveTrackedFamily(s, request.tracked_family()));
  CompareParts parts(ctx);
  std::shared_ptr<const ComparisonVerdicts> verdicts =
      parts.verdicts || parts.pay ? MemoisedVerdicts(ctx, filter, roles)
                                  : nullptr;
  parts.verdict_inputs = parts.verdicts && verdicts == nullptr;

  // Tracked = open postings of every role (of the family), from the same
  // memoised demand counts the roles' own columns use.
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const int64_t tracked =
      parts.tracked ? TrackedPostings(ctx, filter, family) : 0;
  response->set_total_tracked_postings(tracked);
  COMPDATA_ASSIGN_OR_RETURN(
      const std::vector<RoleFigures> figures,
      CompareEachRole(ctx, parts, roles, filter, extra, top_n, tracked,
                      verdicts.get(), response));
  for (size_t i = 0; parts.overlaps && i < roles.size(); ++i) {
    for (size_t j = i + 1; j < roles.size(); ++j) {
      FillSkillOverlap(ctx, roles[i], *figures[i].demand, roles[j],
                       *figures[j].demand, top_n,
                       response->add_skill_overlaps());
    }
  }
  if (parts.verdicts) {
    if (verdicts == nullptr)
      verdicts = VerdictsFor(ctx, filter, roles, figures);
    FillVerdicts(ctx, roles, *verdicts, filter.currency_code, response);
  }
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
