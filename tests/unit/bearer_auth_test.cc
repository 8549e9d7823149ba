// Scoped bearer tokens: the file format and the decision for every scope.

#include "server/api/bearer_auth.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/time/clock.h"

namespace compdata::api {
namespace {

TEST(TokenFileTest, ScopesPerTokenAndTheOldFormatMeansAll) {
  int unscoped = 0;
  auto tokens = ParseTokenFile(
      "# comment\n\nreader read\n  writer ingest,read \nadmin admin\nold\n",
      &unscoped);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  ASSERT_EQ(tokens->size(), 4u);
  EXPECT_EQ((*tokens)[0].token, "reader");
  EXPECT_EQ((*tokens)[0].scopes, static_cast<unsigned>(Scope::kRead));
  EXPECT_EQ((*tokens)[1].scopes, static_cast<unsigned>(Scope::kRead) |
                                     static_cast<unsigned>(Scope::kIngest));
  EXPECT_EQ((*tokens)[3].scopes, 7u);
  EXPECT_EQ(unscoped, 1);
}

TEST(TokenFileTest, BadLinesAreRefusedWithTheirNumber) {
  int unscoped = 0;
  auto bad_scope = ParseTokenFile("a read\nb write\n", &unscoped);
  EXPECT_EQ(bad_scope.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(bad_scope.status().message(), "line 2"));
  EXPECT_TRUE(absl::StrContains(bad_scope.status().message(), "write"));
  EXPECT_FALSE(ParseTokenFile("a read extra\n", &unscoped).ok());
  EXPECT_FALSE(ParseTokenFile("# only a comment\n", &unscoped).ok());
}

TEST(BearerAuthTest, UnauthenticatedWithoutAKnownTokenDeniedWithoutTheScope) {
  BearerAuth auth({{"r", static_cast<unsigned>(Scope::kRead)},
                   {"i", static_cast<unsigned>(Scope::kIngest)},
                   {"a", static_cast<unsigned>(Scope::kAdmin)}});
  struct Case {
    const char* header;
    Scope scope;
    absl::StatusCode want;
  };
  const Case cases[] = {
      {"", Scope::kRead, absl::StatusCode::kUnauthenticated},
      {"Basic r", Scope::kRead, absl::StatusCode::kUnauthenticated},
      {"Bearer x", Scope::kRead, absl::StatusCode::kUnauthenticated},
      {"Bearer r ", Scope::kRead, absl::StatusCode::kUnauthenticated},
      {"Bearer r", Scope::kRead, absl::StatusCode::kOk},
      {"Bearer r", Scope::kIngest, absl::StatusCode::kPermissionDenied},
      {"Bearer r", Scope::kAdmin, absl::StatusCode::kPermissionDenied},
      {"Bearer i", Scope::kIngest, absl::StatusCode::kOk},
      {"Bearer i", Scope::kRead, absl::StatusCode::kPermissionDenied},
      {"Bearer i", Scope::kAdmin, absl::StatusCode::kPermissionDenied},
      {"Bearer a", Scope::kAdmin, absl::StatusCode::kOk},
      {"Bearer a", Scope::kIngest, absl::StatusCode::kPermissionDenied},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(auth.Authorize(c.header, c.scope).code(), c.want)
        << c.header << " for " << ScopeName(c.scope);
  }
  EXPECT_TRUE(BearerAuth().Authorize("", Scope::kAdmin).ok())
      << "no tokens: open";
}

TEST(BearerAuthTest, ARewrittenFileIsReloadedAndABadOneIgnored) {
  char path[] = "/tmp/compdata-tokens-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << "old-token read\n";
  auto auth = BearerAuth::FromFile(path, absl::Milliseconds(20));
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_TRUE((*auth)->Authorize("Bearer old-token", Scope::kRead).ok());

  std::ofstream(path) << "new-token read,ingest\n";
  const absl::Time until = absl::Now() + absl::Seconds(5);
  while (!(*auth)->Authorize("Bearer new-token", Scope::kIngest).ok() &&
         absl::Now() < until) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE((*auth)->Authorize("Bearer new-token", Scope::kIngest).ok());
  EXPECT_EQ((*auth)->Authorize("Bearer old-token", Scope::kRead).code(),
            absl::StatusCode::kUnauthenticated);

  std::ofstream(path) << "broken-line read write\n";
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_TRUE((*auth)->Authorize("Bearer new-token", Scope::kIngest).ok())
      << "a bad file keeps the tokens in force";
  std::remove(path);
}

}  // namespace
}  // namespace compdata::api
