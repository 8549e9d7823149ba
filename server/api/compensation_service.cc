#include "server/api/compensation_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/call_util.h"
#include "server/api/page_token.h"
#include "server/api/proto_convert.h"

namespace compdata::api {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr size_t kMaxRoleLength = 200;

}  // namespace

grpc::ServerUnaryReactor* CompensationServiceImpl::ListRoles(
    grpc::CallbackServerContext* ctx, const v1::ListRolesRequest* request,
    v1::ListRolesResponse* response) {
  return FinishUnary(ctx, [&]() -> absl::Status {
    if (request->page_size() < 0) {
      return InvalidField("page_size", "must be >= 0");
    }
    const int page_size = request->page_size() == 0
                              ? kDefaultPageSize
                              : std::min(request->page_size(), kMaxPageSize);
    const std::string fingerprint = absl::StrCat("family=", request->family());
    std::string after;
    if (!request->page_token().empty()) {
      COMPDATA_ASSIGN_OR_RETURN(
          after, DecodePageToken(request->page_token(), fingerprint));
    }
    COMPDATA_ASSIGN_OR_RETURN(
        db::RolePage page,
        roles_->List(request->family(), after, page_size, DeadlineOf(*ctx)));
    for (const engine::Role& role : page.roles) {
      ToProto(role, response->add_roles());
    }
    if (page.has_more) {
      response->set_next_page_token(
          EncodePageToken(page.roles.back().slug, fingerprint));
    }
    response->set_total_size(static_cast<int32_t>(page.total_size));
    ToProto(page.version, options_.privacy_floor, response->mutable_metadata());
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRole(
    grpc::CallbackServerContext* ctx, const v1::GetRoleRequest* request,
    v1::GetRoleResponse* response) {
  return FinishUnary(ctx, [&]() -> absl::Status {
    if (request->role().empty()) return InvalidField("role", "is required");
    if (request->role().size() > kMaxRoleLength) {
      return InvalidField(
          "role", absl::StrCat("longer than ", kMaxRoleLength, " characters"));
    }
    COMPDATA_ASSIGN_OR_RETURN(auto found,
                              roles_->Find(request->role(), DeadlineOf(*ctx)));
    ToProto(found.first, response->mutable_role());
    ToProto(found.second, options_.privacy_floor, response->mutable_metadata());
    return absl::OkStatus();
  });
}

}  // namespace compdata::api
