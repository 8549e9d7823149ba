// Request validation of the read RPCs: every documented bad field gives
// INVALID_ARGUMENT with a BadRequest naming it (and an ErrorInfo
// INVALID_FIELD), unknown roles NOT_FOUND (ROLE_NOT_FOUND), limits are
// inclusive, and an expired deadline is honoured.

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "absl/time/clock.h"
#include "tests/query/data_gen.h"
#include "tests/query/expectations.h"
#include "tests/query/query_fixture.h"

namespace compdata::testing::query {
namespace {

using Dist = v1::GetSalaryDistributionRequest;

struct Case {
  std::string name;
  std::function<absl::Status(const Reader&)> call;
  std::string field;
  bool not_found = false;
};

template <typename Response>
absl::Status StatusOf(const absl::StatusOr<Response>& r) {
  return r.status();
}

Case DistCase(const std::string& name, const std::function<void(Dist*)>& edit,
              const std::string& field, bool not_found = false) {
  return {name,
          [edit](const Reader& reader) {
            Dist request;
            request.set_role("ai-engineer");
            edit(&request);
            return StatusOf(reader.Distribution(request));
          },
          field, not_found};
}

template <typename Request>
Case RpcCase(const std::string& name, Request request,
             absl::Status (*call)(const Reader&, const Request&),
             const std::string& field, bool not_found = false) {
  return {
      name,
      [request, call](const Reader& reader) { return call(reader, request); },
      field, not_found};
}

absl::Status Compare(const Reader& r, const v1::CompareRolesRequest& q) {
  return StatusOf(r.Compare(q));
}
absl::Status Overlap(const Reader& r, const v1::GetSkillOverlapRequest& q) {
  return StatusOf(r.Overlap(q));
}
absl::Status Premiums(const Reader& r, const v1::GetSkillPremiumsRequest& q) {
  return StatusOf(r.Premiums(q));
}
absl::Status Career(const Reader& r, const v1::GetCareerPathRequest& q) {
  return StatusOf(r.Career(q));
}
absl::Status Trend(const Reader& r, const v1::GetSalaryTrendRequest& q) {
  return StatusOf(r.Trend(q));
}

template <typename Request>
Request WithRoles(std::vector<std::string> roles) {
  Request r;
  for (auto& s : roles) r.add_roles(s);
  return r;
}

v1::GetSalaryTrendRequest TrendRequest(int y1, int m1, int y2, int m2,
                                       int day = 0) {
  v1::GetSalaryTrendRequest r;
  r.set_role("ai-engineer");
  r.mutable_start_month()->set_year(y1);
  r.mutable_start_month()->set_month(m1);
  r.mutable_start_month()->set_day(day);
  r.mutable_end_month()->set_year(y2);
  r.mutable_end_month()->set_month(m2);
  return r;
}

std::vector<Case> Cases() {
  const std::vector<std::string> seven = {
      "ai-engineer", "software-engineer", "ai-ml-engineer", "data-scientist",
      "ml-engineer", "ml-researcher",     "ml-architect"};
  auto window = [](Dist* d, int64_t start, int64_t end) {
    auto* w = d->mutable_filter()->mutable_time_window();
    w->mutable_start_time()->set_seconds(start);
    w->mutable_end_time()->set_seconds(end);
  };
  std::vector<Case> c = {
      DistCase(
          "empty role", [](Dist* d) { d->set_role(""); }, "role"),
      DistCase(
          "unknown role", [](Dist* d) { d->set_role("astronaut"); }, "role",
          true),
      DistCase(
          "percentile 101",
          [](Dist* d) {
            d->add_percentiles(50);
            d->add_percentiles(101);
          },
          "percentiles[1]"),
      DistCase(
          "percentile -1", [](Dist* d) { d->add_percentiles(-1); },
          "percentiles[0]"),
      DistCase(
          "percentile NaN",
          [](Dist* d) {
            d->add_percentiles(10);
            d->add_percentiles(20);
            d->add_percentiles(std::nan(""));
          },
          "percentiles[2]"),
      DistCase(
          "21 percentiles",
          [](Dist* d) {
            for (int i = 0; i < 21; ++i) d->add_percentiles(i);
          },
          "percentiles"),
      DistCase(
          "unknown currency",
          [](Dist* d) { d->mutable_filter()->set_currency("XYZ"); },
          "filter.currency"),
      DistCase(
          "malformed currency",
          [](Dist* d) { d->mutable_filter()->set_currency("DOLLARS"); },
          "filter.currency"),
      DistCase(
          "window end before start",
          [&](Dist* d) { window(d, 1700000000, 1600000000); },
          "filter.time_window"),
      DistCase(
          "empty window", [&](Dist* d) { window(d, 1700000000, 1700000000); },
          "filter.time_window"),
      DistCase(
          "unspecified level",
          [](Dist* d) {
            d->mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_MID);
            d->mutable_filter()->add_seniority_levels(
                v1::SENIORITY_LEVEL_UNSPECIFIED);
          },
          "filter.seniority_levels[1]"),
      DistCase(
          "51 metros",
          [](Dist* d) {
            for (int i = 0; i < 51; ++i) d->mutable_filter()->add_metros("X");
          },
          "filter.metros"),
      DistCase(
          "long company",
          [](Dist* d) {
            d->mutable_filter()->add_companies(std::string(201, 'c'));
          },
          "filter.companies"),
      DistCase(
          "bonus from postings",
          [](Dist* d) {
            d->mutable_filter()->set_pay_component(v1::PAY_COMPONENT_BONUS);
            d->mutable_filter()->set_data_source(v1::DATA_SOURCE_POSTINGS);
          },
          "filter.pay_component"),
      RpcCase("compare one role",
              WithRoles<v1::CompareRolesRequest>({"ai-engineer"}), &Compare,
              "roles"),
      RpcCase("compare seven roles", WithRoles<v1::CompareRolesRequest>(seven),
              &Compare, "roles"),
      RpcCase("compare empty entry",
              WithRoles<v1::CompareRolesRequest>({"ai-engineer", ""}), &Compare,
              "roles[1]"),
      RpcCase(
          "compare same role by alias",
          WithRoles<v1::CompareRolesRequest>({"ai-engineer", "A.I. Engineer"}),
          &Compare, "roles[1]"),
      RpcCase("compare unknown role",
              WithRoles<v1::CompareRolesRequest>({"ai-engineer", "astronaut"}),
              &Compare, "roles[1]", true),
      RpcCase("overlap three roles",
              WithRoles<v1::GetSkillOverlapRequest>(
                  {"ai-engineer", "software-engineer", "data-scientist"}),
              &Overlap, "roles"),
      RpcCase(
          "overlap duplicate",
          WithRoles<v1::GetSkillOverlapRequest>({"SWE", "software-engineer"}),
          &Overlap, "roles[1]"),
      RpcCase("overlap unknown role",
              WithRoles<v1::GetSkillOverlapRequest>({"astronaut", "SWE"}),
              &Overlap, "roles[0]", true),
      RpcCase(
          "trend window in filter",
          [] {
            auto r = TrendRequest(2025, 1, 2025, 6);
            r.mutable_filter()
                ->mutable_time_window()
                ->mutable_start_time()
                ->set_seconds(1700000000);
            return r;
          }(),
          &Trend, "filter.time_window"),
      RpcCase("trend end before start", TrendRequest(2025, 6, 2025, 5), &Trend,
              "end_month"),
      RpcCase("trend 61 months", TrendRequest(2020, 1, 2025, 1), &Trend,
              "end_month"),
      RpcCase("trend month 13", TrendRequest(2025, 13, 2026, 2), &Trend,
              "start_month"),
      RpcCase("trend day set", TrendRequest(2025, 1, 2025, 6, 15), &Trend,
              "start_month"),
      RpcCase("trend year 1999", TrendRequest(1999, 1, 2000, 6), &Trend,
              "start_month"),
  };
  {
    auto r = WithRoles<v1::CompareRolesRequest>({"ai-engineer", "SWE"});
    r.set_top_n(-1);
    c.push_back(RpcCase("compare top_n -1", r, &Compare, "top_n"));
    r.set_top_n(0);
    r.add_percentiles(101);
    c.push_back(
        RpcCase("compare percentile 101", r, &Compare, "percentiles[0]"));
    r.clear_percentiles();
    r.mutable_filter()->set_currency("XYZ");
    c.push_back(
        RpcCase("compare bad currency", r, &Compare, "filter.currency"));
  }
  {
    auto r = WithRoles<v1::GetSkillOverlapRequest>({"ai-engineer", "SWE"});
    r.set_top_n(-1);
    c.push_back(RpcCase("overlap top_n -1", r, &Overlap, "top_n"));
  }
  {
    v1::GetSkillPremiumsRequest base;
    base.set_role("ai-engineer");
    auto r = base;
    r.mutable_filter()->set_data_source(v1::DATA_SOURCE_REPORTS);
    c.push_back(
        RpcCase("premiums from reports", r, &Premiums, "filter.data_source"));
    r = base;
    r.mutable_filter()->set_pay_component(v1::PAY_COMPONENT_EQUITY);
    c.push_back(
        RpcCase("premiums of equity", r, &Premiums, "filter.pay_component"));
    r = base;
    r.set_min_sample_size(10001);
    c.push_back(
        RpcCase("premiums min sample", r, &Premiums, "min_sample_size"));
    r = base;
    r.add_skills("python");
    r.add_skills("klingon");
    c.push_back(RpcCase("premiums unknown skill", r, &Premiums, "skills[1]"));
    r = base;
    for (int i = 0; i < 101; ++i) r.add_skills("python");
    c.push_back(RpcCase("premiums 101 skills", r, &Premiums, "skills"));
    r = base;
    r.set_top_n(-1);
    c.push_back(RpcCase("premiums top_n -1", r, &Premiums, "top_n"));
    r = base;
    r.set_role("astronaut");
    c.push_back(RpcCase("premiums unknown role", r, &Premiums, "role", true));
  }
  {
    v1::GetCareerPathRequest r;
    r.set_role("ai-engineer");
    r.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_MID);
    c.push_back(
        RpcCase("career with levels", r, &Career, "filter.seniority_levels"));
    r.clear_filter();
    r.set_max_transitions(-1);
    c.push_back(
        RpcCase("career max_transitions -1", r, &Career, "max_transitions"));
    r.set_max_transitions(0);
    r.set_role("");
    c.push_back(RpcCase("career empty role", r, &Career, "role"));
    r.set_role("astronaut");
    c.push_back(RpcCase("career unknown role", r, &Career, "role", true));
  }
  {
    auto r = TrendRequest(2025, 1, 2025, 6);
    r.set_role("astronaut");
    c.push_back(RpcCase("trend unknown role", r, &Trend, "role", true));
  }
  return c;
}

class ValidationTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    // One record written after the seed: once its version is served, the
    // snapshot holds every seed role and skill.
    PostingModel p;
    p.role = "ml-architect";
    p.posted = absl::Now() - absl::Hours(2);
    p.skills = {"python"};
    DataSet data;
    AddPosting(p, "validation-0", &data);
    IngestPostings(data.postings);
    ASSERT_TRUE(reader_->WaitForVersion(version_, "ml-architect"));
  }
};

TEST_F(ValidationTest, EveryBadFieldIsNamed) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const absl::Status status = c.call(*reader_);
    if (c.not_found) {
      EXPECT_TRUE(IsRoleNotFound(status, c.field));
    } else {
      EXPECT_TRUE(IsInvalidField(status, c.field));
    }
  }
}

TEST_F(ValidationTest, LimitsAreInclusive) {
  Dist d;
  d.set_role("AI-ENGINEER");
  for (int i = 0; i < 19; ++i) d.add_percentiles(i * 5.25);
  d.add_percentiles(100);  // 20 entries, 0 and 100 included
  auto dist = reader_->Distribution(d);
  ASSERT_TRUE(IsOk(dist));
  EXPECT_EQ(dist->role().slug(), "ai-engineer");
  EXPECT_EQ(dist->distribution().percentiles_size(), 20);
  EXPECT_EQ(dist->quality().suppression_reason(),
            v1::SUPPRESSION_REASON_NO_DATA);

  auto compare = reader_->Compare(WithRoles<v1::CompareRolesRequest>(
      {"ai-engineer", "software-engineer", "ai-ml-engineer", "data-scientist",
       "ml-engineer", "ml-researcher"}));
  ASSERT_TRUE(IsOk(compare));
  EXPECT_EQ(compare->roles_size(), 6);
  EXPECT_EQ(compare->skill_overlaps_size(), 15);

  auto trend = reader_->Trend(TrendRequest(2020, 2, 2025, 1));  // 60 months
  ASSERT_TRUE(IsOk(trend));
  EXPECT_EQ(trend->points_size(), 60);
}

TEST_F(ValidationTest, ExpiredDeadlineIsHonoured) {
  v1::GetSalaryDistributionRequest request;
  request.set_role("ai-engineer");
  v1::GetSalaryDistributionResponse response;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(reader_->stub()
                ->GetSalaryDistribution(&ctx, request, &response)
                .error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  v1::CompareRolesRequest compare =
      WithRoles<v1::CompareRolesRequest>({"ai-engineer", "SWE"});
  v1::CompareRolesResponse compare_response;
  grpc::ClientContext ctx2;
  ctx2.set_deadline(std::chrono::system_clock::now() -
                    std::chrono::milliseconds(1));
  EXPECT_EQ(reader_->stub()
                ->CompareRoles(&ctx2, compare, &compare_response)
                .error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace
}  // namespace compdata::testing::query
