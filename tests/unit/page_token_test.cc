#include "server/api/page_token.h"

#include <gtest/gtest.h>

#include "common/status_util.h"
#include "tests/support/status_matchers.h"

namespace compdata::api {
namespace {

using ::compdata::testing::StatusIs;

TEST(PageTokenTest, RoundTrips) {
  const std::string token = EncodePageToken("software-engineer", "family=ai");
  auto key = DecodePageToken(token, "family=ai");
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(*key, "software-engineer");
}

TEST(PageTokenTest, RejectsATokenFromAnotherQuery) {
  const std::string token = EncodePageToken("b", "family=ai");
  auto key = DecodePageToken(token, "family=software");
  EXPECT_THAT(key, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(FieldOf(key.status()), "page_token");
  EXPECT_EQ(ReasonOf(key.status()), std::string(kReasonInvalidPageToken));
}

TEST(PageTokenTest, RejectsGarbage) {
  for (const std::string token : {"%%%", "dGhpcyBpcyBub3QgYSB0b2tlbg", ""}) {
    EXPECT_THAT(DecodePageToken(token, "family="),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << token;
  }
}

}  // namespace
}  // namespace compdata::api
