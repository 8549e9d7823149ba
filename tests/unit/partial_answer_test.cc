// Partial answers and cache validation in-process (server/api/read_answer.h,
// response_parts.h, answer_version.h), against the in-memory snapshot:
// read_mask paths checked against the response, answers trimmed to them and
// equal to the full answer trimmed, handlers skipping what is not asked,
// the depends-on-now rule, and known_version answered with metadata only.

#include <gmock/gmock.h>
#include <google/protobuf/util/field_mask_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "common/status_util.h"
#include "server/api/lru_cache.h"
#include "server/api/read_answer.h"
#include "server/api/read_handlers.h"
#include "tests/support/memory_snapshot.h"
#include "tests/support/status_matchers.h"

namespace compdata::api {
namespace {

using ::compdata::testing::StatusIs;
using google::protobuf::FieldMask;
using google::protobuf::util::FieldMaskUtil;
using google::protobuf::util::MessageDifferencer;

constexpr int kFloor = 5;

FieldMask Mask(const std::string& paths) {
  FieldMask mask;
  FieldMaskUtil::FromString(paths, &mask);
  return mask;
}

absl::StatusOr<ResponseParts> CompareParts(const std::string& paths) {
  return ResponseParts::Parse(Mask(paths),
                              *v1::CompareRolesResponse::descriptor());
}

TEST(ResponsePartsTest, PathsGoThroughRepeatedMessagesAndNameRealFields) {
  for (const char* good :
       {"roles", "roles.pay", "verdicts", "roles.pay.median.units",
        "skill_overlaps.role_skills.top_skills.skill.slug", "metadata",
        "total_tracked_postings,roles.pay_by_level", "*", ""}) {
    EXPECT_TRUE(CompareParts(good).ok()) << good;
  }
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"role", "read_mask.paths[0]"},
      {"roles.pay,roles.salary", "read_mask.paths[1]"},
      {"roles..pay", "read_mask.paths[0]"},
      {"verdicts,total_tracked_postings.count", "read_mask.paths[1]"},
      {"roles.pay.", "read_mask.paths[0]"},
      {"Roles", "read_mask.paths[0]"},
  };
  for (const auto& [paths, field] : bad) {
    FieldMask mask;
    for (absl::string_view p : absl::StrSplit(paths, ',')) {
      mask.add_paths(std::string(p));
    }
    const auto parts =
        ResponseParts::Parse(mask, *v1::CompareRolesResponse::descriptor());
    EXPECT_THAT(parts.status(), StatusIs(absl::StatusCode::kInvalidArgument))
        << paths;
    EXPECT_EQ(FieldOf(parts.status()), field) << paths;
  }
  FieldMask empty_path;
  empty_path.add_paths("");
  EXPECT_FALSE(
      ResponseParts::Parse(empty_path, *v1::CompareRolesResponse::descriptor())
          .ok());
}

TEST(ResponsePartsTest, WantsWhatIsAboveBelowOrAtAPath) {
  const ResponseParts parts = *CompareParts("roles.pay.median,verdicts");
  EXPECT_FALSE(parts.all());
  EXPECT_TRUE(parts.Wants("roles"));              // above a path
  EXPECT_TRUE(parts.Wants("roles.pay"));          // above a path
  EXPECT_TRUE(parts.Wants("roles.pay.median"));   // the path
  EXPECT_TRUE(parts.Wants("verdicts.sentence"));  // below a path
  EXPECT_FALSE(parts.Wants("roles.pay.mean"));
  EXPECT_FALSE(parts.Wants("roles.pay_by_level"));
  EXPECT_FALSE(parts.Wants("skill_overlaps"));
  EXPECT_FALSE(parts.Wants("total_tracked_postings"));
  for (const char* every : {"*", "", "roles,*"}) {
    const ResponseParts all = *CompareParts(every);
    EXPECT_TRUE(all.all()) << every;
    EXPECT_TRUE(all.Wants("skill_overlaps")) << every;
  }
}

TEST(ResponsePartsTest, TrimKeepsTheAskedFieldsOfEveryElementAndMetadata) {
  v1::CompareRolesResponse r;
  for (int i = 0; i < 2; ++i) {
    v1::RoleComparison* role = r.add_roles();
    role->mutable_role()->set_slug("r");
    role->mutable_pay()->mutable_median()->set_units(100 + i);
    role->mutable_pay()->mutable_mean()->set_units(90);
    role->set_open_positions(7);
    role->add_top_skills()->set_posting_count(3);
  }
  r.add_verdicts()->set_sentence("s");
  r.set_total_tracked_postings(12);
  r.mutable_metadata()->set_data_version("v1");
  CompareParts("roles.pay.median,verdicts")->Trim(&r);
  ASSERT_EQ(r.roles_size(), 2);
  for (int i = 0; i < 2; ++i) {
    const v1::RoleComparison& role = r.roles(i);
    EXPECT_FALSE(role.has_role());
    EXPECT_EQ(role.pay().median().units(), 100 + i);
    EXPECT_FALSE(role.pay().has_mean());
    EXPECT_EQ(role.open_positions(), 0);
    EXPECT_EQ(role.top_skills_size(), 0);
  }
  EXPECT_EQ(r.verdicts(0).sentence(), "s");
  EXPECT_EQ(r.total_tracked_postings(), 0);
  EXPECT_EQ(r.metadata().data_version(), "v1");  // always returned
  r.mutable_metadata()->set_answer_version("a");
  CompareParts("metadata.data_version")->Trim(&r);
  EXPECT_EQ(r.metadata().answer_version(), "a");  // and whole
  EXPECT_EQ(r.roles_size(), 0);
}

template <typename Request>
Request WithWindow(Request r, bool end) {
  auto* w = r.mutable_filter()->mutable_time_window();
  w->mutable_start_time()->set_seconds(1'600'000'000);
  if (end) w->mutable_end_time()->set_seconds(1'700'000'000);
  return r;
}

TEST(AnswerVersionTest, OnlyRequestsWhoseWindowEndsNowDependOnNow) {
  EXPECT_FALSE(DependsOnNow(v1::ListRolesRequest()));
  EXPECT_FALSE(DependsOnNow(v1::GetRoleRequest()));
  EXPECT_TRUE(DependsOnNow(v1::GetSalaryDistributionRequest()));
  EXPECT_TRUE(DependsOnNow(WithWindow(v1::CompareRolesRequest(), false)));
  EXPECT_FALSE(DependsOnNow(WithWindow(v1::CompareRolesRequest(), true)));
  EXPECT_FALSE(
      DependsOnNow(WithWindow(v1::GetSalaryDistributionRequest(), true)));
  EXPECT_FALSE(DependsOnNow(WithWindow(v1::GetSkillOverlapRequest(), true)));
  EXPECT_TRUE(DependsOnNow(v1::GetSkillPremiumsRequest()));
  EXPECT_FALSE(DependsOnNow(WithWindow(v1::GetCareerPathRequest(), true)));
  EXPECT_TRUE(DependsOnNow(WithWindow(v1::GetRelatedRolesRequest(), false)));
  v1::GetSalaryTrendRequest trend;
  EXPECT_TRUE(DependsOnNow(trend));
  trend.mutable_end_month()->set_year(2025);
  EXPECT_FALSE(DependsOnNow(trend));
  v1::EvaluateOfferRequest offer;
  EXPECT_TRUE(DependsOnNow(offer));
  offer.mutable_time_window()->mutable_end_time()->set_seconds(1);
  EXPECT_FALSE(DependsOnNow(offer));

  const engine::DataVersion v{42, absl::UnixEpoch()};
  const absl::Time t = absl::FromUnixSeconds(600);
  EXPECT_EQ(AnswerVersion(v, 5, false, t),
            AnswerVersion(v, 5, false, t + absl::Hours(1)));
  EXPECT_NE(AnswerVersion(v, 5, true, t),
            AnswerVersion(v, 5, true, t + absl::Minutes(1)));
  EXPECT_EQ(AnswerVersion(v, 5, true, t),
            AnswerVersion(v, 5, true, t + absl::Seconds(59)));
  EXPECT_NE(AnswerVersion(v, 5, false, t), AnswerVersion(v, 4, false, t));
  EXPECT_NE(
      AnswerVersion(v, 5, false, t),
      AnswerVersion(engine::DataVersion{43, absl::UnixEpoch()}, 5, false, t));
}

class PartialAnswerTest : public ::testing::Test {
 protected:
  QueryContext Context(absl::Time now = testing::MemoryNow()) {
    return QueryContext{*snapshot_, kFloor,    now,      absl::InfiniteFuture(),
                        &demand_,   &medians_, &tracked_};
  }

  template <typename Request, typename Response>
  Response Answer(AnswerFn<Request, Response> answer, const Request& request) {
    Response response;
    const absl::Status status =
        AnswerRead(Context(), request, &response, answer);
    EXPECT_TRUE(status.ok()) << status;
    return response;
  }

  // The answer to `request` under `paths` equals the full answer trimmed
  // to them, byte for byte.
  template <typename Request, typename Response>
  Response ExpectMaskedIsTrimmed(AnswerFn<Request, Response> answer,
                                 Request request, const std::string& paths) {
    const Response full = Answer(answer, request);
    *request.mutable_read_mask() = Mask(paths);
    const Response masked = Answer(answer, request);
    Response trimmed = full;
    ResponseParts::Parse(Mask(paths), *Response::descriptor())->Trim(&trimmed);
    EXPECT_EQ(masked.SerializeAsString(), trimmed.SerializeAsString())
        << paths << "\nmasked: " << masked.ShortDebugString()
        << "\ntrimmed: " << trimmed.ShortDebugString();
    EXPECT_EQ(masked.metadata().answer_version(),
              full.metadata().answer_version());
    return masked;
  }

  std::shared_ptr<const engine::Snapshot> snapshot_ =
      testing::MakeMemorySnapshot();
  DemandCache demand_{64};
  MedianCache medians_{64};
  CountCache tracked_{64};
};

v1::CompareRolesRequest Comparison() {
  v1::CompareRolesRequest r;
  r.add_roles("ai-engineer");
  r.add_roles("software-engineer");
  r.add_roles("ml-engineer");
  r.add_percentiles(10);
  return r;
}

TEST_F(PartialAnswerTest, MaskedComparisonsAreTheFullAnswerTrimmed) {
  for (const char* paths :
       {"roles.pay,verdicts", "verdicts", "roles.pay_by_level",
        "skill_overlaps", "roles.top_skills,roles.remote_share",
        "total_tracked_postings", "roles.open_positions_share",
        "roles.experience_mix,verdicts.outcome", "roles.role,metadata",
        "verdicts.leading_value.money", "*"}) {
    ExpectMaskedIsTrimmed(AnswerCompareRoles, Comparison(), paths);
  }
  const v1::CompareRolesResponse masked = ExpectMaskedIsTrimmed(
      AnswerCompareRoles, Comparison(), "roles.pay,verdicts");
  EXPECT_EQ(masked.verdicts_size(), 6);
  EXPECT_FALSE(masked.verdicts(0).sentence().empty());
  EXPECT_TRUE(masked.roles(0).has_pay());
  EXPECT_EQ(masked.skill_overlaps_size(), 0);
  EXPECT_FALSE(masked.metadata().answer_version().empty());
}

TEST_F(PartialAnswerTest, OtherCompositeReadsAreTrimmedToo) {
  v1::GetSalaryDistributionRequest distribution;
  distribution.set_role("ai-engineer");
  for (const char* paths : {"distribution", "quality,role", "explanation"}) {
    ExpectMaskedIsTrimmed(AnswerSalaryDistribution, distribution, paths);
  }
  v1::GetCareerPathRequest career;
  career.set_role("ai-engineer");
  for (const char* paths : {"levels", "outgoing_transitions",
                            "incoming_transitions.to_median", "role"}) {
    ExpectMaskedIsTrimmed(AnswerCareerPath, career, paths);
  }
  v1::GetSkillPremiumsRequest premiums;
  premiums.set_role("ai-engineer");
  premiums.set_min_sample_size(5);
  for (const char* paths : {"premiums.interval", "premiums.impact,role",
                            "premiums.median_with", "explanation"}) {
    ExpectMaskedIsTrimmed(AnswerSkillPremiums, premiums, paths);
  }
}

TEST_F(PartialAnswerTest, PremiumsWithoutIntervalsSkipTheBootstrap) {
  v1::GetSkillPremiumsRequest request;
  request.set_role("ai-engineer");
  request.set_min_sample_size(5);
  const v1::GetSkillPremiumsResponse full =
      Answer(AnswerSkillPremiums, request);
  int shown = 0;
  for (const auto& p : full.premiums()) shown += p.has_interval();
  ASSERT_GT(shown, 0) << "the snapshot must have premiums with intervals";
  // Not asked: no interval is computed (the handler's figures say so; the
  // trim alone would also hide it, so ask for a field beside it).
  *request.mutable_read_mask() = Mask("premiums.premium");
  ResponseParts parts = *ResponseParts::Parse(
      request.read_mask(), *v1::GetSkillPremiumsResponse::descriptor());
  QueryContext ctx = Context();
  ctx.parts = &parts;
  v1::GetSkillPremiumsResponse untrimmed;
  ASSERT_TRUE(AnswerSkillPremiums(ctx, request, &untrimmed).ok());
  for (const auto& p : untrimmed.premiums()) {
    EXPECT_FALSE(p.has_interval());
    EXPECT_EQ(p.impact(), v1::SKILL_IMPACT_UNSPECIFIED);
  }
}

TEST_F(PartialAnswerTest, CompareRolesBuildsOnlyWhatIsAsked) {
  v1::CompareRolesRequest request = Comparison();
  *request.mutable_read_mask() = Mask("roles.pay,verdicts");
  ResponseParts parts = *ResponseParts::Parse(
      request.read_mask(), *v1::CompareRolesResponse::descriptor());
  QueryContext ctx = Context();
  ctx.parts = &parts;
  v1::CompareRolesResponse untrimmed;
  ASSERT_TRUE(AnswerCompareRoles(ctx, request, &untrimmed).ok());
  EXPECT_EQ(untrimmed.skill_overlaps_size(), 0);
  EXPECT_EQ(untrimmed.total_tracked_postings(), 0);
  for (const v1::RoleComparison& r : untrimmed.roles()) {
    EXPECT_EQ(r.pay_by_level_size(), 0);
    EXPECT_EQ(r.top_skills_size(), 0);
    EXPECT_EQ(r.top_companies_size(), 0);
    EXPECT_EQ(r.experience_mix_size(), 0);
    EXPECT_TRUE(r.has_pay());
  }
  // Only the counts were collected for the verdicts: no memoised tally of
  // skills, metros and companies (DemandOf's entries) was made.
  EXPECT_EQ(demand_.Stats().entries, 3u);
  EXPECT_EQ(medians_.Stats().entries, 0u);
  EXPECT_EQ(tracked_.Stats().entries, 0u);
}

TEST_F(PartialAnswerTest, MemoisedVerdictsAreTheComputedOnes) {
  VerdictCache verdicts(16);
  QueryContext memo = Context();
  memo.verdict_cache = &verdicts;
  v1::CompareRolesRequest request = Comparison();
  v1::CompareRolesResponse computed, first, second;
  ASSERT_TRUE(
      AnswerRead(Context(), request, &computed, AnswerCompareRoles).ok());
  ASSERT_TRUE(AnswerRead(memo, request, &first, AnswerCompareRoles).ok());
  // Another extra percentile and a mask: the same verdicts, from the memo.
  request.add_percentiles(33);
  *request.mutable_read_mask() = Mask("verdicts");
  ASSERT_TRUE(AnswerRead(memo, request, &second, AnswerCompareRoles).ok());
  EXPECT_EQ(verdicts.Stats().hits, 1u);
  EXPECT_EQ(verdicts.Stats().entries, 1u);
  EXPECT_EQ(first.SerializeAsString(), computed.SerializeAsString());
  ASSERT_EQ(second.verdicts_size(), 6);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(second.verdicts(i).SerializeAsString(),
              computed.verdicts(i).SerializeAsString());
  }
  // Other roles, or the same in another order: their own verdicts.
  v1::CompareRolesRequest swapped = Comparison();
  swapped.mutable_roles()->SwapElements(0, 1);
  v1::CompareRolesResponse other;
  ASSERT_TRUE(AnswerRead(memo, swapped, &other, AnswerCompareRoles).ok());
  EXPECT_EQ(verdicts.Stats().entries, 2u);
}

TEST_F(PartialAnswerTest, AKnownVersionIsAnsweredWithMetadataOnly) {
  const v1::CompareRolesResponse first =
      Answer(AnswerCompareRoles, Comparison());
  const std::string version = first.metadata().answer_version();
  ASSERT_FALSE(version.empty());
  EXPECT_FALSE(first.metadata().unchanged());
  v1::CompareRolesRequest again = Comparison();
  again.set_known_version(version);
  const v1::CompareRolesResponse unchanged = Answer(AnswerCompareRoles, again);
  EXPECT_TRUE(unchanged.metadata().unchanged());
  EXPECT_EQ(unchanged.metadata().answer_version(), version);
  EXPECT_EQ(unchanged.metadata().data_version(),
            first.metadata().data_version());
  EXPECT_EQ(unchanged.metadata().privacy_floor(), kFloor);
  v1::CompareRolesResponse only_metadata;
  *only_metadata.mutable_metadata() = unchanged.metadata();
  EXPECT_TRUE(MessageDifferencer::Equals(unchanged, only_metadata));

  again.set_known_version(version + "x");  // another version: answered
  EXPECT_EQ(Answer(AnswerCompareRoles, again).roles_size(), 3);
}

TEST_F(PartialAnswerTest, ABadRequestWithAMatchingVersionStillGetsItsError) {
  const std::string version =
      Answer(AnswerCompareRoles, Comparison()).metadata().answer_version();
  // The version names the data, not the request: a bad request carrying it
  // is refused for what is wrong with it, never "unchanged".
  v1::CompareRolesRequest bad = Comparison();
  bad.set_known_version(version);
  bad.set_top_n(-1);
  v1::CompareRolesResponse response;
  absl::Status status =
      AnswerRead(Context(), bad, &response, AnswerCompareRoles);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(status), "top_n");
  EXPECT_FALSE(response.metadata().unchanged());

  v1::GetSkillPremiumsRequest premiums;
  premiums.set_role("no-such-role");
  premiums.set_known_version(version);
  v1::GetSkillPremiumsResponse premiums_response;
  status =
      AnswerRead(Context(), premiums, &premiums_response, AnswerSkillPremiums);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));

  v1::GetSalaryDistributionRequest dist;
  dist.set_role("ai-engineer");
  dist.mutable_filter()->set_currency("XYZ");
  dist.set_known_version(version);
  v1::GetSalaryDistributionResponse dist_response;
  status =
      AnswerRead(Context(), dist, &dist_response, AnswerSalaryDistribution);
  EXPECT_EQ(FieldOf(status), "filter.currency");
}

TEST_F(PartialAnswerTest, AnOpenWindowsVersionCarriesTheMinute) {
  v1::GetSalaryDistributionRequest open;
  open.set_role("ai-engineer");
  v1::GetSalaryDistributionRequest pinned = WithWindow(open, true);
  auto version = [&](const v1::GetSalaryDistributionRequest& r, absl::Time t) {
    v1::GetSalaryDistributionResponse response;
    EXPECT_TRUE(
        AnswerRead(Context(t), r, &response, AnswerSalaryDistribution).ok());
    return response.metadata().answer_version();
  };
  const absl::Time t = testing::MemoryNow();
  EXPECT_NE(version(open, t), version(open, t + absl::Minutes(1)));
  EXPECT_EQ(version(pinned, t), version(pinned, t + absl::Minutes(1)));
  // A known version from another minute is not "unchanged".
  open.set_known_version(version(open, t));
  v1::GetSalaryDistributionResponse later;
  ASSERT_TRUE(AnswerRead(Context(t + absl::Minutes(1)), open, &later,
                         AnswerSalaryDistribution)
                  .ok());
  EXPECT_FALSE(later.metadata().unchanged());
  EXPECT_TRUE(later.has_distribution());
}

TEST_F(PartialAnswerTest, ABadMaskIsRefusedNamingThePath) {
  v1::CompareRolesRequest request = Comparison();
  request.mutable_read_mask()->add_paths("roles.pay");
  request.mutable_read_mask()->add_paths("roles.salary");
  v1::CompareRolesResponse response;
  const absl::Status status =
      AnswerRead(Context(), request, &response, AnswerCompareRoles);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(status), "read_mask.paths[1]");
}

}  // namespace
}  // namespace compdata::api
