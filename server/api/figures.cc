#include "server/api/figures.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/engine/pay_sample.h"
#include "server/api/lru_cache.h"
#include "server/api/verdict_text.h"

namespace compdata::api {
namespace {

// compute()'s value, from `cache` under make_key() when there is a cache.
template <typename V, typename MakeKey, typename Compute>
std::shared_ptr<const V> Memoised(LruCache<V>* cache, MakeKey make_key,
                                  Compute compute) {
  if (cache == nullptr) return std::make_shared<const V>(compute());
  const std::string key = make_key();
  if (auto hit = cache->Get(key)) return hit;
  auto value = std::make_shared<const V>(compute());
  cache->Put(key, value);
  return value;
}

std::vector<int32_t> TopSkillList(const engine::Demand& d, int n) {
  std::vector<int32_t> top;
  for (const auto& [skill, count] : engine::Top(d.ranked_skills, n)) {
    top.push_back(skill);
  }
  return top;
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

engine::MetricInput PayInput(engine::VerdictMetric metric,
                             const engine::PayStats& pay) {
  engine::MetricInput in;
  in.present = !pay.quality.withheld();
  in.sample_size = pay.quality.sample_size;
  if (in.present) {
    in.value = AsShown(
        metric == engine::VerdictMetric::kMedianPay ? pay.percentiles[0]
        : metric == engine::VerdictMetric::kMeanPay ? pay.mean
                                                    : pay.percentiles[2]);
  }
  return in;
}

engine::MetricInput DemandInput(engine::VerdictMetric metric,
                                const engine::Demand& d) {
  engine::MetricInput in;
  in.sample_size = d.open;
  if (metric == engine::VerdictMetric::kOpenPositions) {
    in.present = true;
    in.value = static_cast<double>(d.open);
    return in;
  }
  const int64_t stated = d.open - d.by_seniority[0];
  if (metric == engine::VerdictMetric::kRemoteShare) {
    in.present = d.open > 0;
    in.value = Share(d.remote, d.open);
  } else {
    in.present = stated > 0;
    in.value = Share(d.by_seniority[1], stated);
  }
  return in;
}

std::string VerdictKey(const QueryContext& ctx, const ResolvedFilter& filter,
                       const std::vector<int32_t>& roles) {
  std::string key = absl::StrCat(ctx.snapshot.version.version, "|",
                                 absl::ToUnixSeconds(ctx.now), "|");
  for (int32_t role : roles) absl::StrAppend(&key, role, ",");
  absl::StrAppend(&key, "|", filter.PayKey());
  return key;
}

}  // namespace

double AsShown(const engine::Amount& amount) {
  return static_cast<double>(amount.cents) / 100;
}

double Share(int64_t part, int64_t whole) {
  return whole == 0 ? 0
                    : static_cast<double>(part) / static_cast<double>(whole);
}

const std::vector<double>& SummaryPercentiles() {
  static const auto* p = new std::vector<double>{50, 25, 75};
  return *p;
}

engine::PayStats PayStatsOf(const QueryContext& ctx,
                            const ResolvedFilter& filter, int32_t role,
                            const std::vector<double>& percentiles) {
  return engine::ComputePayStats(
      engine::CollectPay(ctx.snapshot, filter.Pay(role)), percentiles,
      ctx.privacy_floor);
}

std::shared_ptr<const engine::Demand> DemandOf(const QueryContext& ctx,
                                               const ResolvedFilter& filter,
                                               int32_t role) {
  return Memoised(
      ctx.demand_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|", role, "|",
                            filter.DemandKey());
      },
      [&] {
        return engine::CollectDemand(ctx.snapshot, role, filter.DemandRecords(),
                                     filter.window_end);
      });
}

std::shared_ptr<const engine::Demand> DemandCountsOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role) {
  return Memoised(
      ctx.demand_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|n", role, "|",
                            filter.DemandKey());
      },
      [&] {
        return engine::CountDemand(ctx.snapshot, role, filter.DemandRecords(),
                                   filter.window_end);
      });
}

std::shared_ptr<const LevelMedians> LevelMediansOf(const QueryContext& ctx,
                                                   const ResolvedFilter& filter,
                                                   int32_t role) {
  return Memoised(
      ctx.median_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|",
                            absl::ToUnixSeconds(ctx.now), "|", role, "|",
                            filter.PayKey());
      },
      [&] {
        LevelMedians medians;
        for (int l = 0; l < engine::kSeniorityLevels; ++l) {
          engine::PayQuery q = filter.Pay(role);
          if (l > 0) {
            q.filter.seniority.assign(engine::kSeniorityLevels, false);
            q.filter.seniority[l] = true;
          }
          medians[l] = engine::ComputePayStats(
              engine::CollectPay(ctx.snapshot, q), {50}, ctx.privacy_floor);
        }
        return medians;
      });
}

engine::Quality DemandQuality(const QueryContext& ctx,
                              const engine::Demand& d) {
  return engine::EvaluateQuality(d.open, 0, ctx.privacy_floor);
}

int64_t TrackedPostings(const QueryContext& ctx, const ResolvedFilter& filter,
                        const std::string& family) {
  return *Memoised(
      ctx.tracked_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|", family, "|",
                            filter.DemandKey());
      },
      [&] {
        const engine::Snapshot& s = ctx.snapshot;
        int64_t tracked = 0;
        for (int32_t r = 0; r < static_cast<int32_t>(s.roles.size()); ++r) {
          if (family.empty() || s.roles[r].family == family) {
            tracked += DemandCountsOf(ctx, filter, r)->open;
          }
        }
        return tracked;
      });
}

SkillOverlapFigures SkillOverlapOf(const engine::Snapshot& s,
                                   const engine::Demand& a,
                                   const engine::Demand& b, int top_n) {
  SkillOverlapFigures f;
  f.top_a = TopSkillList(a, top_n);
  f.top_b = TopSkillList(b, top_n);
  f.overlap = engine::ComputeOverlap(f.top_a, f.top_b);
  std::sort(f.overlap.shared.begin(), f.overlap.shared.end(),
            [&](int32_t x, int32_t y) {
              return s.skills[x].display_name < s.skills[y].display_name;
            });
  return f;
}

engine::OfferEvaluation OfferOf(const QueryContext& ctx,
                                const ResolvedFilter& market, int32_t role,
                                int64_t annual_offer_cents) {
  return engine::EvaluateOffer(
      engine::CollectPay(ctx.snapshot, market.Pay(role)), annual_offer_cents,
      ctx.privacy_floor);
}

std::vector<engine::RelatedCandidate> RelatedRolesOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role,
    int top_n, int max_results) {
  const engine::Snapshot& s = ctx.snapshot;
  const int32_t roles = static_cast<int32_t>(s.roles.size());
  std::vector<engine::RelatedCandidate> candidates(roles);
  const std::vector<int32_t> top =
      TopSkillList(*DemandOf(ctx, filter, role), top_n);
  for (int32_t r = 0; r < roles; ++r) {
    candidates[r].role = r;
    if (r == role) continue;
    const engine::Overlap o = engine::ComputeOverlap(
        top, TopSkillList(*DemandOf(ctx, filter, r), top_n));
    candidates[r].overlap_count = o.overlap_count;
    candidates[r].jaccard = o.jaccard;
  }
  for (const engine::TransitionEntry& t : s.transitions) {
    if (t.from == role && t.to != role) {
      candidates[t.to].has_to = true;
      candidates[t.to].weight_to = t.weight;
    } else if (t.to == role && t.from != role) {
      candidates[t.from].has_from = true;
      candidates[t.from].weight_from = t.weight;
    }
  }
  candidates.erase(candidates.begin() + role);
  return engine::RankRelated(
      std::move(candidates), static_cast<size_t>(max_results),
      [&](int32_t r) -> const std::string& { return s.roles[r].slug; });
}

absl::StatusOr<SkillPremiumFigures> SkillPremiumsOf(
    const QueryContext& ctx, const ResolvedFilter& filter, int32_t role,
    std::vector<int32_t> skills, int top_n, int min_sample, bool intervals) {
  const engine::Snapshot& s = ctx.snapshot;
  engine::PayQuery query = filter.Pay(role);
  query.component = engine::Component::kBase;
  const std::vector<engine::PostingPay> pay =
      engine::CollectPostingPay(s, query);
  const engine::PostingSkills listed = engine::CollectPostingSkills(s, pay);
  if (skills.empty()) skills = engine::TopSkills(s, listed, top_n);
  SkillPremiumFigures f;
  f.postings = static_cast<int64_t>(pay.size());
  COMPDATA_ASSIGN_OR_RETURN(
      f.premiums, engine::ComputePremiums(
                      pay, listed, skills, min_sample, PremiumSeed(s, role),
                      [&] { return absl::Now() >= ctx.deadline; }, intervals));
  std::stable_sort(f.premiums.begin(), f.premiums.end(),
                   [&](const engine::Premium& a, const engine::Premium& b) {
                     if (a.quality.withheld() != b.quality.withheld()) {
                       return !a.quality.withheld();
                     }
                     if (!a.quality.withheld()) return a.fraction > b.fraction;
                     return s.skills[a.skill].slug < s.skills[b.skill].slug;
                   });
  return f;
}

std::vector<engine::MonthStats> SalaryTrendOf(const QueryContext& ctx,
                                              const ResolvedFilter& filter,
                                              int32_t role,
                                              absl::CivilMonth first,
                                              absl::CivilMonth last) {
  return engine::ComputeTrend(
      engine::CollectDatedPay(ctx.snapshot, filter.Pay(role)), first, last,
      ctx.privacy_floor);
}

std::vector<VerdictFigures> VerdictsOf(const std::vector<RoleFigures>& roles) {
  std::vector<VerdictFigures> verdicts;
  verdicts.reserve(std::size(engine::kVerdictMetrics));
  for (engine::VerdictMetric metric : engine::kVerdictMetrics) {
    VerdictFigures v;
    v.inputs.reserve(roles.size());
    for (const RoleFigures& f : roles) {
      v.inputs.push_back(engine::IsPayMetric(metric)
                             ? PayInput(metric, f.pay)
                             : DemandInput(metric, *f.demand));
    }
    v.verdict = engine::ComputeVerdict(metric, v.inputs);
    verdicts.push_back(std::move(v));
  }
  return verdicts;
}

std::vector<const engine::OfficialStatistic*> OfficialFiguresOf(
    const QueryContext& ctx, int32_t role, const std::string& currency) {
  return engine::OfficialStatisticsOf(ctx.snapshot, role, currency);
}

std::shared_ptr<const ComparisonVerdicts> MemoisedVerdicts(
    const QueryContext& ctx, const ResolvedFilter& filter,
    const std::vector<int32_t>& roles) {
  if (ctx.verdict_cache == nullptr) return nullptr;
  return ctx.verdict_cache->Get(VerdictKey(ctx, filter, roles));
}

std::shared_ptr<const ComparisonVerdicts> VerdictsFor(
    const QueryContext& ctx, const ResolvedFilter& filter,
    const std::vector<int32_t>& roles,
    const std::vector<RoleFigures>& figures) {
  auto computed = std::make_shared<ComparisonVerdicts>();
  computed->verdicts = VerdictsOf(figures);
  std::vector<std::string> titles;
  for (int32_t r : roles) titles.push_back(ctx.snapshot.roles[r].title);
  for (const VerdictFigures& v : computed->verdicts) {
    computed->sentences.push_back(
        VerdictSentence(v.verdict, titles, filter.currency_code));
  }
  for (const RoleFigures& f : figures) {
    computed->pay.push_back(f.pay);
    std::vector<engine::Amount>& p = computed->pay.back().percentiles;
    p.resize(std::min(p.size(), SummaryPercentiles().size()));
  }
  if (ctx.verdict_cache != nullptr) {
    ctx.verdict_cache->Put(VerdictKey(ctx, filter, roles), computed);
  }
  return computed;
}

}  // namespace compdata::api
