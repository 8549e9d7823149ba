#include "server/api/proto_fill.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "server/api/api_counters.h"

namespace compdata::api {
namespace {

void FillRoleSkills(const QueryContext& ctx, int32_t role,
                    const engine::Demand& d, const std::vector<int32_t>& top,
                    const std::vector<int32_t>& unique, v1::RoleSkills* out) {
  const engine::Snapshot& s = ctx.snapshot;
  ToRoleRef(s, role, out->mutable_role());
  for (int32_t skill : top) {
    v1::SkillShare* share = out->add_top_skills();
    ToSkillRef(s, skill, share->mutable_skill());
    share->set_posting_count(d.by_skill[skill]);
    share->set_posting_share(Share(d.by_skill[skill], d.open));
  }
  for (int32_t skill : unique) ToSkillRef(s, skill, out->add_unique_skills());
  ToProto(DemandQuality(ctx, d), ctx.privacy_floor, out->mutable_quality());
}

}  // namespace

void ToProto(const engine::Role& role, v1::Role* out) {
  out->set_slug(role.slug);
  out->set_title(role.title);
  out->set_family(role.family);
  for (const std::string& alias : role.aliases) out->add_aliases(alias);
  v1::RoleProfile* profile = out->mutable_profile();
  profile->set_summary(role.summary);
  for (const auto& s : role.profile.responsibilities) {
    profile->add_core_responsibilities(s);
  }
  for (const auto& s : role.profile.decision_ownership) {
    profile->add_decision_ownership(s);
  }
  for (const auto& s : role.profile.stakeholders) profile->add_stakeholders(s);
  for (const auto& s : role.profile.performance_measures) {
    profile->add_performance_measures(s);
  }
  for (const auto& a : role.profile.attribute_scores) {
    v1::RoleAttributeScore* score = profile->add_attribute_scores();
    score->set_attribute(a.attribute);
    score->set_score(a.score);
    score->set_display_name(a.display_name);
  }
}

void ToProto(const engine::DataVersion& version, int privacy_floor,
             v1::ResponseMetadata* out) {
  out->set_data_version(engine::VersionToken(version));
  const int64_t micros = absl::ToUnixMicros(version.as_of);
  out->mutable_as_of()->set_seconds(micros / 1000000);
  out->mutable_as_of()->set_nanos(static_cast<int32_t>(micros % 1000000) *
                                  1000);
  out->set_privacy_floor(privacy_floor);
}

void ToMoney(const engine::Amount& amount, const std::string& currency,
             google::type::Money* out) {
  out->set_currency_code(currency);
  out->set_units(amount.cents / 100);
  out->set_nanos(static_cast<int32_t>(amount.cents % 100) * 10'000'000);
}

void ToMoney(double shown, const std::string& currency,
             google::type::Money* out) {
  ToMoney(engine::Amount{shown, std::llround(shown * 100)}, currency, out);
}

void ToProto(const engine::Quality& q, int privacy_floor, v1::Quality* out) {
  out->set_sample_size(q.sample_size);
  out->set_posting_count(q.postings);
  out->set_report_count(q.reports);
  out->set_confidence(static_cast<v1::ConfidenceLevel>(q.confidence));
  out->set_suppression_reason(
      static_cast<v1::SuppressionReason>(q.suppression));
  if (q.suppression != engine::Suppression::kNone) {
    Withheld().by_reason[static_cast<int>(q.suppression)].fetch_add(
        1, std::memory_order_relaxed);
  }
  out->set_privacy_protection(
      static_cast<v1::PrivacyProtection>(q.protection()));
  if (q.suppression == engine::Suppression::kBelowPrivacyFloor) {
    out->set_note(
        absl::StrCat("Withheld: ", q.reports,
                     " self-reported salaries, fewer than the privacy "
                     "floor of ",
                     privacy_floor, "."));
  } else if (q.suppression == engine::Suppression::kBelowMinSample) {
    out->set_note("Withheld: too few postings for a reliable comparison.");
  }
}

void ToRoleRef(const engine::Snapshot& s, int32_t role, v1::RoleRef* out) {
  out->set_slug(s.roles[role].slug);
  out->set_title(s.roles[role].title);
}

void ToSkillRef(const engine::Snapshot& s, int32_t skill, v1::SkillRef* out) {
  out->set_slug(s.skills[skill].slug);
  out->set_display_name(s.skills[skill].display_name);
}

void ToDistribution(const engine::PayStats& stats,
                    const std::vector<double>& percentiles,
                    const std::string& currency, v1::PayDistribution* out) {
  out->set_count(stats.quality.sample_size);
  // Withheld: the requested percentiles are still listed, values unset.
  for (size_t i = 0; i < percentiles.size(); ++i) {
    v1::PercentileValue* p = out->add_percentiles();
    p->set_percentile(percentiles[i]);
    if (!stats.quality.withheld()) {
      ToMoney(stats.percentiles[i], currency, p->mutable_value());
    }
  }
  if (stats.quality.withheld()) return;
  ToMoney(stats.mean, currency, out->mutable_mean());
  ToMoney(stats.min, currency, out->mutable_min());
  ToMoney(stats.max, currency, out->mutable_max());
}

void ToPaySummary(const engine::PayStats& stats,
                  const std::vector<double>& extra_percentiles,
                  const std::string& currency, int privacy_floor,
                  v1::PaySummary* out) {
  ToProto(stats.quality, privacy_floor, out->mutable_quality());
  const size_t base = SummaryPercentiles().size();
  for (size_t i = 0; i < extra_percentiles.size(); ++i) {
    v1::PercentileValue* p = out->add_percentiles();
    p->set_percentile(extra_percentiles[i]);
    if (!stats.quality.withheld()) {
      ToMoney(stats.percentiles[base + i], currency, p->mutable_value());
    }
  }
  if (stats.quality.withheld()) return;
  ToMoney(stats.percentiles[0], currency, out->mutable_median());
  ToMoney(stats.mean, currency, out->mutable_mean());
  ToMoney(stats.percentiles[1], currency,
          out->mutable_average_range()->mutable_low());
  ToMoney(stats.percentiles[2], currency,
          out->mutable_average_range()->mutable_high());
  ToMoney(stats.percentiles[2], currency, out->mutable_p75());
}

void ToProto(const engine::SkillEntry& e, v1::Skill* out) {
  out->set_slug(e.slug);
  out->set_display_name(e.display_name);
  out->set_category(e.category);
  out->set_description(e.description);
  for (const std::string& a : e.aliases) out->add_aliases(a);
}

void FillSkillOverlap(const QueryContext& ctx, int32_t role_a,
                      const engine::Demand& a, int32_t role_b,
                      const engine::Demand& b, int top_n,
                      v1::SkillOverlap* out) {
  const engine::Snapshot& s = ctx.snapshot;
  const SkillOverlapFigures f = SkillOverlapOf(s, a, b, top_n);
  FillRoleSkills(ctx, role_a, a, f.top_a, f.overlap.unique_a,
                 out->add_role_skills());
  FillRoleSkills(ctx, role_b, b, f.top_b, f.overlap.unique_b,
                 out->add_role_skills());
  for (int32_t skill : f.overlap.shared) {
    ToSkillRef(s, skill, out->add_shared_skills());
  }
  out->set_overlap_count(f.overlap.overlap_count);
  out->set_overlap_share(f.overlap.overlap_share);
  out->set_jaccard_index(f.overlap.jaccard);
  out->set_feasibility(
      static_cast<v1::SwitchingFeasibility>(f.overlap.feasibility));
  out->set_top_n(top_n);
}

}  // namespace compdata::api
