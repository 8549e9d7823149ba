#include "datagen/check.h"

#include <algorithm>

#include "absl/strings/str_format.h"

namespace compdata::datagen {
namespace {

constexpr int64_t kYearSeconds = 365 * 86400;

}  // namespace

void CheckAccumulator::Add(const Posting& p) {
  ++postings_;
  const int role = p.role;
  int skill_count = 0;
  for (SkillMask m = p.skills; m != 0; m &= m - 1) ++skill_count;
  min_skills_ = std::min(min_skills_, skill_count);
  max_skills_ = std::max(max_skills_, skill_count);
  if (p.OpenAt(as_of_)) {
    ++open_[role];
    if (p.remote) ++open_remote_[role];
    ++open_levels_[role][p.level + 1];
    for (int s = 0; s < kNumSkills; ++s) {
      if (p.skills & Bit(s)) ++open_skills_[role][s];
    }
    if (p.metro != kNoMetro) ++open_metros_[role][p.metro];
  }
  if (p.has_pay) {
    ++postings_with_pay_;
    const bool recent = p.posted_at > as_of_ - kYearSeconds;
    posting_pay_[role].push_back(
        {p.AnnualMidpoint(), p.skills, static_cast<int8_t>(p.level), recent});
    const double factor = kAnnualisation[p.pay_period] / 100.0;
    pay_min_sum_[role] += static_cast<double>(p.pay_min_cents) * factor;
    pay_max_sum_[role] += static_cast<double>(p.pay_max_cents) * factor;
  }
}

void CheckAccumulator::Add(const Report& r) {
  ++reports_;
  const bool recent = r.reported_at > as_of_ - kYearSeconds;
  report_pay_[r.role].push_back(
      {r.TotalDollars(), static_cast<int8_t>(r.level), recent});
}

std::string FormatTable(const std::vector<Figure>& figures) {
  size_t name_w = 6, target_w = 6, gen_w = 9, tol_w = 9;
  for (const Figure& f : figures) {
    name_w = std::max(name_w, f.name.size());
    target_w = std::max(target_w, f.target.size());
    gen_w = std::max(gen_w, f.generated.size());
    tol_w = std::max(tol_w, f.tolerance.size());
  }
  auto line = [&](const std::string& a, const std::string& b,
                  const std::string& c, const std::string& d,
                  const std::string& e) {
    return absl::StrFormat("%-*s  %*s  %*s  %-*s  %s\n", name_w, a, target_w, b,
                           gen_w, c, tol_w, d, e);
  };
  std::string out =
      line("figure", "target", "generated", "tolerance", "result");
  int pass = 0, fail = 0, info = 0;
  for (const Figure& f : figures) {
    const char* v = f.verdict == Verdict::kPass   ? "PASS"
                    : f.verdict == Verdict::kFail ? "FAIL"
                                                  : "INFO";
    pass += f.verdict == Verdict::kPass;
    fail += f.verdict == Verdict::kFail;
    info += f.verdict == Verdict::kInfo;
    out += line(f.name, f.target, f.generated, f.tolerance, v);
  }
  out += absl::StrFormat("%d PASS, %d FAIL, %d INFO\n", pass, fail, info);
  return out;
}

bool AllPass(const std::vector<Figure>& figures) {
  return std::none_of(figures.begin(), figures.end(), [](const Figure& f) {
    return f.verdict == Verdict::kFail;
  });
}

}  // namespace compdata::datagen
