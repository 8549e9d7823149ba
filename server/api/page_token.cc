#include "server/api/page_token.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"

namespace compdata::api {
namespace {
constexpr char kVersion[] = "v1";

absl::Status BadToken(absl::string_view message) {
  return WithReason(InvalidField("page_token", message),
                    kReasonInvalidPageToken);
}
constexpr char kSeparator = '\x1f';  // never in a slug or a fingerprint
}  // namespace

std::string EncodePageToken(const std::string& last_key,
                            const std::string& query_fingerprint) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kVersion, std::string(1, kSeparator), query_fingerprint,
                   std::string(1, kSeparator), last_key));
}

absl::StatusOr<std::string> DecodePageToken(
    const std::string& token, const std::string& query_fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken("malformed page token");
  }
  std::vector<std::string> parts =
      absl::StrSplit(raw, absl::MaxSplits(kSeparator, 2));
  if (parts.size() != 3 || parts[0] != kVersion) {
    return BadToken("malformed page token");
  }
  if (parts[1] != query_fingerprint) {
    return BadToken(
        "page token was issued for a request with other parameters; keep "
        "them unchanged while paging");
  }
  return parts[2];
}

}  // namespace compdata::api
