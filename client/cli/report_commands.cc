#include "client/cli/report_commands.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/cli/format.h"
#include "client/cli/import_official_command.h"

namespace compdata::cli {
namespace {

std::string Change(const google::type::Money& m, bool set, bool has_fraction,
                   double fraction) {
  if (!set) return "";
  std::string s = Money(m);
  if (has_fraction) absl::StrAppend(&s, " (", Percent(fraction), ")");
  return s;
}

std::string Kind(v1::TransitionKind kind) {
  std::string name = v1::TransitionKind_Name(kind);
  return name.substr(name.rfind('_') + 1);
}

}  // namespace

std::string RenderDistribution(const v1::GetSalaryDistributionResponse& r) {
  Table t;
  for (const auto& p : r.distribution().percentiles()) {
    t.Row({absl::StrFormat("p%g", p.percentile()), Money(p.value())});
  }
  t.Row({"mean", Money(r.distribution().mean(), r.distribution().has_mean())});
  t.Row({"min", Money(r.distribution().min(), r.distribution().has_min())});
  t.Row({"max", Money(r.distribution().max(), r.distribution().has_max())});
  std::string out = absl::StrCat(
      r.role().title(), " pay (", QualityNote(r.quality()), ", data version ",
      r.metadata().data_version(), ")\n", t.Render(), r.explanation(), "\n");
  if (!r.official_statistics().empty()) {
    absl::StrAppend(&out, "Official statistics (as published):\n",
                    RenderOfficialStatistics(r.official_statistics(), "  "));
  }
  return out;
}

std::string RenderCareerPath(const v1::GetCareerPathResponse& r) {
  Table ladder;
  ladder.Row({"Level", "Title", "Median", "Step", "Sample"});
  for (const auto& l : r.levels()) {
    ladder.Row(
        {absl::StrCat(l.level().level(), " ", Level(l.level().seniority())),
         l.level().title(), Money(l.median(), l.has_median()),
         Change(l.pay_change(), l.has_pay_change(), l.has_pay_change_fraction(),
                l.pay_change_fraction()),
         QualityNote(l.quality())});
  }
  std::string out =
      absl::StrCat(r.role().title(), " career path\n", ladder.Render());
  auto moves = [&](const char* title, const auto& list) {
    if (list.empty()) return;
    Table t;
    for (const auto& m : list) {
      t.Row({absl::StrCat(m.from_role().title(), " -> ", m.to_role().title()),
             Kind(m.kind()), absl::StrFormat("weight %.2f", m.weight()),
             Change(m.pay_change(), m.has_pay_change(),
                    m.has_pay_change_fraction(), m.pay_change_fraction())});
    }
    absl::StrAppend(&out, title, "\n", t.Render());
  };
  moves("Moves out", r.outgoing_transitions());
  moves("Talent pools (moves in)", r.incoming_transitions());
  return out;
}

std::string RenderPremiums(const v1::GetSkillPremiumsResponse& r) {
  Table t;
  t.Row({"Skill", "Impact", "Premium", "95% interval", "With", "Without"});
  for (const auto& p : r.premiums()) {
    std::string impact = v1::SkillImpact_Name(p.impact());
    impact = impact.substr(impact.rfind('_') + 1);
    t.Row({p.skill().display_name(),
           p.has_premium() ? impact : QualityNote(p.quality()),
           p.has_premium() ? absl::StrCat(Money(p.premium()), " (",
                                          Percent(p.premium_fraction()), ")")
                           : "-",
           p.has_interval() ? absl::StrCat(Money(p.interval().low()), " .. ",
                                           Money(p.interval().high()))
                            : "-",
           Count(p.sample_size_with()), Count(p.sample_size_without())});
  }
  return absl::StrCat("Skills that pay more as ", r.role().title(), "\n",
                      t.Render());
}

std::string RenderTrend(const v1::GetSalaryTrendResponse& r) {
  Table t;
  t.Row({"Month", "Median", "p25", "p75", "Records"});
  for (const auto& p : r.points()) {
    t.Row({absl::StrFormat("%04d-%02d", p.month().year(), p.month().month()),
           Money(p.median(), p.has_median()), Money(p.p25(), p.has_p25()),
           Money(p.p75(), p.has_p75()), Count(p.count())});
  }
  std::string out =
      absl::StrCat(r.role().title(), " monthly pay\n", t.Render());
  if (r.has_median_change()) {
    absl::StrAppend(
        &out, "change: ",
        Change(r.median_change(), true, r.has_median_change_fraction(),
               r.median_change_fraction()),
        "\n");
  }
  return out;
}

}  // namespace compdata::cli
