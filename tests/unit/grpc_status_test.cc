#include "server/api/grpc_status.h"

#include <gtest/gtest.h>

#include "common/status_util.h"
#include "compdata/v1/common.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace compdata::api {
namespace {

google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(status.error_details()));
  return details;
}

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST(GrpcStatusTest, InvalidFieldCarriesBadRequestAndErrorInfo) {
  grpc::Status status =
      ToGrpcStatus(InvalidField("percentiles[2]", "must be within [0, 100]"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "must be within [0, 100]");
  google::rpc::Status details = Details(status);
  EXPECT_EQ(details.code(),
            static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(details.details_size(), 2);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.domain(), "compdata.example");
  EXPECT_EQ(info.metadata().at("field"), "percentiles[2]");
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "percentiles[2]");
}

TEST(GrpcStatusTest, ExplicitReasonWinsAndNotFoundHasNoBadRequest) {
  grpc::Status status = ToGrpcStatus(WithReason(
      FieldError(absl::StatusCode::kNotFound, "role", "no such role"),
      kReasonRoleNotFound));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  google::rpc::Status details = Details(status);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "ROLE_NOT_FOUND");
}

TEST(GrpcStatusTest, CodesCarryOverUnchanged) {
  for (auto code :
       {absl::StatusCode::kUnavailable, absl::StatusCode::kDeadlineExceeded,
        absl::StatusCode::kFailedPrecondition, absl::StatusCode::kInternal}) {
    EXPECT_EQ(
        static_cast<int>(ToGrpcStatus(absl::Status(code, "x")).error_code()),
        static_cast<int>(code));
  }
}

// Every reason the server can send is a value of the documented enum.
TEST(GrpcStatusTest, ReasonsAreValuesOfTheProtoEnum) {
  const auto* descriptor = v1::ErrorReason_descriptor();
  for (absl::string_view reason :
       {kReasonInvalidField, kReasonInvalidPageToken, kReasonRoleNotFound,
        kReasonDatabaseUnavailable, kReasonNotImplemented, kReasonInternal,
        kReasonDeadlineExceeded, kReasonDatabaseError}) {
    EXPECT_NE(
        descriptor->FindValueByName("ERROR_REASON_" + std::string(reason)),
        nullptr)
        << reason;
  }
}

}  // namespace
}  // namespace compdata::api
