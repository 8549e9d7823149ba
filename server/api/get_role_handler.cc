// GetRole: one role's reference entry and profile.

#include "common/status_util.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"

namespace compdata::api {

absl::Status AnswerGetRole(const QueryContext& ctx,
                           const v1::GetRoleRequest& request,
                           v1::GetRoleResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(ctx.snapshot, request.role(), "role"));
  ToProto(ctx.snapshot.roles[role], response->mutable_role());
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
