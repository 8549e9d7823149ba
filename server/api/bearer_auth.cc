#include "server/api/bearer_auth.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/channel_settings.h"
#include "common/file_util.h"
#include "common/status_util.h"

namespace compdata::api {
namespace {

// Compares in time independent of where the strings first differ, so the
// answer's timing does not reveal how much of a guessed token was right.
bool ConstantTimeEqual(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

absl::StatusOr<BearerAuth> BearerAuth::FromFile(const std::string& path) {
  COMPDATA_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  std::vector<std::string> tokens;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::string_view token = absl::StripAsciiWhitespace(line);
    if (token.empty() || absl::StartsWith(token, "#")) continue;
    tokens.emplace_back(token);
  }
  if (tokens.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, " holds no token"));
  }
  return BearerAuth(std::move(tokens));
}

absl::Status BearerAuth::Check(const grpc::ServerContextBase& ctx) const {
  if (tokens_.empty()) return absl::OkStatus();
  const auto& metadata = ctx.client_metadata();
  auto it = metadata.find(kAuthorizationKey);
  if (it == metadata.end()) {
    return absl::UnauthenticatedError(
        "missing \"authorization: Bearer <token>\" metadata");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::ConsumePrefix(&value, "Bearer ")) {
    return absl::UnauthenticatedError(
        "authorization metadata is not a Bearer token");
  }
  bool known = false;
  for (const std::string& token : tokens_) {
    known |= ConstantTimeEqual(value, token);
  }
  if (!known) return absl::UnauthenticatedError("unknown bearer token");
  return absl::OkStatus();
}

}  // namespace compdata::api
