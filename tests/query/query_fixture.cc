#include "tests/query/query_fixture.h"

#include <thread>

#include "client/rpc_status.h"
#include "tests/support/ingest_data.h"

namespace compdata::testing::query {
namespace {

template <typename Response, typename Request, typename Method>
absl::StatusOr<Response> CallWithDeadline(v1::CompensationService::Stub* stub,
                                          Method method, const Request& request,
                                          absl::Duration timeout) {
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  Response response;
  absl::Status status =
      FromGrpcStatus((stub->*method)(&ctx, request, &response));
  if (!status.ok()) return status;
  return response;
}

void ExpectCleanIngest(const IngestOutcome& outcome, size_t records,
                       const char* what) {
  EXPECT_TRUE(outcome.status.ok()) << what << ": " << outcome.status;
  for (const auto& r : outcome.rejected) {
    ADD_FAILURE() << what << " rejected " << r.source_id() << " " << r.field()
                  << ": " << r.message();
  }
  EXPECT_EQ(outcome.summary.accepted() + outcome.summary.updated(),
            static_cast<int64_t>(records))
      << what;
}

}  // namespace

Reader::Reader(const std::shared_ptr<grpc::Channel>& channel,
               absl::Duration timeout)
    : stub_(v1::CompensationService::NewStub(channel)), timeout_(timeout) {}

absl::StatusOr<v1::GetSalaryDistributionResponse> Reader::Distribution(
    const v1::GetSalaryDistributionRequest& request) const {
  return CallWithDeadline<v1::GetSalaryDistributionResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetSalaryDistribution,
      request, timeout_);
}

absl::StatusOr<v1::CompareRolesResponse> Reader::Compare(
    const v1::CompareRolesRequest& request) const {
  return CallWithDeadline<v1::CompareRolesResponse>(
      stub_.get(), &v1::CompensationService::Stub::CompareRoles, request,
      timeout_);
}

absl::StatusOr<v1::GetSkillOverlapResponse> Reader::Overlap(
    const v1::GetSkillOverlapRequest& request) const {
  return CallWithDeadline<v1::GetSkillOverlapResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetSkillOverlap, request,
      timeout_);
}

absl::StatusOr<v1::GetSkillPremiumsResponse> Reader::Premiums(
    const v1::GetSkillPremiumsRequest& request) const {
  return CallWithDeadline<v1::GetSkillPremiumsResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetSkillPremiums, request,
      timeout_);
}

absl::StatusOr<v1::GetCareerPathResponse> Reader::Career(
    const v1::GetCareerPathRequest& request) const {
  return CallWithDeadline<v1::GetCareerPathResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetCareerPath, request,
      timeout_);
}

absl::StatusOr<v1::GetSalaryTrendResponse> Reader::Trend(
    const v1::GetSalaryTrendRequest& request) const {
  return CallWithDeadline<v1::GetSalaryTrendResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetSalaryTrend, request,
      timeout_);
}

absl::StatusOr<v1::EvaluateOfferResponse> Reader::Offer(
    const v1::EvaluateOfferRequest& request) const {
  return CallWithDeadline<v1::EvaluateOfferResponse>(
      stub_.get(), &v1::CompensationService::Stub::EvaluateOffer, request,
      timeout_);
}

absl::StatusOr<v1::GetRelatedRolesResponse> Reader::Related(
    const v1::GetRelatedRolesRequest& request) const {
  return CallWithDeadline<v1::GetRelatedRolesResponse>(
      stub_.get(), &v1::CompensationService::Stub::GetRelatedRoles, request,
      timeout_);
}

::testing::AssertionResult Reader::WaitForVersion(
    const std::string& version, const std::string& role,
    absl::Duration timeout) const {
  const absl::Time until = absl::Now() + timeout;
  v1::GetSalaryDistributionRequest request;
  request.set_role(role);
  std::string last = "(no answer)";
  while (true) {
    auto response = Distribution(request);
    if (response.ok()) {
      last = response->metadata().data_version();
      if (version.empty() || last == version) {
        return ::testing::AssertionSuccess();
      }
    } else if (response.status().code() != absl::StatusCode::kUnavailable &&
               response.status().code() != absl::StatusCode::kNotFound) {
      return ::testing::AssertionFailure()
             << "waiting for data_version " << version
             << ", GetSalaryDistribution failed: " << response.status();
    } else {
      last = response.status().ToString();
    }
    if (absl::Now() > until) {
      return ::testing::AssertionFailure()
             << "data_version " << version << " not served within " << timeout
             << "; last answer: " << last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

void QueryTest::SetUp() {
  server_ = ServerProcess::Start(db_.url(), server_args());
  ASSERT_NE(server_, nullptr);
  auto client = Client::Create(ClientOptions{server_->target()});
  ASSERT_TRUE(client.ok()) << client.status();
  client_ = std::move(*client);
  reader_ = std::make_unique<Reader>(client_->channel());
  LoadSeed(*client_);
  ASSERT_FALSE(::testing::Test::HasFailure()) << "seed data did not load";
}

v1::IngestSummary QueryTest::IngestPostings(
    const std::vector<v1::JobPosting>& postings, int32_t batch_size) {
  IngestRunOptions options;
  options.batch_size = batch_size;
  IngestOutcome outcome =
      client_->IngestPostings(FromVector(postings), options);
  ExpectCleanIngest(outcome, postings.size(), "postings");
  if (!outcome.summary.data_version().empty()) {
    version_ = outcome.summary.data_version();
  }
  return outcome.summary;
}

v1::IngestSummary QueryTest::IngestReports(
    const std::vector<v1::SalaryReport>& reports, int32_t batch_size) {
  IngestRunOptions options;
  options.batch_size = batch_size;
  IngestOutcome outcome =
      client_->IngestSalaryReports(FromVector(reports), options);
  ExpectCleanIngest(outcome, reports.size(), "reports");
  if (!outcome.summary.data_version().empty()) {
    version_ = outcome.summary.data_version();
  }
  return outcome.summary;
}

}  // namespace compdata::testing::query
