#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "common/status_util.h"
#include "core/engine/overlap.h"
#include "core/engine/premium.h"
#include "server/api/proto_convert.h"
#include "server/api/read_handlers.h"
#include "server/api/stats_convert.h"

namespace compdata::api {
namespace {

constexpr int kDefaultOverlapTopN = 8;
constexpr int kMaxOverlapTopN = 50;
constexpr int kDefaultPremiumTopN = 20;
constexpr int kMaxPremiumTopN = 100;
constexpr int kDefaultMinSample = 30;
constexpr int kMaxMinSample = 10000;
constexpr int kMaxPremiumSkills = 100;

std::vector<int32_t> TopSkillList(const engine::Snapshot& s,
                                  const engine::Demand& d, int n) {
  std::vector<int32_t> top;
  for (const auto& [skill, count] : engine::Top(d.ranked_skills, n)) {
    top.push_back(skill);
  }
  return top;
}

void FillRoleSkills(const QueryContext& ctx, int32_t role,
                    const engine::Demand& d, const std::vector<int32_t>& top,
                    const std::vector<int32_t>& unique, v1::RoleSkills* out) {
  const engine::Snapshot& s = ctx.snapshot;
  ToRoleRef(s, role, out->mutable_role());
  for (int32_t skill : top) {
    v1::SkillShare* share = out->add_top_skills();
    ToSkillRef(s, skill, share->mutable_skill());
    share->set_posting_count(d.by_skill[skill]);
    share->set_posting_share(d.open == 0 ? 0
                                         : double(d.by_skill[skill]) / d.open);
  }
  for (int32_t skill : unique) ToSkillRef(s, skill, out->add_unique_skills());
  ToProto(engine::EvaluateQuality(d.open, 0, ctx.privacy_floor),
          ctx.privacy_floor, out->mutable_quality());
}

void FillSkill(const engine::SkillEntry& e, v1::Skill* out) {
  out->set_slug(e.slug);
  out->set_display_name(e.display_name);
  out->set_category(e.category);
  out->set_description(e.description);
  for (const std::string& a : e.aliases) out->add_aliases(a);
}

// Fixed by (data version, role, skill), as the contract promises.
uint64_t PremiumSeed(const engine::Snapshot& s, int32_t role) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a over version and role slug
  auto mix = [&](unsigned char c) { h = (h ^ c) * 1099511628211ULL; };
  for (int i = 0; i < 8; ++i)
    mix(static_cast<unsigned char>(s.version.version >> (8 * i)));
  for (char c : s.roles[role].slug) mix(static_cast<unsigned char>(c));
  return h;
}

}  // namespace

void FillSkillOverlap(const QueryContext& ctx, int32_t role_a,
                      const engine::Demand& a, int32_t role_b,
                      const engine::Demand& b, int top_n,
                      v1::SkillOverlap* out) {
  const engine::Snapshot& s = ctx.snapshot;
  const std::vector<int32_t> top_a = TopSkillList(s, a, top_n);
  const std::vector<int32_t> top_b = TopSkillList(s, b, top_n);
  engine::Overlap o = engine::ComputeOverlap(top_a, top_b);
  FillRoleSkills(ctx, role_a, a, top_a, o.unique_a, out->add_role_skills());
  FillRoleSkills(ctx, role_b, b, top_b, o.unique_b, out->add_role_skills());
  std::sort(o.shared.begin(), o.shared.end(), [&](int32_t x, int32_t y) {
    return s.skills[x].display_name < s.skills[y].display_name;
  });
  for (int32_t skill : o.shared) ToSkillRef(s, skill, out->add_shared_skills());
  out->set_overlap_count(o.overlap_count);
  out->set_overlap_share(o.overlap_share);
  out->set_jaccard_index(o.jaccard);
  out->set_feasibility(static_cast<v1::SwitchingFeasibility>(o.feasibility));
  out->set_top_n(top_n);
}

absl::Status AnswerSkillOverlap(const QueryContext& ctx,
                                const v1::GetSkillOverlapRequest& request,
                                v1::GetSkillOverlapResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(std::vector<int32_t> roles,
                            ResolveRoles(ctx.snapshot, request.roles(), 2, 2));
  COMPDATA_ASSIGN_OR_RETURN(int top_n,
                            ResolveCount(request.top_n(), kDefaultOverlapTopN,
                                         kMaxOverlapTopN, "top_n"));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const auto a = DemandOf(ctx, filter, roles[0]);
  const auto b = DemandOf(ctx, filter, roles[1]);
  FillSkillOverlap(ctx, roles[0], *a, roles[1], *b, top_n,
                   response->mutable_overlap());
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  return absl::OkStatus();
}

absl::Status AnswerSkillPremiums(const QueryContext& ctx,
                                 const v1::GetSkillPremiumsRequest& request,
                                 v1::GetSkillPremiumsResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(s, request.role(), "role"));
  if (request.filter().data_source() == v1::DATA_SOURCE_REPORTS) {
    return InvalidField("filter.data_source",
                        "premiums are measured on job postings only");
  }
  if (request.filter().pay_component() == v1::PAY_COMPONENT_BONUS ||
      request.filter().pay_component() == v1::PAY_COMPONENT_EQUITY) {
    return InvalidField("filter.pay_component",
                        "postings carry no bonus or equity");
  }
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  if (request.min_sample_size() < 0 ||
      request.min_sample_size() > kMaxMinSample) {
    return InvalidField("min_sample_size",
                        absl::StrCat("must be within 1..", kMaxMinSample));
  }
  const int min_sample = request.min_sample_size() == 0
                             ? kDefaultMinSample
                             : request.min_sample_size();
  COMPDATA_ASSIGN_OR_RETURN(int top_n,
                            ResolveCount(request.top_n(), kDefaultPremiumTopN,
                                         kMaxPremiumTopN, "top_n"));
  if (request.skills_size() > kMaxPremiumSkills) {
    return InvalidField("skills", absl::StrCat("at most ", kMaxPremiumSkills));
  }
  std::vector<int32_t> skills;
  for (int i = 0; i < request.skills_size(); ++i) {
    auto it = s.skill_by_key.find(NormalizeKey(request.skills(i)));
    if (it == s.skill_by_key.end()) {
      return InvalidField(absl::StrCat("skills[", i, "]"),
                          absl::StrCat("no skill \"", request.skills(i), "\""));
    }
    if (std::find(skills.begin(), skills.end(), it->second) == skills.end()) {
      skills.push_back(it->second);
    }
  }
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  engine::PayQuery query = filter.Pay(role);
  query.component = engine::Component::kBase;
  const std::vector<engine::PostingPay> pay =
      engine::CollectPostingPay(s, query);
  if (skills.empty()) skills = engine::TopSkills(s, pay, top_n);
  std::vector<engine::Premium> premiums =
      engine::ComputePremiums(s, pay, skills, min_sample, PremiumSeed(s, role));
  std::stable_sort(premiums.begin(), premiums.end(),
                   [&](const engine::Premium& a, const engine::Premium& b) {
                     if (a.quality.withheld() != b.quality.withheld()) {
                       return !a.quality.withheld();
                     }
                     if (!a.quality.withheld()) return a.fraction > b.fraction;
                     return s.skills[a.skill].slug < s.skills[b.skill].slug;
                   });
  const std::string& cur = filter.currency_code;
  for (const engine::Premium& p : premiums) {
    v1::SkillPremium* out = response->add_premiums();
    FillSkill(s.skills[p.skill], out->mutable_skill());
    out->set_posting_share(p.share);
    out->set_sample_size_with(p.with);
    out->set_sample_size_without(p.without);
    ToProto(p.quality, ctx.privacy_floor, out->mutable_quality());
    if (p.quality.withheld()) continue;
    ToMoney(p.median_with, cur, out->mutable_median_with());
    ToMoney(p.median_without, cur, out->mutable_median_without());
    ToMoney(p.premium, cur, out->mutable_premium());
    out->set_premium_fraction(p.fraction);
    v1::PremiumInterval* ci = out->mutable_interval();
    ToMoney(p.low, cur, ci->mutable_low());
    ToMoney(p.high, cur, ci->mutable_high());
    ci->set_low_fraction(p.low / p.median_without);
    ci->set_high_fraction(p.high / p.median_without);
    ci->set_confidence_level(engine::kIntervalLevel);
    ci->set_method(static_cast<v1::IntervalMethod>(p.method));
    out->set_impact(static_cast<v1::SkillImpact>(p.impact));
  }
  ToRoleRef(s, role, response->mutable_role());
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  response->set_explanation(absl::StrCat(
      "Premium = median annualised pay of the role's ", pay.size(),
      " job postings (", cur,
      ", midpoint of the advertised range) listing the skill minus the median "
      "of those that do not. 95% interval: percentile bootstrap of the "
      "difference of medians (2,000 resamples) when both groups together "
      "hold at most ",
      engine::kBootstrapLimit,
      " postings, else order-statistic intervals of the two medians combined. "
      "Impact: HIGH if the interval is above 0 and the premium >= 10%, "
      "MEDIUM if above 0 and >= 3%, NEGATIVE if below 0, else LOW."));
  return absl::OkStatus();
}

}  // namespace compdata::api
