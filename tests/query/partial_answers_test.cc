// Cache validation and partial answers through the real server on real
// PostgreSQL: answer_version stable across calls and equal between a cached
// and a computed answer, changed by an ingest commit, carrying the minute
// only for windows that end "now"; known_version answered with metadata
// only and without computing; read_mask answers equal to the full answer
// trimmed, byte for byte; a bad mask path named.

#include <google/protobuf/util/field_mask_util.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/query/data_gen.h"
#include "tests/query/query_fixture.h"
#include "tests/query/raw_calls.h"

namespace compdata::testing::query {
namespace {

const char kRole[] = "ai-engineer";

// A window that ends at a fixed time: the answer does not depend on "now".
v1::SalaryFilter Pinned(absl::Time end) {
  v1::SalaryFilter f;
  f.mutable_time_window()->mutable_end_time()->set_seconds(
      absl::ToUnixSeconds(end));
  return f;
}

v1::CompareRolesRequest Comparison(absl::Time end) {
  v1::CompareRolesRequest r;
  r.add_roles(kRole);
  r.add_roles("software-engineer");
  r.add_roles("data-scientist");
  r.add_percentiles(90);
  *r.mutable_filter() = Pinned(end);
  return r;
}

template <typename Response>
Response Parse(const RawAnswer& answer) {
  Response r;
  EXPECT_TRUE(answer.status.ok()) << answer.status.error_message();
  EXPECT_TRUE(r.ParseFromString(answer.bytes));
  return r;
}

std::vector<std::string> Fields(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  std::vector<std::string> fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad)) {
      for (const auto& v : bad.field_violations()) fields.push_back(v.field());
    }
  }
  return fields;
}

class PartialAnswersTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    if (HasFatalFailure()) return;
    DataSetSpec spec;
    spec.seed = 16;
    spec.postings = 3000;
    spec.reports = 600;
    spec.roles = {kRole, "software-engineer", "data-scientist"};
    spec.source_prefix = "partial";
    data_ = GenerateDataSet(spec, absl::Now());
    IngestPostings(data_.postings);
    IngestReports(data_.reports);
    ASSERT_TRUE(WaitForIngested());
    channel_ = client_->channel();
  }

  DataSet data_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(PartialAnswersTest, AnswerVersionIsStableAndEqualWhenCached) {
  const v1::CompareRolesRequest request = Comparison(data_.now);
  // The response cache keeps an answer computed twice: the third call is
  // answered from it, and must be the same bytes, version included.
  std::vector<std::string> bytes;
  for (int i = 0; i < 4; ++i) {
    bytes.push_back(RawUnary(channel_, "CompareRoles", request).bytes);
  }
  for (const std::string& b : bytes) EXPECT_EQ(b, bytes[0]);
  const auto answer = Parse<v1::CompareRolesResponse>(
      RawUnary(channel_, "CompareRoles", request));
  const std::string version = answer.metadata().answer_version();
  EXPECT_FALSE(version.empty());
  EXPECT_FALSE(answer.metadata().unchanged());
  // Another request on the same data has the same version: it names the
  // data, not the request.
  v1::GetSalaryDistributionRequest distribution;
  distribution.set_role(kRole);
  *distribution.mutable_filter() = Pinned(data_.now);
  EXPECT_EQ(Parse<v1::GetSalaryDistributionResponse>(
                RawUnary(channel_, "GetSalaryDistribution", distribution))
                .metadata()
                .answer_version(),
            version);

  // An ingest commit changes it.
  DataSetSpec more;
  more.seed = 17;
  more.postings = 20;
  more.reports = 0;
  more.roles = {kRole};
  more.source_prefix = "partial-more";
  IngestPostings(GenerateDataSet(more, data_.now).postings);
  ASSERT_TRUE(WaitForIngested());
  const auto after = Parse<v1::CompareRolesResponse>(
      RawUnary(channel_, "CompareRoles", request));
  EXPECT_NE(after.metadata().answer_version(), version);
  EXPECT_EQ(after.metadata().data_version(), version_);
}

TEST_F(PartialAnswersTest, AnOpenWindowsVersionCarriesTheMinute) {
  v1::GetSalaryDistributionRequest open;
  open.set_role(kRole);
  v1::GetSalaryDistributionRequest pinned = open;
  *pinned.mutable_filter() = Pinned(data_.now);
  auto version = [&](const v1::GetSalaryDistributionRequest& r) {
    return Parse<v1::GetSalaryDistributionResponse>(
               RawUnary(channel_, "GetSalaryDistribution", r))
        .metadata()
        .answer_version();
  };
  // Two answers of an open window a minute boundary apart differ; two of a
  // pinned one never do. Called around the next boundary.
  const absl::Time now = absl::Now();
  const absl::Time boundary =
      absl::FromUnixSeconds((absl::ToUnixSeconds(now) / 60 + 1) * 60);
  absl::SleepFor(boundary - now - absl::Milliseconds(400));
  const std::string open_before = version(open);
  const std::string pinned_before = version(pinned);
  absl::SleepFor(boundary + absl::Milliseconds(400) - absl::Now());
  EXPECT_NE(version(open), open_before);
  EXPECT_EQ(version(pinned), pinned_before);
  EXPECT_NE(open_before, pinned_before);
}

TEST_F(PartialAnswersTest, AKnownVersionIsAnsweredWithMetadataOnlyAndFast) {
  v1::GetSkillPremiumsRequest request;
  request.set_role(kRole);
  request.set_top_n(40);
  request.set_min_sample_size(5);
  *request.mutable_filter() = Pinned(data_.now);
  // Narrowed so the bootstrap runs (groups of at most 10,000 postings):
  // the costly answer a known version spares.
  const auto full = Parse<v1::GetSkillPremiumsResponse>(
      RawUnary(channel_, "GetSkillPremiums", request));
  ASSERT_GT(full.premiums_size(), 5);
  const std::string version = full.metadata().answer_version();

  request.set_known_version(version);
  const RawAnswer raw = RawUnary(channel_, "GetSkillPremiums", request);
  const auto unchanged = Parse<v1::GetSkillPremiumsResponse>(raw);
  EXPECT_TRUE(unchanged.metadata().unchanged());
  EXPECT_EQ(unchanged.metadata().answer_version(), version);
  EXPECT_EQ(unchanged.metadata().data_version(),
            full.metadata().data_version());
  EXPECT_EQ(unchanged.metadata().privacy_floor(),
            full.metadata().privacy_floor());
  v1::GetSkillPremiumsResponse only_metadata;
  *only_metadata.mutable_metadata() = unchanged.metadata();
  EXPECT_EQ(raw.bytes, only_metadata.SerializeAsString());
  EXPECT_LT(raw.bytes.size(), 80u);
  EXPECT_GT(full.ByteSizeLong(), 20 * raw.bytes.size());

  // Nothing is computed: distinct requests (no cache can answer) with the
  // known version take a fraction of the time of the same ones without it.
  auto median_ms = [&](bool known) {
    std::vector<double> ms;
    for (int i = 0; i < 9; ++i) {
      v1::GetSkillPremiumsRequest r = request;
      r.set_known_version(known ? version : "");
      r.set_min_sample_size(5 + i);  // distinct: no cached answer
      const absl::Time start = absl::Now();
      const RawAnswer a = RawUnary(channel_, "GetSkillPremiums", r);
      ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
      EXPECT_TRUE(a.status.ok());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  };
  const double computed = median_ms(false);
  const double spared = median_ms(true);
  EXPECT_LT(spared * 3, computed)
      << "unchanged " << spared << " ms vs computed " << computed << " ms";

  // A stale version is answered in full.
  request.set_known_version(version + "-old");
  EXPECT_EQ(Parse<v1::GetSkillPremiumsResponse>(
                RawUnary(channel_, "GetSkillPremiums", request))
                .premiums_size(),
            full.premiums_size());
}

// The answer under `paths` is the full answer trimmed to them, byte for
// byte (the trim applied here to the full answer as a client would).
template <typename Request, typename Response>
void ExpectMaskedIsTrimmed(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& method, Request request,
                           const std::string& paths) {
  const auto full = Parse<Response>(RawUnary(channel, method, request));
  google::protobuf::util::FieldMaskUtil::FromString(
      paths, request.mutable_read_mask());
  const RawAnswer masked = RawUnary(channel, method, request);
  ASSERT_TRUE(masked.status.ok())
      << paths << ": " << masked.status.error_message();
  Response trimmed = full;
  TrimToPaths(absl::StrSplit(paths, ','), &trimmed);
  EXPECT_EQ(masked.bytes, trimmed.SerializeAsString()) << paths;
  EXPECT_LT(masked.bytes.size(), full.ByteSizeLong()) << paths;
}

TEST_F(PartialAnswersTest, MaskedAnswersAreTheFullAnswersTrimmed) {
  using CR = v1::CompareRolesResponse;
  for (const char* paths :
       {"roles.pay,verdicts", "verdicts", "roles.pay_by_level",
        "skill_overlaps.shared_skills", "roles.top_skills,roles.remote_share",
        "total_tracked_postings,roles.open_positions_share",
        "roles.experience_mix,verdicts.outcome,verdicts.leading_role"}) {
    ExpectMaskedIsTrimmed<v1::CompareRolesRequest, CR>(
        channel_, "CompareRoles", Comparison(data_.now), paths);
  }
  v1::GetSalaryDistributionRequest distribution;
  distribution.set_role(kRole);
  *distribution.mutable_filter() = Pinned(data_.now);
  for (const char* paths : {"distribution.percentiles", "quality,role"}) {
    ExpectMaskedIsTrimmed<v1::GetSalaryDistributionRequest,
                          v1::GetSalaryDistributionResponse>(
        channel_, "GetSalaryDistribution", distribution, paths);
  }
  v1::GetCareerPathRequest career;
  career.set_role(kRole);
  *career.mutable_filter() = Pinned(data_.now);
  for (const char* paths : {"levels", "outgoing_transitions.to_median"}) {
    ExpectMaskedIsTrimmed<v1::GetCareerPathRequest, v1::GetCareerPathResponse>(
        channel_, "GetCareerPath", career, paths);
  }
  v1::GetSkillPremiumsRequest premiums;
  premiums.set_role(kRole);
  premiums.set_min_sample_size(5);
  *premiums.mutable_filter() = Pinned(data_.now);
  for (const char* paths :
       {"premiums.premium,premiums.skill.slug", "premiums.interval"}) {
    ExpectMaskedIsTrimmed<v1::GetSkillPremiumsRequest,
                          v1::GetSkillPremiumsResponse>(
        channel_, "GetSkillPremiums", premiums, paths);
  }
}

TEST_F(PartialAnswersTest, ABadMaskPathIsNamed) {
  v1::CompareRolesRequest request = Comparison(data_.now);
  request.mutable_read_mask()->add_paths("verdicts");
  request.mutable_read_mask()->add_paths("roles.salary");
  const RawAnswer answer = RawUnary(channel_, "CompareRoles", request);
  EXPECT_EQ(answer.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Fields(answer.status),
            std::vector<std::string>{"read_mask.paths[1]"});
}

}  // namespace
}  // namespace compdata::testing::query
