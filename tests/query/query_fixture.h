#ifndef COMPDATA_TESTS_QUERY_QUERY_FIXTURE_H_
#define COMPDATA_TESTS_QUERY_QUERY_FIXTURE_H_

// A real compdata-server on a fresh database with the shipped reference
// data, a stub for the read RPCs (every call with a deadline), and helpers
// that ingest records and wait until the server's snapshot includes them.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/client.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "tests/support/server_process.h"
#include "tests/support/test_db.h"

namespace compdata::testing::query {

// The privacy floor the server runs with unless started otherwise.
inline constexpr int kDefaultPrivacyFloor = 5;

// The read RPCs of CompensationService, each with a deadline, returning the
// response or the call's status (details kept, see client/rpc_status.h).
class Reader {
 public:
  explicit Reader(const std::shared_ptr<grpc::Channel>& channel,
                  absl::Duration timeout = absl::Seconds(10));

  absl::StatusOr<v1::GetSalaryDistributionResponse> Distribution(
      const v1::GetSalaryDistributionRequest& request) const;
  absl::StatusOr<v1::CompareRolesResponse> Compare(
      const v1::CompareRolesRequest& request) const;
  absl::StatusOr<v1::GetSkillOverlapResponse> Overlap(
      const v1::GetSkillOverlapRequest& request) const;
  absl::StatusOr<v1::GetSkillPremiumsResponse> Premiums(
      const v1::GetSkillPremiumsRequest& request) const;
  absl::StatusOr<v1::GetCareerPathResponse> Career(
      const v1::GetCareerPathRequest& request) const;
  absl::StatusOr<v1::GetSalaryTrendResponse> Trend(
      const v1::GetSalaryTrendRequest& request) const;
  absl::StatusOr<v1::EvaluateOfferResponse> Offer(
      const v1::EvaluateOfferRequest& request) const;
  absl::StatusOr<v1::GetRelatedRolesResponse> Related(
      const v1::GetRelatedRolesRequest& request) const;

  // Polls GetSalaryDistribution(`role`) until its metadata.data_version is
  // `version` (the server swaps its snapshot shortly after a commit; until
  // then `role` may be unknown to it). Fails at once on a status other than
  // OK / UNAVAILABLE / NOT_FOUND, else after `timeout`. An empty `version`
  // accepts any answer (the seed data's roles are served).
  ::testing::AssertionResult WaitForVersion(
      const std::string& version, const std::string& role = "ai-engineer",
      absl::Duration timeout = absl::Seconds(10)) const;

  v1::CompensationService::Stub* stub() const { return stub_.get(); }

 private:
  std::unique_ptr<v1::CompensationService::Stub> stub_;
  absl::Duration timeout_;
};

// Starts the server on db_ (with server_args()), loads the seed data.
class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Extra server flags, e.g. {"--privacy_floor=2"}.
  virtual std::vector<std::string> server_args() const { return {}; }

  // Streams the records through the client; fails the test on a reject or a
  // stream error. Returns the stream's summary; its data_version is kept in
  // version_.
  v1::IngestSummary IngestPostings(const std::vector<v1::JobPosting>& postings,
                                   int32_t batch_size = 0);
  v1::IngestSummary IngestReports(const std::vector<v1::SalaryReport>& reports,
                                  int32_t batch_size = 0);

  // Waits until reader_ answers with version_ (after SetUp, which sets no
  // version: until it knows the seed's roles).
  ::testing::AssertionResult WaitForIngested() const {
    return reader_->WaitForVersion(version_);
  }

  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<Client> client_;
  std::unique_ptr<Reader> reader_;
  std::string version_;  // data version after the last ingest
};

// "status is OK" with the status in the failure message.
template <typename T>
::testing::AssertionResult IsOk(const absl::StatusOr<T>& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "status is " << result.status();
}

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_QUERY_FIXTURE_H_
