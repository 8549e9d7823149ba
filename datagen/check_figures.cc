// The figures of --check: targets from targets.h, values from the rows.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "datagen/check.h"
#include "datagen/posting_generator.h"
#include "datagen/stats.h"
#include "datagen/str_util.h"
#include "datagen/targets.h"

namespace compdata::datagen {
namespace {

std::string Money(double v) { return absl::StrFormat("%.0f", v); }
std::string Pct(double share) { return absl::StrFormat("%.2f%%", 100 * share); }
double Ratio(int64_t a, int64_t b) {
  return b == 0 ? std::nan("") : static_cast<double>(a) / b;
}

}  // namespace

class FigureBuilder {
 public:
  explicit FigureBuilder(const CheckAccumulator& a) : a_(a) {}

  std::vector<Figure> Build() {
    Page2();
    Page1();
    Generator();
    return std::move(out_);
  }

 private:
  void Add(std::string name, std::string target, std::string generated,
           std::string tolerance, Verdict v) {
    out_.push_back({std::move(name), std::move(target), std::move(generated),
                    std::move(tolerance), v});
  }
  static Verdict V(bool ok) { return ok ? Verdict::kPass : Verdict::kFail; }
  void Exact(std::string name, int64_t target, int64_t got) {
    Add(std::move(name), Cat(target), Cat(got), "exact", V(target == got));
  }
  void SharePt(std::string name, double target, double got, double tol_pt) {
    Add(std::move(name), Pct(target), Pct(got),
        absl::StrFormat("+-%.1f pt", tol_pt),
        V(std::fabs(got - target) * 100 <= tol_pt + 1e-9));
  }
  void Rel(std::string name, double target, double got, double tol) {
    Add(std::move(name), Money(target), Money(got),
        absl::StrFormat("+-%.0f%%", tol * 100),
        V(std::fabs(got / target - 1) <= tol));
  }

  // Pay of role (optionally one level, -2 = all) from postings or reports.
  std::vector<double> Pays(int role, bool postings, int level = -2,
                           int recent = -1) const {
    std::vector<double> v;
    if (postings) {
      for (const auto& o : a_.posting_pay_[role]) {
        if ((level == -2 || o.level == level) &&
            (recent < 0 || o.recent == (recent == 1))) {
          v.push_back(o.pay);
        }
      }
    } else {
      for (const auto& o : a_.report_pay_[role]) {
        if ((level == -2 || o.level == level) &&
            (recent < 0 || o.recent == (recent == 1))) {
          v.push_back(o.pay);
        }
      }
    }
    return v;
  }
  static const char* Src(bool postings) {
    return postings ? "postings" : "reports";
  }

  // Top skills of the role's open postings: (share, slug), best first.
  std::vector<std::pair<double, std::string>> TopSkills(int role) const {
    std::vector<std::pair<double, std::string>> v;
    for (int s = 0; s < kNumSkills; ++s) {
      v.push_back({Ratio(a_.open_skills_[role][s], a_.open_[role]),
                   std::string(kSkillSlugs[s])});
    }
    std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    return v;
  }

  void Page2() {
    const std::vector<int64_t> quotas = OpenQuotas(a_.postings_);
    int64_t open_total = 0, quota_total = 0;
    for (int r = 0; r < kNumRoles; ++r) {
      open_total += a_.open_[r];
      quota_total += quotas[r];
    }
    Exact("P2 open postings, all roles", quota_total, open_total);
    for (int r = 0; r < kNumRoles; ++r) {
      Exact(Cat(r < 2 ? "P2" : "gen", " open postings ", kRoleSlugs[r]),
            quotas[r], a_.open_[r]);
    }
    SharePt("P2 share of open: ai-ml-engineer (91%)", 0.91,
            Ratio(a_.open_[0], open_total), kTolShareExactPt);
    SharePt("P2 share of open: ai-software-engineer (2%)", 0.02,
            Ratio(a_.open_[1], open_total), kTolShareExactPt);
    for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
      SharePt(Cat("P2 remote share of open ", kRoleSlugs[r]), kRemoteShare[r],
              Ratio(a_.open_remote_[r], a_.open_[r]), kTolShareExactPt);
    }
    for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
      for (int l : {kSenior, kMid, kEntry}) {
        SharePt(Cat("P2 experience mix ", kRoleSlugs[r], " ", kLevelSlugs[l]),
                kLevelMix[r][l], Ratio(a_.open_levels_[r][l + 1], a_.open_[r]),
                kTolMixPt);
      }
    }
    const double targets[2][2] = {{kAiMlMedianPay, kAiMlP75Pay},
                                  {kAiSweMedianPay, kAiSweP75Pay}};
    for (bool postings : {true, false}) {
      for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
        std::vector<double> v = Pays(r, postings);
        std::sort(v.begin(), v.end());
        const std::string base =
            Cat("P2 ", kRoleSlugs[r], " (", Src(postings), ") ");
        Rel(base + "median", targets[r][0], PercentileContSorted(v, 0.5),
            kTolPayRel);
        Rel(base + "p75", targets[r][1], PercentileContSorted(v, 0.75),
            kTolPayRel);
      }
      const double ratio = Mean(Pays(kAiSoftwareEngineer, postings)) /
                           Mean(Pays(kAiMlEngineer, postings));
      Add(Cat("P2 mean pay ratio ai-swe/ai-ml, \"67% more\" (", Src(postings),
              ")"),
          absl::StrFormat("%.3f", kMeanPayRatio),
          absl::StrFormat("%.3f", ratio),
          absl::StrFormat("+-%.2f", kTolMeanRatio),
          V(std::fabs(ratio - kMeanPayRatio) <= kTolMeanRatio));
    }
    const char* ranges[2] = {"93K-148K", "140K-249K"};  // P2, not targeted
    for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
      std::vector<double> mid = Pays(r, true);
      std::sort(mid.begin(), mid.end());
      Add(Cat("P2 \"avg salary range\" ", kRoleSlugs[r],
              " as mean pay_min-pay_max"),
          ranges[r],
          absl::StrFormat(
              "%.0fK-%.0fK",
              a_.pay_min_sum_[r] / 1000 / static_cast<double>(mid.size()),
              a_.pay_max_sum_[r] / 1000 / static_cast<double>(mid.size())),
          "not targeted", Verdict::kInfo);
      Add(Cat("P2 \"avg salary range\" ", kRoleSlugs[r], " as p25-p75"),
          ranges[r],
          absl::StrFormat("%.0fK-%.0fK", PercentileContSorted(mid, 0.25) / 1000,
                          PercentileContSorted(mid, 0.75) / 1000),
          "not targeted", Verdict::kInfo);
    }
    const std::vector<std::string> want[2] = {
        {kAiMlTopSkills.begin(), kAiMlTopSkills.end()},
        {kAiSweTopSkills.begin(), kAiSweTopSkills.end()}};
    std::vector<std::string> got[2];
    for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
      const auto top = TopSkills(r);
      for (int k = 0; k < 8; ++k) got[r].push_back(top[k].second);
      Add(Cat("P2 top-8 skills of open ", kRoleSlugs[r]),
          absl::StrJoin(want[r], ","), absl::StrJoin(got[r], ","), "same order",
          V(got[r] == want[r]));
      const double gap = (top[7].first - top[8].first) * 100;
      Add(Cat("P2 top-8 skills ", kRoleSlugs[r], ": 8th - 9th"),
          absl::StrFormat(">= %.1f pt", kTopSkillGapPt),
          absl::StrFormat("%.2f pt (%s)", gap, top[8].second), "minimum",
          V(gap >= kTopSkillGapPt));
    }
    int shared = 0;
    for (const std::string& s : got[0]) {
      shared += std::count(got[1].begin(), got[1].end(), s) > 0;
    }
    Exact("P2 skills shared by both top-8 (5 = 62%)", 5, shared);
    const std::vector<std::string> metros[2] = {
        {kAiMlTopMetros.begin(), kAiMlTopMetros.end()},
        {kAiSweTopMetros.begin(), kAiSweTopMetros.end()}};
    for (int r : {kAiMlEngineer, kAiSoftwareEngineer}) {
      std::vector<std::pair<int64_t, std::string>> v;
      for (int m = 0; m < kNumMetros; ++m) {
        v.push_back({a_.open_metros_[r][m], std::string(kMetroNames[m])});
      }
      v.push_back({a_.open_remote_[r], "Remote"});
      std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
      });
      std::vector<std::string> top;
      for (int k = 0; k < 3; ++k) top.push_back(v[k].second);
      Add(Cat("P2 top-3 metros of open ", kRoleSlugs[r]),
          absl::StrJoin(metros[r], ","),
          Cat(absl::StrJoin(top, ","), " (4th ", v[3].second, " ",
              Pct(Ratio(v[3].first, a_.open_[r])), ")"),
          "same order", V(top == metros[r]));
    }
  }

  void Page1() {
    const RolePay* pay[2] = {&kAiEngineerPay, &kSoftwareEngineerPay};
    const double typical[2] = {kAiEngineerTypicalPay,
                               kSoftwareEngineerTypicalPay};
    for (bool postings : {true, false}) {
      for (int i = 0; i < 2; ++i) {
        const int r = i == 0 ? kAiEngineer : kSoftwareEngineer;
        for (int l : {kEntry, kMid, kSenior}) {
          std::vector<double> v = Pays(r, postings, l);
          Rel(Cat("P1 ", kRoleSlugs[r], " ", kLevelSlugs[l], " median (",
                  Src(postings), ")"),
              (*pay[i])[l].median, PercentileCont(v, 0.5), kTolPayRel);
        }
        std::vector<double> all = Pays(r, postings);
        Rel(Cat("P1 ", kRoleSlugs[r], " typical (median, ", Src(postings), ")"),
            typical[i], PercentileCont(all, 0.5), kTolTypicalRel);
      }
    }
    for (const PremiumSkill& ps : kPremiumSkills) {
      std::vector<double> with, without;
      for (const auto& o : a_.posting_pay_[ps.role]) {
        (o.skills & Bit(ps.skill) ? with : without).push_back(o.pay);
      }
      const double premium =
          PercentileCont(with, 0.5) / PercentileCont(without, 0.5) - 1;
      const std::string name =
          Cat("P1 premium ", kRoleSlugs[ps.role], " ", kSkillSlugs[ps.skill],
              ps.high ? " (HIGH)" : " (MEDIUM)");
      if (ps.high) {
        Add(name, absl::StrFormat(">= +%.0f%%", kHighPremiumMin * 100),
            absl::StrFormat("%+.1f%%", premium * 100), "minimum",
            V(premium >= kHighPremiumMin));
      } else {
        Add(name,
            absl::StrFormat("+%.0f%%..+%.0f%%", kMediumPremiumMin * 100,
                            kMediumPremiumMax * 100),
            absl::StrFormat("%+.1f%%", premium * 100), "range",
            V(premium >= kMediumPremiumMin && premium <= kMediumPremiumMax));
      }
      const double share =
          Ratio(a_.open_skills_[ps.role][ps.skill], a_.open_[ps.role]);
      Add(Cat("P1 share of open ", kRoleSlugs[ps.role], " listing ",
              kSkillSlugs[ps.skill]),
          absl::StrFormat(">= %.0f%%", kPremiumSkillMinShare * 100), Pct(share),
          "minimum", V(share >= kPremiumSkillMinShare));
    }
  }

  void Generator() {
    const double typical[2] = {
        kAiEngineerTypicalPay * kMlEngineerFactor,
        kSoftwareEngineerTypicalPay * kDataScientistFactor};
    for (bool postings : {true, false}) {
      for (int i = 0; i < 2; ++i) {
        const int r = i == 0 ? kMlEngineer : kDataScientist;
        std::vector<double> v = Pays(r, postings);
        Rel(Cat("gen ", kRoleSlugs[r], " typical (median, ", Src(postings),
                ")"),
            typical[i], PercentileCont(v, 0.5), kTolTypicalRel);
      }
      std::vector<double> recent, older;
      for (int r = 0; r < kNumRoles; ++r) {
        std::vector<double> a = Pays(r, postings, -2, 1);
        std::vector<double> b = Pays(r, postings, -2, 0);
        recent.insert(recent.end(), a.begin(), a.end());
        older.insert(older.end(), b.begin(), b.end());
      }
      const double ratio =
          PercentileCont(recent, 0.5) / PercentileCont(older, 0.5);
      Add(Cat("gen trend: median last 12 mo / prior 12 mo (", Src(postings),
              ")"),
          absl::StrFormat("%.3f", 1 + kTrendPerYear),
          absl::StrFormat("%.3f", ratio), absl::StrFormat("+-%.3f", kTolTrend),
          V(std::fabs(ratio - 1 - kTrendPerYear) <= kTolTrend));
    }
    SharePt("gen postings advertising pay", kPayShare,
            Ratio(a_.postings_with_pay_, a_.postings_), 1.0);
    Add("gen skills per posting (min..max)", "3..10",
        Cat(a_.min_skills_, "..", a_.max_skills_), "within",
        V(a_.postings_ == 0 || (a_.min_skills_ >= 3 && a_.max_skills_ <= 10)));
    int64_t open_total = 0;
    for (int64_t o : a_.open_) open_total += o;
    Add("gen open / all postings",
        Pct(Ratio(kOpenTotalAtDefault, kDefaultPostings)),
        Pct(Ratio(open_total, a_.postings_)), "info", Verdict::kInfo);
  }

  const CheckAccumulator& a_;
  std::vector<Figure> out_;
};

std::vector<Figure> CheckAccumulator::Figures() const {
  return FigureBuilder(*this).Build();
}

}  // namespace compdata::datagen
