#include "tests/support/snapshot_figures.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine/demand.h"
#include "core/engine/pay_sample.h"
#include "core/engine/pay_stats.h"
#include "core/engine/premium.h"

namespace compdata::testing {
namespace {

using namespace ::compdata::engine;  // NOLINT: test helper over the engine

constexpr int64_t kDay = 86'400'000'000;  // microseconds

// Every figure the read RPCs build on, for one role and currency code.
std::string Figures(const Snapshot& s, int32_t role,
                    const std::string& currency, const RecordFilter& f) {
  std::string out;
  auto it = s.currency_by_code.find(currency);
  const int16_t cur = it == s.currency_by_code.end() ? -1 : it->second;
  for (Component c : {Component::kBase, Component::kBonus, Component::kEquity,
                      Component::kTotal}) {
    PayQuery q;
    q.role = role;
    q.filter = f;
    q.component = c;
    q.currency = cur;
    const PaySample sample = CollectPay(s, q);
    const PayStats stats = ComputePayStats(sample, {10, 25, 50, 75, 90}, 1);
    absl::StrAppend(&out, static_cast<int>(c), ": n=", sample.postings, "+",
                    sample.reports, " sum=", sample.sum.value());
    for (const Amount& p : stats.percentiles) {
      absl::StrAppend(&out, " ", p.cents);
    }
    out += "\n";
    // Ascending value; equal values may come in any order.
    std::vector<DatedValue> dated = CollectDatedPay(s, q);
    std::sort(dated.begin(), dated.end(),
              [](const DatedValue& x, const DatedValue& y) {
                return std::tie(x.value, x.date, x.report) <
                       std::tie(y.value, y.date, y.report);
              });
    for (const DatedValue& d : dated) {
      absl::StrAppend(&out, d.value, "@", d.date, d.report ? "r " : "p ");
    }
    out += "\n";
  }
  PayQuery q;
  q.role = role;
  q.filter = f;
  q.component = Component::kBase;
  q.currency = cur;
  const std::vector<PostingPay> pay = CollectPostingPay(s, q);
  const PostingSkills listed = CollectPostingSkills(s, pay);
  for (int32_t skill :
       TopSkills(s, listed, static_cast<int>(s.skills.size()))) {
    absl::StrAppend(&out, "top ", s.skills[skill].slug, " ");
  }
  const absl::StatusOr<std::vector<Premium>> premiums = ComputePremiums(
      pay, listed, TopSkills(s, listed, static_cast<int>(s.skills.size())), 1,
      7, [] { return false; });
  if (!premiums.ok()) return premiums.status().ToString();
  for (const Premium& p : *premiums) {
    absl::StrAppend(&out, "premium ", p.skill, " ", p.with, "/", p.without, " ",
                    p.fraction, " [", p.low.cents, ", ", p.high.cents, "]\n");
  }
  for (int64_t day : {200, 20300}) {
    const Demand d = CollectDemand(s, role, f, day * kDay);
    absl::StrAppend(&out, "open ", d.open, " remote ", d.remote, "\n");
    for (const auto& [skill, n] : d.ranked_skills) {
      absl::StrAppend(&out, s.skills[skill].slug, "=", n, " ");
    }
    for (const auto& [metro, n] : d.ranked_metros) {
      absl::StrAppend(&out, s.metros[metro], "=", n, " ");
    }
    for (const auto& [company, n] : d.ranked_companies) {
      absl::StrAppend(&out, s.companies[company], "=", n, " ");
    }
  }
  return out;
}

std::vector<RecordFilter> Filters(const Snapshot& s) {
  std::vector<RecordFilter> out(4);
  out[1].seniority.assign(kSeniorityLevels, false);
  out[1].seniority[3] = true;
  out[1].remote = RemoteMode::kOnSiteOnly;
  out[2].any_metro = false;
  out[2].metros.insert(0);
  out[3].start = 100 * kDay;
  out[3].end = 20200 * kDay;  // generated data: days 0-400; seeds: 2025
  return out;
}

}  // namespace

std::string SnapshotFigures(const Snapshot& s) {
  std::vector<std::string> currencies = s.currencies;
  std::sort(currencies.begin(), currencies.end());
  std::string out;
  for (int32_t role = 0; role < static_cast<int32_t>(s.roles.size()); ++role) {
    for (const std::string& currency : currencies) {
      const std::vector<RecordFilter> filters = Filters(s);
      for (size_t f = 0; f < filters.size(); ++f) {
        absl::StrAppend(&out, "== ", s.roles[role].slug, " ", currency,
                        " filter ", f, "\n",
                        Figures(s, role, currency, filters[f]));
      }
    }
  }
  return out;
}

}  // namespace compdata::testing
