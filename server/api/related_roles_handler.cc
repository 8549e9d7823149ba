// GetRelatedRoles: the roles most related to one role, by shared top skills
// and by observed moves, each with the skill overlap and the moves' pay.

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/career_fill.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/response_parts.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

constexpr int kDefaultRelated = 10;
constexpr int kMaxRelated = 50;
// top_n as GetSkillOverlapRequest.top_n takes it.
constexpr int kDefaultTopN = 8;
constexpr int kMaxTopN = 50;

const engine::TransitionEntry* FindMove(const engine::Snapshot& s, int32_t from,
                                        int32_t to) {
  for (const engine::TransitionEntry& t : s.transitions) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

void FillRelated(const QueryContext& ctx, const ResolvedFilter& filter,
                 int32_t role, int top_n, const engine::RelatedCandidate& c,
                 v1::RelatedRole* out) {
  const engine::Snapshot& s = ctx.snapshot;
  ToRoleRef(s, c.role, out->mutable_role());
  out->set_relatedness(c.relatedness);
  if (c.overlap_count > 0) out->add_reasons(v1::RELATION_KIND_SKILL_OVERLAP);
  if (c.has_to) out->add_reasons(v1::RELATION_KIND_TRANSITION_TO);
  if (c.has_from) out->add_reasons(v1::RELATION_KIND_TRANSITION_FROM);
  FillSkillOverlap(ctx, role, *DemandOf(ctx, filter, role), c.role,
                   *DemandOf(ctx, filter, c.role), top_n,
                   out->mutable_skill_overlap());
  if (const auto* to = c.has_to ? FindMove(s, role, c.role) : nullptr) {
    FillTransition(ctx, filter, *to, out->mutable_transition_to());
  }
  if (const auto* from = c.has_from ? FindMove(s, c.role, role) : nullptr) {
    FillTransition(ctx, filter, *from, out->mutable_transition_from());
  }
}

std::string Explanation(int top_n) {
  return absl::StrCat(
      "Relatedness = 0.5 x the Jaccard index of the two roles' top ", top_n,
      " skills among open postings + 0.5 x the larger weight of the moves "
      "between them (the share of people leaving one role who take that "
      "path; 0 when there is none). Roles that share no top skill and no "
      "move are not listed; ties are listed by slug.");
}

}  // namespace

absl::Status AnswerRelatedRoles(const QueryContext& ctx,
                                const v1::GetRelatedRolesRequest& request,
                                v1::GetRelatedRolesResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(ctx.snapshot, request.role(), "role"));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(int max_results,
                            ResolveCount(request.max_results(), kDefaultRelated,
                                         kMaxRelated, "max_results"));
  COMPDATA_ASSIGN_OR_RETURN(
      int top_n,
      ResolveCount(request.top_n(), kDefaultTopN, kMaxTopN, "top_n"));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  ToRoleRef(ctx.snapshot, role, response->mutable_role());
  if (Wants(ctx, "related_roles")) {
    for (const engine::RelatedCandidate& c :
         RelatedRolesOf(ctx, filter, role, top_n, max_results)) {
      FillRelated(ctx, filter, role, top_n, c, response->add_related_roles());
    }
  }
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  response->set_explanation(Explanation(top_n));
  return absl::OkStatus();
}

}  // namespace compdata::api
