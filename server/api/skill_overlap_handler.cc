// GetSkillOverlap: two roles' top skills, shared and unique.

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {
constexpr int kDefaultOverlapTopN = 8;
constexpr int kMaxOverlapTopN = 50;
}  // namespace

absl::Status AnswerSkillOverlap(const QueryContext& ctx,
                                const v1::GetSkillOverlapRequest& request,
                                v1::GetSkillOverlapResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(std::vector<int32_t> roles,
                            ResolveRoles(ctx.snapshot, request.roles(), 2, 2));
  COMPDATA_ASSIGN_OR_RETURN(int top_n,
                            ResolveCount(request.top_n(), kDefaultOverlapTopN,
                                         kMaxOverlapTopN, "top_n"));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const auto a = DemandOf(ctx, filter, roles[0]);
  const auto b = DemandOf(ctx, filter, roles[1]);
  FillSkillOverlap(ctx, roles[0], *a, roles[1], *b, top_n,
                   response->mutable_overlap());
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
