// Every read RPC's Answer* function in-process, against an in-memory
// snapshot: no server, no PostgreSQL. Validation and every error path name
// their field; a valid request is answered from the snapshot it was given.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "common/status_util.h"
#include "server/api/lru_cache.h"
#include "server/api/read_handlers.h"
#include "tests/support/memory_snapshot.h"
#include "tests/support/status_matchers.h"

namespace compdata::api {
namespace {

using ::compdata::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kFloor = 5;

class AnswerTest : public ::testing::Test {
 protected:
  QueryContext Context(absl::Time deadline = absl::InfiniteFuture()) {
    return QueryContext{*snapshot_, kFloor,   testing::MemoryNow(),
                        deadline,   &demand_, &medians_,
                        &tracked_};
  }

  template <typename Request, typename Response>
  absl::Status Ask(absl::Status (*answer)(const QueryContext&, const Request&,
                                          Response*),
                   const Request& request, Response* response) {
    return answer(Context(), request, response);
  }

  // The request is refused with `code`, naming `field`.
  template <typename Request, typename Response>
  void ExpectRefused(absl::Status (*answer)(const QueryContext&, const Request&,
                                            Response*),
                     const Request& request, absl::StatusCode code,
                     const std::string& field) {
    Response response;
    const absl::Status status = answer(Context(), request, &response);
    EXPECT_THAT(status, StatusIs(code)) << field;
    EXPECT_EQ(FieldOf(status), field) << status;
    EXPECT_FALSE(status.message().empty());
  }

  std::shared_ptr<const engine::Snapshot> snapshot_ =
      testing::MakeMemorySnapshot();
  DemandCache demand_{64};
  MedianCache medians_{64};
  CountCache tracked_{64};
};

constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;

TEST_F(AnswerTest, ListRolesPagesAndRefusesBadPaging) {
  v1::ListRolesRequest request;
  request.set_page_size(3);
  v1::ListRolesResponse first;
  ASSERT_TRUE(Ask(AnswerListRoles, request, &first).ok());
  EXPECT_EQ(first.roles_size(), 3);
  EXPECT_EQ(first.total_size(), 4);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  v1::ListRolesResponse second;
  ASSERT_TRUE(Ask(AnswerListRoles, request, &second).ok());
  ASSERT_EQ(second.roles_size(), 1);
  EXPECT_GT(second.roles(0).slug(), first.roles(2).slug());
  EXPECT_EQ(second.metadata().data_version(), "v1");

  v1::ListRolesRequest negative;
  negative.set_page_size(-1);
  ExpectRefused(AnswerListRoles, negative, kInvalid, "page_size");
  v1::ListRolesRequest other_family = request;
  other_family.set_family("ai");  // a token is bound to its query
  v1::ListRolesResponse refused;
  EXPECT_THAT(Ask(AnswerListRoles, other_family, &refused), StatusIs(kInvalid));
}

TEST_F(AnswerTest, GetRoleResolvesAliasesAndNamesTheMissingRole) {
  v1::GetRoleRequest request;
  request.set_role("ALIAS 1");
  v1::GetRoleResponse response;
  ASSERT_TRUE(Ask(AnswerGetRole, request, &response).ok());
  EXPECT_EQ(response.role().slug(), "software-engineer");

  request.set_role("");
  ExpectRefused(AnswerGetRole, request, kInvalid, "role");
  request.set_role("astronaut");
  ExpectRefused(AnswerGetRole, request, absl::StatusCode::kNotFound, "role");
  v1::GetRoleResponse unknown;
  EXPECT_EQ(ReasonOf(Ask(AnswerGetRole, request, &unknown)),
            std::string(kReasonRoleNotFound));
  request.set_role(std::string(201, 'a'));
  ExpectRefused(AnswerGetRole, request, kInvalid, "role");
}

v1::GetSalaryDistributionRequest Distribution() {
  v1::GetSalaryDistributionRequest request;
  request.set_role("ai-engineer");
  return request;
}

TEST_F(AnswerTest, SalaryDistributionAnswersAndWithholdsBelowTheFloor) {
  v1::GetSalaryDistributionResponse response;
  ASSERT_TRUE(Ask(AnswerSalaryDistribution, Distribution(), &response).ok());
  EXPECT_GT(response.quality().sample_size(), 0);
  EXPECT_EQ(response.distribution().percentiles_size(), 5);
  EXPECT_THAT(response.explanation(), HasSubstr("percentile_cont"));

  // data-scientist has three salary reports: below the floor of 5.
  v1::GetSalaryDistributionRequest few = Distribution();
  few.set_role("data-scientist");
  few.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
  v1::GetSalaryDistributionResponse withheld;
  ASSERT_TRUE(Ask(AnswerSalaryDistribution, few, &withheld).ok());
  EXPECT_EQ(withheld.quality().suppression_reason(),
            v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR);
  // The requested percentiles are listed, their values withheld.
  ASSERT_EQ(withheld.distribution().percentiles_size(), 5);
  for (const v1::PercentileValue& p : withheld.distribution().percentiles()) {
    EXPECT_FALSE(p.has_value());
  }
  EXPECT_FALSE(withheld.distribution().has_mean());
  EXPECT_FALSE(withheld.distribution().has_max());
}

TEST_F(AnswerTest, SalaryDistributionNamesEveryBadField) {
  auto with = [](auto edit) {
    v1::GetSalaryDistributionRequest r = Distribution();
    edit(r);
    return r;
  };
  using R = v1::GetSalaryDistributionRequest;
  const std::vector<std::pair<R, std::string>> cases = {
      {with([](R& r) { r.add_percentiles(50), r.add_percentiles(101); }),
       "percentiles[1]"},
      {with([](R& r) {
         for (int i = 0; i < 21; ++i) r.add_percentiles(i);
       }),
       "percentiles"},
      {with([](R& r) {
         r.mutable_filter()->add_seniority_levels(
             static_cast<v1::SeniorityLevel>(9));
       }),
       "filter.seniority_levels[0]"},
      {with([](R& r) {
         r.mutable_filter()->set_remote(static_cast<v1::RemoteFilter>(7));
       }),
       "filter.remote"},
      {with([](R& r) { r.mutable_filter()->set_currency("XYZ"); }),
       "filter.currency"},
      {with([](R& r) {
         r.mutable_filter()
             ->mutable_time_window()
             ->mutable_start_time()
             ->set_seconds(2000);
         r.mutable_filter()
             ->mutable_time_window()
             ->mutable_end_time()
             ->set_seconds(1000);
       }),
       "filter.time_window"},
      {with([](R& r) {
         r.mutable_filter()
             ->mutable_time_window()
             ->mutable_start_time()
             ->set_nanos(-1);
       }),
       "filter.time_window.start_time"},
      {with([](R& r) {
         r.mutable_filter()->set_pay_component(
             static_cast<v1::PayComponent>(99));
       }),
       "filter.pay_component"},
      {with([](R& r) {
         r.mutable_filter()->set_pay_component(v1::PAY_COMPONENT_BONUS);
         r.mutable_filter()->set_data_source(v1::DATA_SOURCE_POSTINGS);
       }),
       "filter.pay_component"},
      {with([](R& r) {
         r.mutable_filter()->set_data_source(static_cast<v1::DataSource>(9));
       }),
       "filter.data_source"},
      {with([](R& r) {
         for (int i = 0; i < 51; ++i) r.mutable_filter()->add_metros("SF");
       }),
       "filter.metros"},
      {with([](R& r) {
         r.mutable_filter()->add_companies(std::string(201, 'x'));
       }),
       "filter.companies"},
  };
  for (const auto& [request, field] : cases) {
    ExpectRefused(AnswerSalaryDistribution, request, kInvalid, field);
  }
}

TEST_F(AnswerTest, APassedDeadlineIsRefusedBeforeAnyWork) {
  v1::GetSalaryDistributionResponse response;
  const absl::Status status = AnswerSalaryDistribution(
      Context(absl::Now() - absl::Seconds(1)), Distribution(), &response);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(response.has_distribution());
}

TEST_F(AnswerTest, CompareRolesAnswersAndRefusesBadRoleLists) {
  v1::CompareRolesRequest request;
  request.add_roles("ai-engineer");
  request.add_roles("software-engineer");
  request.add_roles("ml-engineer");
  v1::CompareRolesResponse response;
  ASSERT_TRUE(Ask(AnswerCompareRoles, request, &response).ok());
  EXPECT_EQ(response.roles_size(), 3);
  EXPECT_EQ(response.skill_overlaps_size(), 3);
  ASSERT_EQ(response.verdicts_size(), 6);
  for (const v1::Verdict& v : response.verdicts()) {
    EXPECT_FALSE(v.sentence().empty());
  }
  EXPECT_GT(response.total_tracked_postings(), 0);

  v1::CompareRolesRequest one;
  one.add_roles("ai-engineer");
  ExpectRefused(AnswerCompareRoles, one, kInvalid, "roles");
  v1::CompareRolesRequest twice = one;
  twice.add_roles("alias 0");  // ai-engineer again, by its alias
  ExpectRefused(AnswerCompareRoles, twice, kInvalid, "roles[1]");
  v1::CompareRolesRequest seven;
  for (int i = 0; i < 7; ++i) seven.add_roles("ai-engineer");
  ExpectRefused(AnswerCompareRoles, seven, kInvalid, "roles");
  v1::CompareRolesRequest unknown = one;
  unknown.add_roles("astronaut");
  ExpectRefused(AnswerCompareRoles, unknown, absl::StatusCode::kNotFound,
                "roles[1]");
  v1::CompareRolesRequest top = request;
  top.set_top_n(-1);
  ExpectRefused(AnswerCompareRoles, top, kInvalid, "top_n");
  v1::CompareRolesRequest family = request;
  family.set_tracked_family("AI");  // any case
  v1::CompareRolesResponse ai;
  ASSERT_TRUE(Ask(AnswerCompareRoles, family, &ai).ok());
  EXPECT_LT(ai.total_tracked_postings(), response.total_tracked_postings());
  family.set_tracked_family("astronomy");
  ExpectRefused(AnswerCompareRoles, family, absl::StatusCode::kNotFound,
                "tracked_family");
  v1::CompareRolesRequest percentiles = request;
  percentiles.add_percentiles(-5);
  ExpectRefused(AnswerCompareRoles, percentiles, kInvalid, "percentiles[0]");
}

TEST_F(AnswerTest, SkillOverlapTakesExactlyTwoRoles) {
  v1::GetSkillOverlapRequest request;
  request.add_roles("ai-engineer");
  request.add_roles("ml-engineer");
  v1::GetSkillOverlapResponse response;
  ASSERT_TRUE(Ask(AnswerSkillOverlap, request, &response).ok());
  EXPECT_EQ(response.overlap().role_skills_size(), 2);
  EXPECT_EQ(response.overlap().top_n(), 8);

  request.add_roles("data-scientist");
  ExpectRefused(AnswerSkillOverlap, request, kInvalid, "roles");
  v1::GetSkillOverlapRequest top;
  top.add_roles("ai-engineer");
  top.add_roles("ml-engineer");
  top.set_top_n(-2);
  ExpectRefused(AnswerSkillOverlap, top, kInvalid, "top_n");
}

TEST_F(AnswerTest, SkillPremiumsExplainTheirMethodAndRefuseBadInput) {
  v1::GetSkillPremiumsRequest request;
  request.set_role("ai-engineer");
  request.set_min_sample_size(5);
  v1::GetSkillPremiumsResponse response;
  ASSERT_TRUE(Ask(AnswerSkillPremiums, request, &response).ok());
  EXPECT_GT(response.premiums_size(), 0);
  EXPECT_THAT(response.explanation(),
              HasSubstr("(2,000 resamples) when both groups together hold at "
                        "most 10000 postings"));
  EXPECT_THAT(response.explanation(),
              HasSubstr("HIGH if the interval is above 0 and the premium >= "
                        "10%, MEDIUM if above 0 and >= 3%"));

  auto with = [&](auto edit) {
    v1::GetSkillPremiumsRequest r = request;
    edit(r);
    return r;
  };
  using R = v1::GetSkillPremiumsRequest;
  ExpectRefused(AnswerSkillPremiums, with([](R& r) {
                  r.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
                }),
                kInvalid, "filter.data_source");
  ExpectRefused(
      AnswerSkillPremiums, with([](R& r) {
        r.mutable_filter()->set_pay_component(v1::PAY_COMPONENT_EQUITY);
      }),
      kInvalid, "filter.pay_component");
  ExpectRefused(AnswerSkillPremiums,
                with([](R& r) { r.set_min_sample_size(-1); }), kInvalid,
                "min_sample_size");
  ExpectRefused(AnswerSkillPremiums, with([](R& r) { r.set_top_n(-1); }),
                kInvalid, "top_n");
  ExpectRefused(AnswerSkillPremiums,
                with([](R& r) { r.add_skills("s1"), r.add_skills("cobol"); }),
                kInvalid, "skills[1]");
  ExpectRefused(AnswerSkillPremiums, with([](R& r) {
                  for (int i = 0; i < 101; ++i) r.add_skills("s1");
                }),
                kInvalid, "skills");
}

TEST_F(AnswerTest, CareerPathClimbsTheLadder) {
  v1::GetCareerPathRequest request;
  request.set_role("ai-engineer");
  v1::GetCareerPathResponse response;
  ASSERT_TRUE(Ask(AnswerCareerPath, request, &response).ok());
  EXPECT_EQ(response.levels_size(), 3);
  EXPECT_EQ(response.outgoing_transitions_size(), 1);
  EXPECT_EQ(response.incoming_transitions_size(), 2);

  v1::GetCareerPathRequest levels = request;
  levels.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
  ExpectRefused(AnswerCareerPath, levels, kInvalid, "filter.seniority_levels");
  v1::GetCareerPathRequest transitions = request;
  transitions.set_max_transitions(-1);
  ExpectRefused(AnswerCareerPath, transitions, kInvalid, "max_transitions");
}

TEST_F(AnswerTest, SalaryTrendCoversItsMonthsAndRefusesBadOnes) {
  v1::GetSalaryTrendRequest request;
  request.set_role("ai-engineer");
  v1::GetSalaryTrendResponse response;
  ASSERT_TRUE(Ask(AnswerSalaryTrend, request, &response).ok());
  EXPECT_EQ(response.points_size(), 12);

  v1::GetSalaryTrendRequest window = request;
  window.mutable_filter()
      ->mutable_time_window()
      ->mutable_start_time()
      ->set_seconds(1);
  ExpectRefused(AnswerSalaryTrend, window, kInvalid, "filter.time_window");
  v1::GetSalaryTrendRequest day = request;
  day.mutable_end_month()->set_year(2025);
  day.mutable_end_month()->set_month(3);
  day.mutable_end_month()->set_day(4);
  ExpectRefused(AnswerSalaryTrend, day, kInvalid, "end_month");
  v1::GetSalaryTrendRequest long_range = request;
  long_range.mutable_start_month()->set_year(2010);
  long_range.mutable_start_month()->set_month(1);
  ExpectRefused(AnswerSalaryTrend, long_range, kInvalid, "end_month");
  v1::GetSalaryTrendRequest start = request;
  start.mutable_start_month()->set_year(1999);
  start.mutable_start_month()->set_month(1);
  ExpectRefused(AnswerSalaryTrend, start, kInvalid, "start_month");
}

v1::EvaluateOfferRequest Offer(int64_t units, const std::string& currency) {
  v1::EvaluateOfferRequest request;
  request.set_role("ai-engineer");
  request.mutable_offer()->mutable_total()->set_currency_code(currency);
  request.mutable_offer()->mutable_total()->set_units(units);
  return request;
}

TEST_F(AnswerTest, EvaluateOfferPlacesTheOfferInGetSalaryDistributionsSample) {
  v1::EvaluateOfferRequest request = Offer(150'000, "USD");
  request.set_seniority_level(v1::SENIORITY_LEVEL_SENIOR);
  v1::EvaluateOfferResponse offer;
  ASSERT_TRUE(Ask(AnswerEvaluateOffer, request, &offer).ok());
  // The same sample as the distribution with the equivalent filter.
  v1::GetSalaryDistributionRequest same = Distribution();
  same.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
  same.mutable_filter()->set_pay_component(v1::PAY_COMPONENT_TOTAL);
  v1::GetSalaryDistributionResponse distribution;
  ASSERT_TRUE(Ask(AnswerSalaryDistribution, same, &distribution).ok());
  EXPECT_EQ(offer.quality().SerializeAsString(),
            distribution.quality().SerializeAsString());
  ASSERT_EQ(offer.quality().suppression_reason(),
            v1::SUPPRESSION_REASON_UNSPECIFIED);
  const auto& p = distribution.distribution().percentiles();
  EXPECT_EQ(offer.p10_to_p90().low().SerializeAsString(),
            p[0].value().SerializeAsString());
  EXPECT_EQ(offer.interquartile_range().low().SerializeAsString(),
            p[1].value().SerializeAsString());
  EXPECT_EQ(offer.median().SerializeAsString(),
            p[2].value().SerializeAsString());
  EXPECT_EQ(offer.interquartile_range().high().SerializeAsString(),
            p[3].value().SerializeAsString());
  EXPECT_EQ(offer.p10_to_p90().high().SerializeAsString(),
            p[4].value().SerializeAsString());
  EXPECT_EQ(offer.role().slug(), "ai-engineer");
  EXPECT_EQ(offer.annual_offer().units(), 150'000);
  EXPECT_EQ(offer.compared_component(), v1::PAY_COMPONENT_TOTAL);
  EXPECT_TRUE(offer.has_percentile_rank());
  EXPECT_NE(offer.position(), v1::OFFER_POSITION_UNSPECIFIED);
  EXPECT_NE(offer.counter().rule(), v1::COUNTER_RULE_UNSPECIFIED);
  EXPECT_FALSE(offer.counter().explanation().empty());
  EXPECT_THAT(offer.explanation(), HasSubstr("midpoint of its pay band"));
  EXPECT_EQ(offer.quality().privacy_protection(),
            v1::PRIVACY_PROTECTION_BANDED);
}

TEST_F(AnswerTest, EvaluateOfferAnnualisesBaseBonusAndEquityExactly) {
  v1::EvaluateOfferRequest request;
  request.set_role("alias 0");
  v1::Offer* o = request.mutable_offer();
  o->set_pay_period(v1::PAY_PERIOD_HOUR);
  // 52.125 + 1.0025 + 0.0025 an hour = 53.13 exactly: 110,510.40 a year.
  o->mutable_base()->set_currency_code("USD");
  o->mutable_base()->set_units(52);
  o->mutable_base()->set_nanos(125'000'000);
  o->mutable_bonus()->set_currency_code("USD");
  o->mutable_bonus()->set_units(1);
  o->mutable_bonus()->set_nanos(2'500'000);
  o->mutable_equity_per_year()->set_currency_code("USD");
  o->mutable_equity_per_year()->set_nanos(2'500'000);
  v1::EvaluateOfferResponse response;
  ASSERT_TRUE(Ask(AnswerEvaluateOffer, request, &response).ok());
  EXPECT_EQ(response.annual_offer().units(), 110'510);
  EXPECT_EQ(response.annual_offer().nanos(), 400'000'000);
  EXPECT_EQ(response.compared_component(), v1::PAY_COMPONENT_TOTAL);
  // Half a cent a year rounds once, away from zero.
  request.mutable_offer()->Clear();
  request.mutable_offer()->mutable_base()->set_currency_code("EUR");
  request.mutable_offer()->mutable_base()->set_units(1000);
  request.mutable_offer()->mutable_base()->set_nanos(5'000'000);
  ASSERT_TRUE(Ask(AnswerEvaluateOffer, request, &response).ok());
  EXPECT_EQ(response.annual_offer().units(), 1000);
  EXPECT_EQ(response.annual_offer().nanos(), 10'000'000);
  EXPECT_EQ(response.annual_offer().currency_code(), "EUR");
  EXPECT_EQ(response.compared_component(), v1::PAY_COMPONENT_BASE);
}

TEST_F(AnswerTest, EvaluateOfferWithholdsASmallMarket) {
  // data-scientist has three salary reports: below the floor of 5.
  v1::EvaluateOfferRequest request = Offer(90'000, "USD");
  request.set_role("data-scientist");
  request.set_data_source(v1::DATA_SOURCE_REPORTS);
  v1::EvaluateOfferResponse response;
  ASSERT_TRUE(Ask(AnswerEvaluateOffer, request, &response).ok());
  EXPECT_EQ(response.quality().suppression_reason(),
            v1::SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR);
  EXPECT_FALSE(response.has_percentile_rank());
  EXPECT_EQ(response.position(), v1::OFFER_POSITION_UNSPECIFIED);
  EXPECT_EQ(response.counter().rule(), v1::COUNTER_RULE_UNSPECIFIED);
  EXPECT_FALSE(response.has_counter());
  EXPECT_FALSE(response.has_median());
  EXPECT_FALSE(response.has_gap_to_median());
  EXPECT_FALSE(response.has_gap_to_median_fraction());
  EXPECT_FALSE(response.has_interquartile_range());
  EXPECT_FALSE(response.has_p10_to_p90());
  EXPECT_TRUE(response.has_annual_offer());  // the caller's own figure
  EXPECT_THAT(response.explanation(), HasSubstr("withheld"));
  // No record in this currency at all.
  v1::EvaluateOfferResponse none;
  ASSERT_TRUE(Ask(AnswerEvaluateOffer, Offer(90'000, "JPY"), &none).ok());
  EXPECT_EQ(none.quality().suppression_reason(),
            v1::SUPPRESSION_REASON_NO_DATA);
  EXPECT_FALSE(none.has_percentile_rank());
}

TEST_F(AnswerTest, EvaluateOfferNamesEveryBadField) {
  using R = v1::EvaluateOfferRequest;
  auto with = [](auto edit) {
    R r = Offer(100'000, "USD");
    edit(r);
    return r;
  };
  auto money = [](google::type::Money* m, const char* code, int64_t units) {
    m->set_currency_code(code);
    m->set_units(units);
  };
  const std::vector<std::pair<R, std::string>> cases = {
      {with([](R& r) { r.set_role(""); }), "role"},
      {with([](R& r) { r.clear_offer(); }), "offer"},
      {with([](R& r) { r.mutable_offer()->clear_total(); }), "offer"},
      {with([](R& r) { r.mutable_offer()->mutable_total()->set_units(0); }),
       "offer.total"},
      {with([](R& r) { r.mutable_offer()->mutable_total()->set_units(-5); }),
       "offer.total"},
      {with([](R& r) {
         r.mutable_offer()->mutable_total()->set_currency_code("XYZ");
       }),
       "offer.total.currency_code"},
      {with([](R& r) {
         r.mutable_offer()->mutable_total()->set_currency_code("usd");
       }),
       "offer.total.currency_code"},
      {with([](R& r) { r.mutable_offer()->mutable_total()->set_nanos(-1); }),
       "offer.total.nanos"},
      {with([](R& r) {
         r.mutable_offer()->mutable_total()->set_nanos(1'000'000'000);
       }),
       "offer.total.nanos"},
      {with([&](R& r) {
         money(r.mutable_offer()->mutable_base(), "USD", 90'000);
       }),
       "offer.total"},
      {with([&](R& r) {
         r.mutable_offer()->clear_total();
         money(r.mutable_offer()->mutable_bonus(), "USD", 9'000);
       }),
       "offer.base"},
      {with([&](R& r) {
         r.mutable_offer()->clear_total();
         money(r.mutable_offer()->mutable_base(), "USD", 90'000);
         money(r.mutable_offer()->mutable_bonus(), "EUR", 9'000);
       }),
       "offer.bonus.currency_code"},
      {with([&](R& r) {
         r.mutable_offer()->clear_total();
         money(r.mutable_offer()->mutable_base(), "USD", 90'000);
         money(r.mutable_offer()->mutable_equity_per_year(), "USD", -1);
       }),
       "offer.equity_per_year"},
      {with([](R& r) {
         r.mutable_offer()->set_pay_period(static_cast<v1::PayPeriod>(9));
       }),
       "offer.pay_period"},
      {with([](R& r) {
         r.mutable_offer()->set_pay_period(v1::PAY_PERIOD_HOUR);
         r.mutable_offer()->mutable_total()->set_units(900'000'000);
       }),
       "offer.total"},
      {with([](R& r) {
         r.mutable_offer()->mutable_total()->set_units(0);
         r.mutable_offer()->mutable_total()->set_nanos(4'000'000);
       }),
       "offer.total"},
      {with([](R& r) {
         r.set_seniority_level(static_cast<v1::SeniorityLevel>(6));
       }),
       "seniority_level"},
      {with([](R& r) { r.set_metro(std::string(201, 'm')); }), "metro"},
      {with([](R& r) { r.set_remote(static_cast<v1::RemoteFilter>(5)); }),
       "remote"},
      {with([](R& r) { r.set_data_source(static_cast<v1::DataSource>(7)); }),
       "data_source"},
      {with([](R& r) {
         r.mutable_time_window()->mutable_start_time()->set_seconds(2000);
         r.mutable_time_window()->mutable_end_time()->set_seconds(1000);
       }),
       "time_window"},
      {with([](R& r) {
         r.mutable_time_window()->mutable_end_time()->set_nanos(-3);
       }),
       "time_window.end_time"},
  };
  for (const auto& [request, field] : cases) {
    ExpectRefused(AnswerEvaluateOffer, request, kInvalid, field);
  }
  ExpectRefused(AnswerEvaluateOffer,
                with([](R& r) { r.set_role("astronaut"); }),
                absl::StatusCode::kNotFound, "role");
}

TEST_F(AnswerTest, RelatedRolesListsSkillsAndMovesByRelatedness) {
  v1::GetRelatedRolesRequest request;
  request.set_role("ai-engineer");
  request.set_top_n(4);
  v1::GetRelatedRolesResponse response;
  ASSERT_TRUE(Ask(AnswerRelatedRoles, request, &response).ok());
  EXPECT_EQ(response.role().slug(), "ai-engineer");
  ASSERT_GE(response.related_roles_size(), 2);
  EXPECT_LE(response.related_roles_size(), 3);
  EXPECT_FALSE(response.explanation().empty());
  for (int i = 0; i < response.related_roles_size(); ++i) {
    const v1::RelatedRole& r = response.related_roles(i);
    SCOPED_TRACE(r.role().slug());
    EXPECT_NE(r.role().slug(), "ai-engineer");
    if (i > 0) {
      const v1::RelatedRole& before = response.related_roles(i - 1);
      EXPECT_TRUE(before.relatedness() > r.relatedness() ||
                  (before.relatedness() == r.relatedness() &&
                   before.role().slug() < r.role().slug()));
    }
    // The overlap is GetSkillOverlap's for the same two roles.
    v1::GetSkillOverlapRequest pair;
    pair.add_roles("ai-engineer");
    pair.add_roles(r.role().slug());
    pair.set_top_n(4);
    v1::GetSkillOverlapResponse overlap;
    ASSERT_TRUE(Ask(AnswerSkillOverlap, pair, &overlap).ok());
    EXPECT_EQ(r.skill_overlap().SerializeAsString(),
              overlap.overlap().SerializeAsString());
    const double weight =
        std::max(r.transition_to().weight(), r.transition_from().weight());
    EXPECT_EQ(r.relatedness(),
              0.5 * r.skill_overlap().jaccard_index() + 0.5 * weight);
    std::vector<int> reasons(r.reasons().begin(), r.reasons().end());
    std::vector<int> expected;
    if (r.skill_overlap().overlap_count() > 0) {
      expected.push_back(v1::RELATION_KIND_SKILL_OVERLAP);
    }
    if (r.has_transition_to())
      expected.push_back(v1::RELATION_KIND_TRANSITION_TO);
    if (r.has_transition_from()) {
      expected.push_back(v1::RELATION_KIND_TRANSITION_FROM);
    }
    EXPECT_EQ(reasons, expected);
  }
  // The snapshot's moves: ai -> software (0.5), software -> ai (0.3),
  // ml -> ai (0.2), each with the career path's pay figures.
  v1::GetCareerPathRequest career;
  career.set_role("ai-engineer");
  v1::GetCareerPathResponse path;
  ASSERT_TRUE(Ask(AnswerCareerPath, career, &path).ok());
  int moves = 0;
  for (const v1::RelatedRole& r : response.related_roles()) {
    if (r.has_transition_to()) {
      ++moves;
      EXPECT_EQ(r.transition_to().SerializeAsString(),
                path.outgoing_transitions(0).SerializeAsString());
    }
    if (r.has_transition_from()) {
      ++moves;
      bool found = false;
      for (const auto& t : path.incoming_transitions()) {
        found |=
            t.SerializeAsString() == r.transition_from().SerializeAsString();
      }
      EXPECT_TRUE(found);
    }
  }
  EXPECT_EQ(moves, 3);
}

TEST_F(AnswerTest, RelatedRolesCountsAndRefusals) {
  v1::GetRelatedRolesRequest request;
  request.set_role("software-engineer");
  request.set_max_results(1);
  v1::GetRelatedRolesResponse one;
  ASSERT_TRUE(Ask(AnswerRelatedRoles, request, &one).ok());
  EXPECT_EQ(one.related_roles_size(), 1);
  request.set_max_results(1000);  // coerced to 50
  v1::GetRelatedRolesResponse all;
  ASSERT_TRUE(Ask(AnswerRelatedRoles, request, &all).ok());
  EXPECT_GE(all.related_roles_size(), 1);
  EXPECT_LE(all.related_roles_size(), 3);
  EXPECT_EQ(all.related_roles(0).skill_overlap().top_n(), 8);

  v1::GetRelatedRolesRequest bad = request;
  bad.set_max_results(-1);
  ExpectRefused(AnswerRelatedRoles, bad, kInvalid, "max_results");
  bad = request;
  bad.set_top_n(-1);
  ExpectRefused(AnswerRelatedRoles, bad, kInvalid, "top_n");
  bad = request;
  bad.mutable_filter()->set_currency("XYZ");
  ExpectRefused(AnswerRelatedRoles, bad, kInvalid, "filter.currency");
  bad = request;
  bad.set_role("");
  ExpectRefused(AnswerRelatedRoles, bad, kInvalid, "role");
  bad.set_role("astronaut");
  ExpectRefused(AnswerRelatedRoles, bad, absl::StatusCode::kNotFound, "role");
}

}  // namespace
}  // namespace compdata::api
