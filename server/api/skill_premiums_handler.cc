// GetSkillPremiums: the base-pay premium of the skills listed in a role's
// postings, with intervals and an impact label.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/response_parts.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

constexpr int kDefaultPremiumTopN = 20;
constexpr int kMaxPremiumTopN = 100;
constexpr int kDefaultMinSample = 30;
constexpr int kMaxMinSample = 10000;
constexpr int kMaxPremiumSkills = 100;

// Premiums are measured on postings' base pay only.
absl::Status CheckPremiumFilter(const v1::SalaryFilter& f) {
  if (f.data_source() == v1::DATA_SOURCE_REPORTS) {
    return InvalidField("filter.data_source",
                        "premiums are measured on job postings only");
  }
  if (f.pay_component() == v1::PAY_COMPONENT_BONUS ||
      f.pay_component() == v1::PAY_COMPONENT_EQUITY) {
    return InvalidField("filter.pay_component",
                        "postings carry no bonus or equity");
  }
  return absl::OkStatus();
}

absl::StatusOr<int> ResolveMinSample(int32_t requested) {
  if (requested < 0 || requested > kMaxMinSample) {
    return InvalidField("min_sample_size",
                        absl::StrCat("must be within 1..", kMaxMinSample));
  }
  return requested == 0 ? kDefaultMinSample : requested;
}

// The requested skills by slug or alias, each once, in request order.
absl::StatusOr<std::vector<int32_t>> ResolveSkills(
    const engine::Snapshot& s,
    const google::protobuf::RepeatedPtrField<std::string>& names) {
  if (names.size() > kMaxPremiumSkills) {
    return InvalidField("skills", absl::StrCat("at most ", kMaxPremiumSkills));
  }
  std::vector<int32_t> skills;
  for (int i = 0; i < names.size(); ++i) {
    auto it = s.skill_by_key.find(NormalizeKey(names[i]));
    if (it == s.skill_by_key.end()) {
      return InvalidField(absl::StrCat("skills[", i, "]"),
                          absl::StrCat("no skill \"", names[i], "\""));
    }
    if (std::find(skills.begin(), skills.end(), it->second) == skills.end()) {
      skills.push_back(it->second);
    }
  }
  return skills;
}

void FillPremium(const QueryContext& ctx, const engine::Premium& p,
                 const std::string& cur, v1::SkillPremium* out) {
  ToProto(ctx.snapshot.skills[p.skill], out->mutable_skill());
  out->set_posting_share(p.share);
  out->set_sample_size_with(p.with);
  out->set_sample_size_without(p.without);
  ToProto(p.quality, ctx.privacy_floor, out->mutable_quality());
  if (p.quality.withheld()) return;
  ToMoney(p.median_with, cur, out->mutable_median_with());
  ToMoney(p.median_without, cur, out->mutable_median_without());
  ToMoney(p.premium, cur, out->mutable_premium());
  out->set_premium_fraction(p.fraction);
  if (p.impact == engine::Impact::kUnspecified) return;  // not asked
  v1::PremiumInterval* ci = out->mutable_interval();
  ToMoney(p.low, cur, ci->mutable_low());
  ToMoney(p.high, cur, ci->mutable_high());
  ci->set_low_fraction(p.low.value / p.median_without.value);
  ci->set_high_fraction(p.high.value / p.median_without.value);
  ci->set_confidence_level(engine::kIntervalLevel);
  ci->set_method(static_cast<v1::IntervalMethod>(p.method));
  out->set_impact(static_cast<v1::SkillImpact>(p.impact));
}

// The method in words, from the same constants the engine computes with.
std::string Explanation(int64_t postings, const std::string& cur) {
  const auto percent = [](double f) { return absl::StrCat(f * 100, "%"); };
  return absl::StrCat(
      "Premium = median annualised pay of the role's ", postings,
      " job postings (", cur,
      ", midpoint of the advertised range) listing the skill minus the median "
      "of those that do not. ",
      percent(engine::kIntervalLevel),
      " interval: percentile bootstrap of the "
      "difference of medians (",
      engine::kBootstrapResamples / 1000, ",",
      absl::Dec(engine::kBootstrapResamples % 1000, absl::kZeroPad3),
      " resamples) when both "
      "groups together hold at most ",
      engine::kBootstrapLimit,
      " postings, else order-statistic intervals of the two medians combined. "
      "Impact: HIGH if the interval is above 0 and the premium >= ",
      percent(engine::kHighImpact),
      ", MEDIUM if above 0 and >= ", percent(engine::kMediumImpact),
      ", NEGATIVE if below 0, else LOW.");
}

}  // namespace

absl::Status AnswerSkillPremiums(const QueryContext& ctx,
                                 const v1::GetSkillPremiumsRequest& request,
                                 v1::GetSkillPremiumsResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(s, request.role(), "role"));
  COMPDATA_RETURN_IF_ERROR(CheckPremiumFilter(request.filter()));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(int min_sample,
                            ResolveMinSample(request.min_sample_size()));
  COMPDATA_ASSIGN_OR_RETURN(int top_n,
                            ResolveCount(request.top_n(), kDefaultPremiumTopN,
                                         kMaxPremiumTopN, "top_n"));
  COMPDATA_ASSIGN_OR_RETURN(std::vector<int32_t> skills,
                            ResolveSkills(s, request.skills()));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  ToRoleRef(s, role, response->mutable_role());
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  if (!Wants(ctx, "premiums") && !Wants(ctx, "explanation")) {
    return absl::OkStatus();
  }
  // The impact label is read off the interval: either needs the bootstrap.
  const bool intervals =
      Wants(ctx, "premiums.interval") || Wants(ctx, "premiums.impact");
  COMPDATA_ASSIGN_OR_RETURN(
      const SkillPremiumFigures figures,
      SkillPremiumsOf(ctx, filter, role, std::move(skills), top_n, min_sample,
                      intervals));
  for (const engine::Premium& p : figures.premiums) {
    FillPremium(ctx, p, filter.currency_code, response->add_premiums());
  }
  response->set_explanation(
      Explanation(figures.postings, filter.currency_code));
  return absl::OkStatus();
}

}  // namespace compdata::api
