// RelatedRoles: not served yet (issue 16 builds it).

#include "server/api/read_handlers.h"

namespace compdata::api {

absl::Status AnswerRelatedRoles(const QueryContext& ctx,
                                const v1::GetRelatedRolesRequest& request,
                                v1::GetRelatedRolesResponse* response) {
  (void)ctx;
  (void)request;
  (void)response;
  return absl::UnimplementedError("RelatedRoles is not served yet");
}

}  // namespace compdata::api
