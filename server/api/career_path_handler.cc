// GetCareerPath: a role's ladder with median pay per rung, and the
// transitions into and out of it.

#include <optional>

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

constexpr int kDefaultTransitions = 10;
constexpr int kMaxTransitions = 50;

// Each rung with its median pay and the change from the rung below.
void FillLadder(const QueryContext& ctx, const ResolvedFilter& filter,
                int32_t role, v1::GetCareerPathResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  std::optional<engine::PayStats> previous;
  for (const engine::LevelEntry& level : s.levels[role]) {
    v1::CareerLevel* out = response->add_levels();
    v1::RoleLevel* rung = out->mutable_level();
    rung->set_role(s.roles[role].slug);
    rung->set_level(level.level);
    rung->set_seniority(static_cast<v1::SeniorityLevel>(level.seniority));
    rung->set_title(level.title);
    rung->set_summary(level.summary);
    if (level.seniority == 0) {
      out->mutable_quality()->set_suppression_reason(
          v1::SUPPRESSION_REASON_NO_DATA);
      previous.reset();
      continue;
    }
    engine::PayStats pay = MedianOf(ctx, filter, role, level.seniority);
    ToProto(pay.quality, ctx.privacy_floor, out->mutable_quality());
    if (!pay.quality.withheld()) {
      ToMoney(pay.percentiles[0], filter.currency_code, out->mutable_median());
    }
    if (previous.has_value()) {
      SetChange(*previous, pay, filter.currency_code, out);
    }
    previous = std::move(pay);
  }
}

}  // namespace

absl::Status AnswerCareerPath(const QueryContext& ctx,
                              const v1::GetCareerPathRequest& request,
                              v1::GetCareerPathResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(s, request.role(), "role"));
  if (request.filter().seniority_levels_size() > 0) {
    return InvalidField("filter.seniority_levels",
                        "must be empty: each rung uses its own level");
  }
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(
      int max_transitions,
      ResolveCount(request.max_transitions(), kDefaultTransitions,
                   kMaxTransitions, "max_transitions"));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  ToRoleRef(s, role, response->mutable_role());
  if (Wants(ctx, "levels")) FillLadder(ctx, filter, role, response);
  // A direction not asked for counts as full: no move of it is filled.
  int outgoing = Wants(ctx, "outgoing_transitions") ? 0 : max_transitions;
  int incoming = Wants(ctx, "incoming_transitions") ? 0 : max_transitions;
  for (const engine::TransitionEntry& t : s.transitions) {  // by weight
    if (t.from == role && outgoing < max_transitions) {
      ++outgoing;
      FillTransition(ctx, filter, t, response->add_outgoing_transitions());
    } else if (t.to == role && incoming < max_transitions) {
      ++incoming;
      FillTransition(ctx, filter, t, response->add_incoming_transitions());
    }
  }
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
