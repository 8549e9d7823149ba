// EvaluateOffer and GetRelatedRoles against PostgreSQL on seeded random
// data. Offers: the percentiles, quality and count of the market are
// PostgreSQL's percentile_cont over the same rows (reports banded, D10);
// the rank's counts below and equal to the offer are counted in SQL with
// the offer at its own band's midpoint whenever the sample holds a report;
// position, counter and gap follow from them. Related roles: every other
// role's skill overlap is the GetSkillOverlap answer for the pair, the
// moves come from role_transitions, and the medians of the moves are
// PostgreSQL's.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tests/query/expectations.h"
#include "tests/query/oracle_fixture.h"
#include "tests/query/random_requests.h"

namespace compdata::testing::query {
namespace {

constexpr int kOffers = 120;

struct OfferCase {
  std::string role;
  Filter market;  // the equivalent SalaryFilter
  v1::EvaluateOfferRequest request;
  int64_t annual_cents = 0;
};

// A value of the role's records to offer (ties with postings and reports),
// or a random one; annual cents.
int64_t OfferTarget(Rng& rng, const DataSet& data, const std::string& role) {
  const int kind = Weighted(rng, {40, 30, 30});
  for (int attempt = 0; kind > 0 && attempt < 50; ++attempt) {
    if (kind == 1) {
      const PostingModel& p = Pick(rng, data.posting_models);
      if (p.role == role && p.has_pay &&
          (p.annual_min_cents + p.annual_max_cents) % 2 == 0) {
        return (p.annual_min_cents + p.annual_max_cents) / 2;
      }
    } else {
      const ReportModel& r = Pick(rng, data.report_models);
      if (r.role == role) {
        return Chance(rng, 0.5) ? r.base_cents
                                : r.base_cents + r.bonus_cents + r.equity_cents;
      }
    }
  }
  return UniformInt(rng, 3'000'000, 30'000'000);
}

// Sets `money` to `cents` in `currency`.
void SetCents(google::type::Money* money, const std::string& currency,
              int64_t cents) {
  money->set_currency_code(currency);
  money->set_units(cents / 100);
  money->set_nanos(static_cast<int32_t>(cents % 100) * 10'000'000);
}

// The offer quoted per a random period (so it annualises to whole cents),
// as a total, a base alone or a base with a bonus.
void SetOffer(Rng& rng, int64_t target, const std::string& currency,
              OfferCase* c) {
  static const std::vector<std::pair<v1::PayPeriod, int64_t>> kPeriods = {
      {v1::PAY_PERIOD_UNSPECIFIED, 1},
      {v1::PAY_PERIOD_YEAR, 1},
      {v1::PAY_PERIOD_MONTH, 12},
      {v1::PAY_PERIOD_WEEK, 52},
      {v1::PAY_PERIOD_HOUR, 2080}};
  const auto& [period, factor] = Pick(rng, kPeriods);
  const int64_t per_period = std::max<int64_t>(1, target / factor);
  c->annual_cents = per_period * factor;
  v1::Offer* offer = c->request.mutable_offer();
  offer->set_pay_period(period);
  const int shape = Weighted(rng, {50, 30, 20});
  if (shape == 0) {
    SetCents(offer->mutable_total(), currency, per_period);
    c->market.component = v1::PAY_COMPONENT_TOTAL;
  } else if (shape == 1) {
    SetCents(offer->mutable_base(), currency, per_period);
    c->market.component = v1::PAY_COMPONENT_BASE;
  } else {
    const int64_t bonus = per_period / 10;
    SetCents(offer->mutable_base(), currency, per_period - bonus);
    SetCents(offer->mutable_bonus(), currency, bonus);
    c->market.component = v1::PAY_COMPONENT_TOTAL;
  }
}

OfferCase RandomOffer(Rng& rng, const DataSet& data) {
  OfferCase c;
  c.role = Pick(rng, OracleRoles());
  c.request.set_role(RandomRoleName(rng, c.role));
  // The market's fields from a random filter, one level and metro at most.
  const Filter f = RandomFilter(rng, data, /*pay_fields=*/true);
  if (!f.seniority.empty()) {
    c.market.seniority = {f.seniority[0]};
    c.request.set_seniority_level(f.seniority[0]);
  }
  if (!f.metros.empty()) {
    c.market.metros = {f.metros[0]};
    c.request.set_metro(f.metros[0]);
  }
  c.market.remote = f.remote;
  c.request.set_remote(f.remote);
  c.market.start = f.start;
  c.market.end = f.end;
  *c.request.mutable_time_window() = c.market.ToProto().time_window();
  c.market.source = f.source;
  c.request.set_data_source(f.source);
  c.market.currency = Chance(rng, 0.85) ? "USD" : "EUR";
  SetOffer(rng, OfferTarget(rng, data, c.role), c.market.currency, &c);
  return c;
}

int64_t Cents(const google::type::Money& m) {
  int64_t cents = 0;
  EXPECT_TRUE(ToCents(m, &cents));
  return cents;
}

// Position, counter and gap from the shown percentiles and the offer as
// compared, by the contract's definitions.
void ExpectPlacement(const v1::EvaluateOfferResponse& r, const OfferCase& c,
                     int64_t compared) {
  const int64_t p[5] = {Cents(r.p10_to_p90().low()),
                        Cents(r.interquartile_range().low()), Cents(r.median()),
                        Cents(r.interquartile_range().high()),
                        Cents(r.p10_to_p90().high())};
  int at_or_below = 0;
  for (int64_t v : p) at_or_below += v <= compared ? 1 : 0;
  EXPECT_EQ(r.position(), 1 + at_or_below);
  const int64_t offer = c.annual_cents;
  int64_t low = 0, high = 0;
  v1::CounterRule rule;
  if (compared < p[2]) {
    rule = v1::COUNTER_RULE_RAISE_TO_MEDIAN, low = p[2], high = p[3];
  } else if (compared < p[3]) {
    rule = v1::COUNTER_RULE_REACH_UPPER_QUARTILE, low = p[3], high = p[4];
  } else if (compared < p[4]) {
    rule = v1::COUNTER_RULE_UP_TO_P90, low = std::min(offer, p[4]), high = p[4];
  } else {
    rule = v1::COUNTER_RULE_AT_MARKET_TOP, low = offer, high = offer;
  }
  EXPECT_EQ(r.counter().rule(), rule);
  EXPECT_EQ(Cents(r.counter().range().low()), low);
  EXPECT_EQ(Cents(r.counter().range().high()), high);
  EXPECT_FALSE(r.counter().explanation().empty());
  EXPECT_EQ(Cents(r.gap_to_median()), offer - p[2]);
  ASSERT_NE(p[2], 0);
  EXPECT_DOUBLE_EQ(r.gap_to_median_fraction(),
                   static_cast<double>(offer - p[2]) / 100 /
                       (static_cast<double>(p[2]) / 100));
}

struct Tally {
  int shown = 0, withheld = 0, banded = 0, exact = 0, ties = 0;
  std::set<int> rules;
};

void ExpectOffer(const v1::EvaluateOfferResponse& r, const OfferCase& c,
                 const PayFigures& pay, const RankFigures& rank, Tally* tally) {
  const std::string& currency = c.market.EffectiveCurrency();
  EXPECT_EQ(r.role().slug(), c.role);
  EXPECT_EQ(Cents(r.annual_offer()), c.annual_cents);
  EXPECT_EQ(r.annual_offer().currency_code(), currency);
  EXPECT_EQ(r.compared_component(), c.market.component);
  ExpectQuality(r.quality(), pay, kDefaultPrivacyFloor);
  EXPECT_EQ(rank.n, pay.n);
  EXPECT_EQ(rank.reports, pay.reports);
  if (SuppressionFor(pay, kDefaultPrivacyFloor) !=
      v1::SUPPRESSION_REASON_UNSPECIFIED) {
    ++tally->withheld;
    EXPECT_FALSE(r.has_percentile_rank());
    EXPECT_EQ(r.position(), v1::OFFER_POSITION_UNSPECIFIED);
    EXPECT_FALSE(r.has_counter());
    EXPECT_FALSE(r.has_median() || r.has_p10_to_p90() ||
                 r.has_interquartile_range() || r.has_gap_to_median());
    return;
  }
  ++tally->shown;
  ++(rank.reports > 0 ? tally->banded : tally->exact);
  if (rank.equal > 0) ++tally->ties;
  // Postings alone: the offer itself; with reports: its band's midpoint.
  if (rank.reports == 0) {
    EXPECT_EQ(rank.compared_cents, c.annual_cents);
  }
  EXPECT_EQ(
      r.explanation().find("midpoint of its pay band") != std::string::npos,
      rank.reports > 0);
  EXPECT_EQ(r.percentile_rank(), rank.mid_rank)
      << "below " << rank.below << " equal " << rank.equal << " of " << rank.n;
  EXPECT_TRUE(MoneyIs(r.p10_to_p90().low(), pay.percentiles[0], currency));
  EXPECT_TRUE(
      MoneyIs(r.interquartile_range().low(), pay.percentiles[1], currency));
  EXPECT_TRUE(MoneyIs(r.median(), pay.percentiles[2], currency));
  EXPECT_TRUE(
      MoneyIs(r.interquartile_range().high(), pay.percentiles[3], currency));
  EXPECT_TRUE(MoneyIs(r.p10_to_p90().high(), pay.percentiles[4], currency));
  ExpectPlacement(r, c, rank.compared_cents);
  tally->rules.insert(r.counter().rule());
}

using OfferRelatedOracleTest = OracleTest;

TEST_P(OfferRelatedOracleTest, OffersMatchSql) {
  ASSERT_TRUE(WaitForIngested());
  Tally tally;
  FailureBudget budget;
  for (int i = 0; i < kOffers; ++i) {
    const OfferCase c = RandomOffer(rng_, data_);
    SCOPED_TRACE(c.request.ShortDebugString());
    const PayFigures pay = oracle_->Pay(c.role, c.market, DefaultPercentiles());
    const RankFigures rank =
        oracle_->OfferRank(c.role, c.market, c.annual_cents);
    auto response = reader_->Offer(c.request);
    ASSERT_TRUE(IsOk(response));
    EXPECT_EQ(response->metadata().data_version(), version_);
    ExpectOffer(*response, c, pay, rank, &tally);
    if (budget.Failed()) {
      std::printf("answer: %s\n", response->ShortDebugString().c_str());
    }
    if (budget.Exhausted()) return;
  }
  std::printf(
      "data set %llu: %d offers: %d shown (%d banded, %d exact, %d with "
      "ties), %d withheld, %zu counter rules seen\n",
      static_cast<unsigned long long>(GetParam()), kOffers, tally.shown,
      tally.banded, tally.exact, tally.ties, tally.withheld,
      tally.rules.size());
  // The requests must reach every outcome.
  EXPECT_GE(tally.shown, 30);
  EXPECT_GE(tally.withheld, 3);
  EXPECT_GE(tally.banded, 10);
  EXPECT_GE(tally.exact, 3);
  EXPECT_GE(tally.ties, 3);
  EXPECT_EQ(tally.rules.size(), 4u);
}

// The expected related roles of `role`: every other role that shares a top
// skill (the pair's GetSkillOverlap answer) or has a move with it (SQL).
struct Expected {
  std::string slug;
  double relatedness = 0;
  v1::SkillOverlap overlap;
  const TransitionRow* to = nullptr;
  const TransitionRow* from = nullptr;
};

std::vector<Expected> ExpectedRelated(const Reader& reader,
                                      const std::vector<std::string>& slugs,
                                      const std::vector<TransitionRow>& moves,
                                      const std::string& role,
                                      const v1::SalaryFilter& filter,
                                      int top_n) {
  std::vector<Expected> out;
  for (const std::string& other : slugs) {
    if (other == role) continue;
    Expected e;
    e.slug = other;
    v1::GetSkillOverlapRequest pair;
    pair.add_roles(role);
    pair.add_roles(other);
    pair.set_top_n(top_n);
    *pair.mutable_filter() = filter;
    auto overlap = reader.Overlap(pair);
    EXPECT_TRUE(IsOk(overlap));
    if (!overlap.ok()) return {};
    e.overlap = overlap->overlap();
    for (const TransitionRow& t : moves) {
      if (t.from == role && t.to == other) e.to = &t;
      if (t.from == other && t.to == role) e.from = &t;
    }
    if (e.overlap.overlap_count() == 0 && !e.to && !e.from) continue;
    const double weight =
        std::max(e.to ? e.to->weight : 0, e.from ? e.from->weight : 0);
    e.relatedness = 0.5 * e.overlap.jaccard_index() + 0.5 * weight;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Expected& a, const Expected& b) {
    if (a.relatedness != b.relatedness) return a.relatedness > b.relatedness;
    return a.slug < b.slug;
  });
  return out;
}

void ExpectMove(const v1::CareerTransition& t, const TransitionRow& row,
                SqlOracle& oracle, const Filter& filter) {
  EXPECT_EQ(t.from_role().slug(), row.from);
  EXPECT_EQ(t.to_role().slug(), row.to);
  EXPECT_EQ(t.weight(), row.weight);
  EXPECT_EQ(absl::AsciiStrToLower(v1::TransitionKind_Name(t.kind())),
            "transition_kind_" + row.kind);
  const std::string currency = filter.EffectiveCurrency();
  const PayFigures from = oracle.Pay(row.from, filter, {50});
  const PayFigures to = oracle.Pay(row.to, filter, {50});
  ExpectQuality(t.from_quality(), from, kDefaultPrivacyFloor);
  ExpectQuality(t.to_quality(), to, kDefaultPrivacyFloor);
  if (t.has_from_median()) {
    EXPECT_TRUE(MoneyIs(t.from_median(), from.percentiles[0], currency));
  }
  if (t.has_to_median()) {
    EXPECT_TRUE(MoneyIs(t.to_median(), to.percentiles[0], currency));
  }
  EXPECT_EQ(t.has_pay_change(), t.has_from_median() && t.has_to_median());
  if (t.has_pay_change()) {
    EXPECT_EQ(Cents(t.pay_change()),
              Cents(t.to_median()) - Cents(t.from_median()));
  }
}

TEST_P(OfferRelatedOracleTest, RelatedRolesMatchOverlapsAndSql) {
  ASSERT_TRUE(WaitForIngested());
  std::vector<std::string> slugs;
  for (const pqxx::row& row : oracle_->Query("SELECT slug FROM roles")) {
    slugs.push_back(row[0].as<std::string>());
  }
  const std::vector<TransitionRow> moves = oracle_->Transitions();
  ASSERT_FALSE(moves.empty());
  int listed = 0, by_move_only = 0;
  for (const std::string& role : slugs) {
    Filter filter = RandomFilter(rng_, data_, /*pay_fields=*/true);
    filter.end = data_.now;  // demand at the data set's "now"
    const int top_n =
        static_cast<int>(Pick(rng_, std::vector<int64_t>{0, 3, 8, 12}));
    SCOPED_TRACE(
        absl::StrCat(role, " top_n=", top_n, " ", filter.DebugString()));
    const std::vector<Expected> want =
        ExpectedRelated(*reader_, slugs, moves, role, filter.ToProto(), top_n);
    v1::GetRelatedRolesRequest request;
    request.set_role(role);
    *request.mutable_filter() = filter.ToProto();
    request.set_top_n(top_n);
    request.set_max_results(50);
    auto response = reader_->Related(request);
    ASSERT_TRUE(IsOk(response));
    ASSERT_EQ(response->related_roles_size(), static_cast<int>(want.size()));
    for (size_t i = 0; i < want.size(); ++i) {
      const v1::RelatedRole& got = response->related_roles(static_cast<int>(i));
      const Expected& e = want[i];
      SCOPED_TRACE(e.slug);
      EXPECT_EQ(got.role().slug(), e.slug);
      EXPECT_EQ(got.relatedness(), e.relatedness);
      EXPECT_EQ(got.skill_overlap().SerializeAsString(),
                e.overlap.SerializeAsString());
      std::vector<int> reasons(got.reasons().begin(), got.reasons().end());
      std::vector<int> expected_reasons;
      if (e.overlap.overlap_count() > 0) expected_reasons.push_back(1);
      if (e.to) expected_reasons.push_back(2);
      if (e.from) expected_reasons.push_back(3);
      EXPECT_EQ(reasons, expected_reasons);
      EXPECT_EQ(got.has_transition_to(), e.to != nullptr);
      EXPECT_EQ(got.has_transition_from(), e.from != nullptr);
      if (e.to) ExpectMove(got.transition_to(), *e.to, *oracle_, filter);
      if (e.from) ExpectMove(got.transition_from(), *e.from, *oracle_, filter);
      ++listed;
      if (e.overlap.overlap_count() == 0) ++by_move_only;
    }
    // max_results cuts the same list.
    request.set_max_results(2);
    auto two = reader_->Related(request);
    ASSERT_TRUE(IsOk(two));
    ASSERT_EQ(two->related_roles_size(),
              std::min<int>(2, static_cast<int>(want.size())));
    for (int i = 0; i < two->related_roles_size(); ++i) {
      EXPECT_EQ(two->related_roles(i).SerializeAsString(),
                response->related_roles(i).SerializeAsString());
    }
  }
  std::printf(
      "data set %llu: %zu roles, %d related listed (%d by a move "
      "alone)\n",
      static_cast<unsigned long long>(GetParam()), slugs.size(), listed,
      by_move_only);
  EXPECT_GT(listed, static_cast<int>(slugs.size()));
  EXPECT_GT(by_move_only, 0);
}

INSTANTIATE_TEST_SUITE_P(DataSets, OfferRelatedOracleTest,
                         ::testing::Values(kOracleSeeds[0], kOracleSeeds[2]));

}  // namespace
}  // namespace compdata::testing::query
