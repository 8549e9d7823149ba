// Official statistics in GetSalaryDistribution and CompareRoles, answered
// in-process from an in-memory snapshot: the linked rows in the filter's
// currency, in order, exactly as published, beside (not in) our figures;
// and a snapshot built from the previous one keeps them until replaced.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/engine/snapshot_builder.h"
#include "server/api/lru_cache.h"
#include "server/api/read_handlers.h"
#include "tests/support/memory_snapshot.h"

namespace compdata::api {
namespace {

using engine::OfficialKind;
using engine::OfficialStatistic;
using engine::OfficialValue;

OfficialStatistic Row(const std::string& source, const std::string& code,
                      const std::string& currency) {
  OfficialStatistic s;
  s.table = {source, "May 2024", "United States"};
  s.currency = currency;
  s.occupation.code = code;
  s.occupation.title = "Software Developers";
  s.occupation.employment = 1'656'880;
  s.occupation.mean = OfficialValue{OfficialKind::kExact, 14'457'050};
  s.occupation.percentiles = {
      OfficialValue{OfficialKind::kExact, 7'985'000},
      OfficialValue{OfficialKind::kNotAvailable, 0},
      OfficialValue{OfficialKind::kExact, 13'308'000},
      OfficialValue{OfficialKind::kExact, 16'971'000},
      OfficialValue{OfficialKind::kAtLeast, 23'920'000}};
  return s;
}

class OfficialAnswerTest : public ::testing::Test {
 protected:
  OfficialAnswerTest() {
    base_ = testing::MakeMemorySnapshot();
    engine::SnapshotBuilder b(*base_);
    OfficialStatistic no_employment = Row("US BLS OEWS", "15-2051", "USD");
    no_employment.occupation.employment.reset();
    no_employment.occupation.mean = OfficialValue{};
    // Role ids 1 = ai-engineer, 2 = software-engineer (memory_snapshot.cc).
    b.ReplaceOfficial({{10, Row("US BLS OEWS", "15-1252", "USD")},
                       {11, std::move(no_employment)},
                       {12, Row("Eurostat SES", "2512", "EUR")},
                       {13, Row("A Survey", "X-1", "USD")}},
                      {{10, 1}, {11, 1}, {12, 1}, {13, 1}, {10, 2}, {99, 2}});
    snapshot_ = b.Build(engine::DataVersion{2, testing::MemoryNow()});
  }
  QueryContext Context() const {
    return QueryContext{*snapshot_,
                        5,
                        testing::MemoryNow(),
                        absl::InfiniteFuture(),
                        &demand_,
                        &medians_,
                        &tracked_};
  }

  std::shared_ptr<const engine::Snapshot> base_;
  std::shared_ptr<const engine::Snapshot> snapshot_;
  mutable DemandCache demand_{8};
  mutable MedianCache medians_{8};
  mutable CountCache tracked_{8};
};

TEST_F(OfficialAnswerTest, DistributionShowsTheLinkedRowsAsPublished) {
  ASSERT_NE(snapshot_->official, nullptr);
  ASSERT_EQ(snapshot_->official->rows.size(), 4u);
  ASSERT_EQ(snapshot_->official->by_role.size(), snapshot_->roles.size());
  EXPECT_EQ(snapshot_->official->by_role[0].size(), 4u);
  v1::GetSalaryDistributionRequest request;
  request.set_role("ai-engineer");
  v1::GetSalaryDistributionResponse response;
  ASSERT_TRUE(AnswerSalaryDistribution(Context(), request, &response).ok());
  // USD only, by source, period, area and code.
  ASSERT_EQ(response.official_statistics_size(), 3);
  EXPECT_EQ(response.official_statistics(0).source(), "A Survey");
  EXPECT_EQ(response.official_statistics(1).occupation_code(), "15-1252");
  EXPECT_EQ(response.official_statistics(2).occupation_code(), "15-2051");

  const v1::OfficialWageStatistics& swe = response.official_statistics(1);
  EXPECT_EQ(swe.label(),
            "US BLS OEWS, May 2024, United States: Software Developers "
            "(15-1252)");
  EXPECT_EQ(swe.reference_period(), "May 2024");
  EXPECT_EQ(swe.area(), "United States");
  ASSERT_TRUE(swe.has_employment());
  EXPECT_EQ(swe.employment(), 1'656'880);
  EXPECT_EQ(swe.mean().kind(), v1::OFFICIAL_VALUE_KIND_EXACT);
  EXPECT_EQ(swe.mean().value().currency_code(), "USD");
  EXPECT_EQ(swe.mean().value().units(), 144'570);
  EXPECT_EQ(swe.mean().value().nanos(), 500'000'000);
  ASSERT_EQ(swe.percentiles_size(), 5);
  const double expected[] = {10, 25, 50, 75, 90};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(swe.percentiles(i).percentile(), expected[i]);
  }
  EXPECT_EQ(swe.percentiles(1).value().kind(),
            v1::OFFICIAL_VALUE_KIND_NOT_AVAILABLE);
  EXPECT_FALSE(swe.percentiles(1).value().has_value());
  EXPECT_EQ(swe.percentiles(4).value().kind(),
            v1::OFFICIAL_VALUE_KIND_AT_LEAST);
  EXPECT_EQ(swe.percentiles(4).value().value().units(), 239'200);

  const v1::OfficialWageStatistics& ds = response.official_statistics(2);
  EXPECT_FALSE(ds.has_employment());
  EXPECT_EQ(ds.mean().kind(), v1::OFFICIAL_VALUE_KIND_NOT_AVAILABLE);
  EXPECT_FALSE(ds.mean().has_value());

  // Never blended in: our distribution is the snapshot's own.
  v1::GetSalaryDistributionResponse before;
  const QueryContext base_ctx{*base_,
                              5,
                              testing::MemoryNow(),
                              absl::InfiniteFuture(),
                              &demand_,
                              &medians_,
                              &tracked_};
  ASSERT_TRUE(AnswerSalaryDistribution(base_ctx, request, &before).ok());
  EXPECT_EQ(before.official_statistics_size(), 0);
  EXPECT_EQ(before.distribution().SerializeAsString(),
            response.distribution().SerializeAsString());
}

TEST_F(OfficialAnswerTest, TheFilterCurrencyPicksTheTables) {
  v1::GetSalaryDistributionRequest request;
  request.set_role("ai-engineer");
  request.mutable_filter()->set_currency("EUR");
  v1::GetSalaryDistributionResponse response;
  ASSERT_TRUE(AnswerSalaryDistribution(Context(), request, &response).ok());
  ASSERT_EQ(response.official_statistics_size(), 1);
  EXPECT_EQ(response.official_statistics(0).source(), "Eurostat SES");
  EXPECT_EQ(response.official_statistics(0).mean().value().currency_code(),
            "EUR");
  request.mutable_filter()->set_currency("GBP");
  response.Clear();
  ASSERT_TRUE(AnswerSalaryDistribution(Context(), request, &response).ok());
  EXPECT_EQ(response.official_statistics_size(), 0);
}

TEST_F(OfficialAnswerTest, EachComparedRoleGetsItsOwnRows) {
  v1::CompareRolesRequest request;
  request.add_roles("software-engineer");
  request.add_roles("ai-engineer");
  request.add_roles("ml-engineer");
  v1::CompareRolesResponse response;
  ASSERT_TRUE(AnswerCompareRoles(Context(), request, &response).ok());
  ASSERT_EQ(response.roles_size(), 3);
  ASSERT_EQ(response.roles(0).official_statistics_size(), 1);
  EXPECT_EQ(response.roles(0).official_statistics(0).occupation_code(),
            "15-1252");
  EXPECT_EQ(response.roles(1).official_statistics_size(), 3);
  EXPECT_EQ(response.roles(2).official_statistics_size(), 0);
}

TEST_F(OfficialAnswerTest, LaterVersionsShareTheRowsUntilReplaced) {
  engine::SnapshotBuilder b(*snapshot_);
  auto next = b.Build(engine::DataVersion{3, testing::MemoryNow()});
  EXPECT_EQ(next->official.get(), snapshot_->official.get());
  engine::SnapshotBuilder replaced(*next);
  replaced.ReplaceOfficial({}, {});
  auto empty = replaced.Build(engine::DataVersion{4, testing::MemoryNow()});
  ASSERT_NE(empty->official, nullptr);
  EXPECT_TRUE(empty->official->rows.empty());
  EXPECT_TRUE(engine::OfficialStatisticsOf(*empty, 0, "USD").empty());
  // A role added after the rows has none.
  EXPECT_TRUE(engine::OfficialStatisticsOf(*next, 40, "USD").empty());
}

}  // namespace
}  // namespace compdata::api
