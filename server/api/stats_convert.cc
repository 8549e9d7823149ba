#include "server/api/stats_convert.h"

#include <cmath>

#include "absl/strings/str_cat.h"

namespace compdata::api {

void ToMoney(double amount, const std::string& currency,
             google::type::Money* out) {
  const int64_t cents = static_cast<int64_t>(std::round(amount * 100));
  out->set_currency_code(currency);
  out->set_units(cents / 100);
  out->set_nanos(static_cast<int32_t>(cents % 100) * 10'000'000);
}

void ToProto(const engine::Quality& q, int privacy_floor, v1::Quality* out) {
  out->set_sample_size(q.sample_size);
  out->set_posting_count(q.postings);
  out->set_report_count(q.reports);
  out->set_confidence(static_cast<v1::ConfidenceLevel>(q.confidence));
  out->set_suppression_reason(
      static_cast<v1::SuppressionReason>(q.suppression));
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

}  // namespace compdata::api
