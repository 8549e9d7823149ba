// ListRoles: the roles in slug order, a page at a time.

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/page_token.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"

namespace compdata::api {
namespace {
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
}  // namespace

absl::Status AnswerListRoles(const QueryContext& ctx,
                             const v1::ListRolesRequest& request,
                             v1::ListRolesResponse* response) {
  if (request.page_size() < 0) return InvalidField("page_size", "must be >= 0");
  const int page_size = request.page_size() == 0
                            ? kDefaultPageSize
                            : std::min(request.page_size(), kMaxPageSize);
  const std::string fingerprint = absl::StrCat("family=", request.family());
  std::string after;
  if (!request.page_token().empty()) {
    COMPDATA_ASSIGN_OR_RETURN(
        after, DecodePageToken(request.page_token(), fingerprint));
  }
  const std::string family = absl::AsciiStrToLower(request.family());
  int32_t total = 0;
  for (int32_t index : ctx.snapshot.roles_by_slug) {
    const engine::Role& role = ctx.snapshot.roles[index];
    if (!family.empty() && role.family != family) continue;
    ++total;
    if (role.slug <= after) continue;
    if (response->roles_size() == page_size) {
      response->set_next_page_token(
          EncodePageToken(response->roles(page_size - 1).slug(), fingerprint));
      continue;
    }
    ToProto(role, response->add_roles());
  }
  response->set_total_size(total);
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
