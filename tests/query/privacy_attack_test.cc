// D10 against a live server: every attack class that read one planted
// self-reported salary back (extremes, odd medians, mean x count of two
// groups one record apart across every filter dimension and list, a window
// moved by one second, order statistics of overlapping groups, trend
// buckets, per-level and career medians, CompareRoles, premiums, cached and
// uncached answers) is played twice: with the planted report at one end of
// its pay bands and, re-sent, at the other end. Every answer must be the
// same byte for byte, so no attack can place the report more precisely than
// its bands; re-sent into other bands, the attacks do see it (they are
// aimed right). The recovered figures are checked against the bound too.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "core/engine/privacy.h"
#include "tests/query/data_gen.h"
#include "tests/query/query_fixture.h"

namespace compdata::testing::query {
namespace {

constexpr char kRole[] = "ai-engineer";
constexpr char kOtherRole[] = "software-engineer";
constexpr char kMetro[] = "Attack City";
constexpr char kOtherMetro[] = "Control Town";
constexpr char kCompany[] = "Plantco";

// The planted report's pay, in cents.
struct Pay {
  int64_t base = 0;
  int64_t bonus = 0;
  int64_t equity = 0;
  int64_t total() const { return base + bonus + equity; }
};

double Units(const google::type::Money& m) {
  return static_cast<double>(m.units()) + m.nanos() / 1e9;
}

v1::SalaryReport Report(const std::string& id, const std::string& metro,
                        const std::string& company, absl::Time at,
                        const Pay& pay) {
  v1::SalaryReport r;
  r.set_source("attack");
  r.set_source_id(id);
  r.set_role(kRole);
  r.set_seniority(v1::SENIORITY_LEVEL_SENIOR);
  r.set_company(company);
  r.set_metro(metro);
  r.set_pay_period(v1::PAY_PERIOD_YEAR);
  *r.mutable_base() = Money("USD", pay.base);
  *r.mutable_bonus() = Money("USD", pay.bonus);
  *r.mutable_equity_per_year() = Money("USD", pay.equity);
  *r.mutable_reported_at() = Timestamp(at);
  return r;
}

// Two values of one pay band, near its two ends.
std::pair<int64_t, int64_t> EndsOfBand(int64_t cents) {
  const engine::PayBand b = engine::BandOf(cents);
  return {b.low_cents + 1, b.high_cents - 2};
}

// Two pays whose base, bonus, equity and total each share a band, with every
// component as far apart as its band allows (the total's band permitting).
std::pair<Pay, Pay> FarApartInOneBand() {
  for (int64_t base = 28'000'000; base < 40'000'000; base += 100'000) {
    const auto [base_low, base_high] = EndsOfBand(base);
    const auto [bonus_low, bonus_high] = EndsOfBand(6'000'000);
    const auto [equity_low, equity_high] = EndsOfBand(9'000'000);
    const Pay low{base_low, bonus_low, equity_low};
    const engine::PayBand total = engine::BandOf(low.total());
    const int64_t equity =
        std::min(equity_high, total.high_cents - 1 - base_high - bonus_high);
    if (equity > equity_low) {
      return {low, Pay{base_high, bonus_high, equity}};
    }
  }
  ADD_FAILURE() << "no base gives one band for both totals";
  return {};
}

class PrivacyAttackTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    now_ = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
    planted_at_ = now_ - absl::Hours(24 * 20);
    std::vector<v1::SalaryReport> background;
    // Every other report of the planted one's metro is dated after it, so a
    // window starting one second later leaves out exactly the planted one.
    for (int i = 0; i < 8; ++i) {
      const Pay pay{9'000'000 + 700'000 * i, 500'000 + 90'000 * i,
                    1'000'000 + 110'000 * i};
      background.push_back(Report(absl::StrCat("bg-", i), kMetro, "Acme",
                                  planted_at_ + absl::Hours(1 + i), pay));
    }
    for (int i = 0; i < 6; ++i) {
      const Pay pay{8'000'000 + 500'000 * i, 400'000 + 50'000 * i,
                    900'000 + 60'000 * i};
      background.push_back(Report(absl::StrCat("ctl-", i), kOtherMetro,
                                  "Globex", planted_at_ + absl::Hours(2 + i),
                                  pay));
    }
    IngestReports(background);
    std::vector<v1::JobPosting> postings;
    for (int i = 0; i < 6; ++i) {
      v1::JobPosting p;
      p.set_source("attack");
      p.set_source_id(absl::StrCat("post-", i));
      p.set_role(kRole);
      p.set_metro(kMetro);
      p.set_company("Acme");
      p.set_seniority(v1::SENIORITY_LEVEL_SENIOR);
      *p.mutable_pay_min() = Money("USD", 10'000'000 + 300'000 * i);
      *p.mutable_pay_max() = Money("USD", 12'000'000 + 300'000 * i);
      p.set_pay_period(v1::PAY_PERIOD_YEAR);
      *p.mutable_posted_at() = Timestamp(planted_at_ + absl::Hours(3 + i));
      postings.push_back(p);
    }
    IngestPostings(postings);
  }

  // Re-sends the planted report with `pay` and waits for the snapshot.
  void Plant(const Pay& pay) {
    IngestReports({Report("planted", kMetro, kCompany, planted_at_, pay)});
    ASSERT_TRUE(WaitForIngested());
  }

  // The filters of the attacks: each dimension and list with and without
  // the planted report, windows one second apart.
  std::vector<std::pair<std::string, v1::SalaryFilter>> Filters() const {
    std::vector<std::pair<std::string, v1::SalaryFilter>> out;
    auto add = [&](std::string name,
                   const std::function<void(v1::SalaryFilter&)>& edit) {
      v1::SalaryFilter f;
      edit(f);
      out.emplace_back(std::move(name), f);
    };
    add("all", [](v1::SalaryFilter&) {});
    add("metro", [](v1::SalaryFilter& f) { f.add_metros(kMetro); });
    add("metro+other", [](v1::SalaryFilter& f) {
      f.add_metros(kMetro);
      f.add_metros(kOtherMetro);
    });
    add("other metro", [](v1::SalaryFilter& f) { f.add_metros(kOtherMetro); });
    add("companies", [](v1::SalaryFilter& f) {
      f.add_companies("Acme");
      f.add_companies(kCompany);
    });
    add("company", [](v1::SalaryFilter& f) { f.add_companies("Acme"); });
    add("senior", [](v1::SalaryFilter& f) {
      f.add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
    });
    add("senior+staff", [](v1::SalaryFilter& f) {
      f.add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
      f.add_seniority_levels(v1::SENIORITY_LEVEL_STAFF);
    });
    add("on site", [](v1::SalaryFilter& f) {
      f.set_remote(v1::REMOTE_FILTER_ON_SITE_ONLY);
    });
    for (int shift : {-1, 1}) {
      add(absl::StrCat("window ", shift, "s"), [&](v1::SalaryFilter& f) {
        f.add_metros(kMetro);
        *f.mutable_time_window()->mutable_start_time() =
            Timestamp(planted_at_ + absl::Seconds(shift));
      });
    }
    return out;
  }

  // Every attack's answer, metadata removed, as bytes.
  std::vector<std::pair<std::string, std::string>> Answers() const {
    std::vector<std::pair<std::string, std::string>> out;
    auto keep = [&](const std::string& name, auto response) {
      EXPECT_TRUE(IsOk(response)) << name;
      if (!response.ok()) return;
      response->clear_metadata();
      out.emplace_back(name, response->SerializeAsString());
    };
    const std::vector<v1::PayComponent> components = {
        v1::PAY_COMPONENT_TOTAL, v1::PAY_COMPONENT_BASE,
        v1::PAY_COMPONENT_BONUS, v1::PAY_COMPONENT_EQUITY};
    for (const auto& [filter_name, filter] : Filters()) {
      for (v1::PayComponent component : components) {
        for (auto source :
             {v1::DATA_SOURCE_UNSPECIFIED, v1::DATA_SOURCE_REPORTS}) {
          // Extremes and the median, then the order statistics of groups
          // of n at 100 i / (n - 1).
          std::vector<std::vector<double>> lists = {{0, 50, 100}};
          for (int n = 6; n <= 16; ++n) {
            lists.emplace_back();
            for (int i = 0; i < n; ++i)
              lists.back().push_back(100.0 * i / (n - 1));
          }
          for (const std::vector<double>& percentiles : lists) {
            v1::GetSalaryDistributionRequest d;
            d.set_role(kRole);
            *d.mutable_filter() = filter;
            d.mutable_filter()->set_pay_component(component);
            d.mutable_filter()->set_data_source(source);
            for (double p : percentiles) d.add_percentiles(p);
            const std::string name =
                absl::StrCat("distribution ", filter_name, " ", component, " ",
                             source, " n=", percentiles.size());
            // Asked twice: the second answer comes from the response cache.
            keep(name, reader_->Distribution(d));
            keep(name + " cached", reader_->Distribution(d));
          }
        }
        v1::CompareRolesRequest c;
        c.add_roles(kRole);
        c.add_roles(kOtherRole);
        *c.mutable_filter() = filter;
        c.mutable_filter()->set_pay_component(component);
        c.add_percentiles(0);
        c.add_percentiles(100);
        keep(absl::StrCat("compare ", filter_name, " ", component),
             reader_->Compare(c));
      }
      if (!filter.has_time_window() && filter.seniority_levels_size() == 0) {
        v1::GetCareerPathRequest career;
        career.set_role(kRole);
        *career.mutable_filter() = filter;
        keep("career " + filter_name, reader_->Career(career));
        for (auto component :
             {v1::PAY_COMPONENT_TOTAL, v1::PAY_COMPONENT_BONUS}) {
          v1::GetSalaryTrendRequest trend;
          trend.set_role(kRole);
          *trend.mutable_filter() = filter;
          trend.mutable_filter()->set_pay_component(component);
          trend.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
          keep(absl::StrCat("trend ", filter_name, " ", component),
               reader_->Trend(trend));
        }
      }
    }
    v1::GetSkillPremiumsRequest premiums;
    premiums.set_role(kRole);
    premiums.set_min_sample_size(1);
    keep("premiums", reader_->Premiums(premiums));
    for (const v1::EvaluateOfferRequest& offer : OfferAttacks()) {
      keep("offer " + offer.ShortDebugString(), reader_->Offer(offer));
    }
    return out;
  }

  // EvaluateOffer over the planted report's market: a grid of totals and
  // bases across its pay, in its metro or not, at its level or any, with
  // windows one second either side of it, both sources or reports alone.
  std::vector<v1::EvaluateOfferRequest> OfferAttacks() const {
    std::vector<v1::EvaluateOfferRequest> out;
    for (const char* metro : {"", kMetro, kOtherMetro}) {
      for (auto level :
           {v1::SENIORITY_LEVEL_UNSPECIFIED, v1::SENIORITY_LEVEL_SENIOR}) {
        for (int shift : {0, -1, 1}) {
          for (auto source :
               {v1::DATA_SOURCE_UNSPECIFIED, v1::DATA_SOURCE_REPORTS}) {
            for (int64_t units = 250'000; units <= 650'000; units += 50'000) {
              v1::EvaluateOfferRequest r;
              r.set_role(kRole);
              r.set_metro(metro);
              r.set_seniority_level(level);
              r.set_data_source(source);
              if (shift != 0) {
                *r.mutable_time_window()->mutable_start_time() =
                    Timestamp(planted_at_ + absl::Seconds(shift));
              }
              google::type::Money* amount =
                  units <= 450'000 && units % 100'000 == 50'000
                      ? r.mutable_offer()->mutable_base()
                      : r.mutable_offer()->mutable_total();
              *amount = Money("USD", units * 100);
              out.push_back(r);
            }
          }
        }
      }
    }
    return out;
  }

  // `market` with a total offer of `cents` a year.
  v1::EvaluateOfferResponse OfferOf(v1::EvaluateOfferRequest market,
                                    int64_t cents) const {
    *market.mutable_offer()->mutable_total() = Money("USD", cents);
    auto response = reader_->Offer(market);
    EXPECT_TRUE(IsOk(response));
    return response.ok() ? *response : v1::EvaluateOfferResponse();
  }

  // Offers from the band below `cents`'s to the band above it: both edges
  // of each band and a few dozen values between.
  static std::vector<int64_t> OffersAround(int64_t cents) {
    const engine::PayBand band = engine::BandOf(cents);
    const int64_t from = engine::BandOf(band.low_cents - 1).low_cents;
    const int64_t to = engine::BandOf(band.high_cents).high_cents;
    std::vector<int64_t> offers;
    for (int64_t c = from; c < to; c += (to - from) / 97) offers.push_back(c);
    for (int64_t edge : {band.low_cents - 1, band.low_cents,
                         band.high_cents - 1, band.high_cents, to - 1}) {
      offers.push_back(edge);
    }
    return offers;
  }

  // The classic differencing attack: mean x count of the planted report's
  // metro from one second before it, minus the same from one second after.
  double MeanTimesCountDifference(v1::PayComponent component) const {
    auto sum = [&](int shift) {
      v1::GetSalaryDistributionRequest d;
      d.set_role(kRole);
      d.mutable_filter()->add_metros(kMetro);
      d.mutable_filter()->set_pay_component(component);
      d.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
      *d.mutable_filter()->mutable_time_window()->mutable_start_time() =
          Timestamp(planted_at_ + absl::Seconds(shift));
      auto r = reader_->Distribution(d);
      EXPECT_TRUE(IsOk(r));
      if (!r.ok()) return 0.0;
      EXPECT_TRUE(r->distribution().has_mean());
      return Units(r->distribution().mean()) *
             static_cast<double>(r->distribution().count());
    };
    return sum(-1) - sum(1);
  }

  absl::Time now_;
  absl::Time planted_at_;
};

TEST_F(PrivacyAttackTest, NoAttackPlacesAReportInsideItsBand) {
  // The planted report leads its metro on every component, so p100 and max
  // are its own value where nothing protects it.
  const auto [low, high] = FarApartInOneBand();
  ASSERT_GT(high.base - low.base, 2'000'000);  // 20,000: far apart
  ASSERT_GT(high.bonus - low.bonus, 400'000);

  Plant(low);
  const auto answers_low = Answers();
  const double recovered_bonus =
      MeanTimesCountDifference(v1::PAY_COMPONENT_BONUS);
  Plant(high);
  const auto answers_high = Answers();
  ASSERT_EQ(answers_low.size(), answers_high.size());
  ASSERT_GT(answers_low.size(), 400u);
  int differing = 0;
  for (size_t i = 0; i < answers_low.size(); ++i) {
    if (answers_low[i].second != answers_high[i].second) {
      ADD_FAILURE() << answers_low[i].first
                    << " tells two values of one band apart";
      if (++differing > 10) break;
    }
  }
  // The differencing attack recovers the band's midpoint in both worlds,
  // so it misses at least one of them by half the distance between them.
  EXPECT_NEAR(MeanTimesCountDifference(v1::PAY_COMPONENT_BONUS),
              recovered_bonus, 0.5);
  const double band_mid =
      static_cast<double>(engine::BandedCents(low.bonus)) / 100;
  EXPECT_NEAR(recovered_bonus, band_mid, 0.1 * 9);  // cents of 9 means
  EXPECT_GT(std::max(std::abs(recovered_bonus - low.bonus / 100.0),
                     std::abs(recovered_bonus - high.bonus / 100.0)),
            (high.bonus - low.bonus) / 100.0 / 2 - 1);

  // Re-sent into other bands, the same attacks do see the report.
  Plant(Pay{low.base * 2, low.bonus * 2, low.equity * 2});
  const auto answers_moved = Answers();
  int seen = 0;
  for (size_t i = 0; i < answers_low.size(); ++i) {
    if (answers_low[i].second != answers_moved[i].second) ++seen;
  }
  EXPECT_GT(seen, static_cast<int>(answers_low.size()) / 4);
  EXPECT_NEAR(MeanTimesCountDifference(v1::PAY_COMPONENT_BONUS),
              static_cast<double>(engine::BandedCents(low.bonus * 2)) / 100,
              0.1 * 9);
}

TEST_F(PrivacyAttackTest, ExtremesAreTheBandMidpointAndMarkedBanded) {
  const Pay pay{31'234'567, 6'123'456, 9'345'678};
  Plant(pay);
  for (auto [component, cents] :
       std::vector<std::pair<v1::PayComponent, int64_t>>{
           {v1::PAY_COMPONENT_BASE, pay.base},
           {v1::PAY_COMPONENT_BONUS, pay.bonus},
           {v1::PAY_COMPONENT_EQUITY, pay.equity},
           {v1::PAY_COMPONENT_TOTAL, pay.total()}}) {
    v1::GetSalaryDistributionRequest d;
    d.set_role(kRole);
    d.mutable_filter()->add_metros(kMetro);
    d.mutable_filter()->set_pay_component(component);
    d.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
    d.add_percentiles(100);
    auto r = reader_->Distribution(d);
    ASSERT_TRUE(IsOk(r));
    SCOPED_TRACE(component);
    const engine::PayBand band = engine::BandOf(cents);
    EXPECT_EQ(Units(r->distribution().max()),
              static_cast<double>(band.representative_cents) / 100);
    EXPECT_EQ(Units(r->distribution().percentiles(0).value()),
              Units(r->distribution().max()));
    EXPECT_NE(Units(r->distribution().max()), cents / 100.0);
    EXPECT_EQ(r->quality().privacy_protection(), v1::PRIVACY_PROTECTION_BANDED);
  }
  // Postings alone stay exact, and say so.
  v1::GetSalaryDistributionRequest postings;
  postings.set_role(kRole);
  postings.mutable_filter()->add_metros(kMetro);
  postings.mutable_filter()->set_data_source(v1::DATA_SOURCE_POSTINGS);
  auto r = reader_->Distribution(postings);
  ASSERT_TRUE(IsOk(r));
  EXPECT_EQ(r->quality().privacy_protection(), v1::PRIVACY_PROTECTION_EXACT);
  EXPECT_EQ(Units(r->distribution().min()), 110'000.0);  // (100k + 120k) / 2
}

// What an offer's answer says about the market, without the parts that
// are the offer's own (its amount, the gap to it, a range starting at it).
std::string MarketAnswer(v1::EvaluateOfferResponse r) {
  r.clear_metadata();
  r.clear_annual_offer();
  r.clear_gap_to_median();
  r.clear_gap_to_median_fraction();
  r.clear_explanation();
  r.mutable_counter()->clear_range();
  r.mutable_counter()->clear_explanation();
  return r.SerializeAsString();
}

TEST_F(PrivacyAttackTest, AnOfferSweepingAReportsBandSeesOneAnswerPerBand) {
  const Pay pay{31'234'567, 6'123'456, 9'345'678};
  Plant(pay);
  // The planted report and the 8 of its metro dated after it: shown.
  v1::EvaluateOfferRequest market;
  market.set_role(kRole);
  market.set_metro(kMetro);
  market.set_data_source(v1::DATA_SOURCE_REPORTS);
  std::map<int64_t, std::string> by_band;  // band's low edge -> answer
  std::set<double> ranks;
  for (int64_t cents : OffersAround(pay.total())) {
    SCOPED_TRACE(cents);
    const v1::EvaluateOfferResponse r = OfferOf(market, cents);
    ASSERT_EQ(r.quality().report_count(), 9);
    ASSERT_TRUE(r.has_percentile_rank());
    ASSERT_EQ(r.quality().privacy_protection(), v1::PRIVACY_PROTECTION_BANDED);
    ranks.insert(r.percentile_rank());
    const std::string answer = MarketAnswer(r);
    auto [it, first] = by_band.emplace(engine::BandOf(cents).low_cents, answer);
    EXPECT_TRUE(first || it->second == answer)
        << "two offers in one band get different answers";
  }
  // The band below the report's, its own, the one above: the report counts
  // above, half, below; and nothing finer.
  EXPECT_EQ(by_band.size(), 3u);
  EXPECT_EQ(ranks, (std::set<double>{100.0 * 16 / 18, 100.0 * 17 / 18, 100}));
}

TEST_F(PrivacyAttackTest, BelowTheFloorNoOfferLearnsAnything) {
  const Pay pay{31'234'567, 6'123'456, 9'345'678};
  Plant(pay);
  // A window holding the planted report alone (the rest of its metro is
  // dated after it): 1 report, below the floor of 5.
  for (auto source : {v1::DATA_SOURCE_UNSPECIFIED, v1::DATA_SOURCE_REPORTS}) {
    v1::EvaluateOfferRequest market;
    market.set_role(kRole);
    market.set_metro(kMetro);
    market.set_data_source(source);
    *market.mutable_time_window()->mutable_start_time() =
        Timestamp(planted_at_);
    *market.mutable_time_window()->mutable_end_time() =
        Timestamp(planted_at_ + absl::Seconds(1));
    std::set<std::string> answers;
    for (int64_t cents : OffersAround(pay.total())) {
      const v1::EvaluateOfferResponse r = OfferOf(market, cents);
      SCOPED_TRACE(r.ShortDebugString());
      EXPECT_EQ(r.quality().suppression_reason(),
                v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR);
      EXPECT_EQ(r.quality().report_count(), 1);
      EXPECT_FALSE(r.has_percentile_rank());
      EXPECT_EQ(r.position(), v1::OFFER_POSITION_UNSPECIFIED);
      EXPECT_FALSE(r.has_counter());
      EXPECT_FALSE(r.has_median() || r.has_gap_to_median() ||
                   r.has_p10_to_p90() || r.has_interquartile_range());
      answers.insert(MarketAnswer(r));
    }
    EXPECT_EQ(answers.size(), 1u) << "an offer's answer depends on the report";
  }
}

}  // namespace
}  // namespace compdata::testing::query
