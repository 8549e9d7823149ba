#include "server/api/career_fill.h"

namespace compdata::api {

engine::PayStats MedianOf(const QueryContext& ctx, const ResolvedFilter& filter,
                          int32_t role, int level) {
  return (*LevelMediansOf(ctx, filter, role))[level];
}

void FillTransition(const QueryContext& ctx, const ResolvedFilter& filter,
                    const engine::TransitionEntry& t,
                    v1::CareerTransition* out) {
  const engine::Snapshot& s = ctx.snapshot;
  ToRoleRef(s, t.from, out->mutable_from_role());
  ToRoleRef(s, t.to, out->mutable_to_role());
  out->set_kind(t.kind == "advancement" ? v1::TRANSITION_KIND_ADVANCEMENT
                : t.kind == "lateral"   ? v1::TRANSITION_KIND_LATERAL
                                        : v1::TRANSITION_KIND_SWITCH);
  out->set_weight(t.weight);
  const engine::PayStats from = MedianOf(ctx, filter, t.from, 0);
  const engine::PayStats to = MedianOf(ctx, filter, t.to, 0);
  ToProto(from.quality, ctx.privacy_floor, out->mutable_from_quality());
  ToProto(to.quality, ctx.privacy_floor, out->mutable_to_quality());
  if (!from.quality.withheld()) {
    ToMoney(from.percentiles[0], filter.currency_code,
            out->mutable_from_median());
  }
  if (!to.quality.withheld()) {
    ToMoney(to.percentiles[0], filter.currency_code, out->mutable_to_median());
  }
  SetChange(from, to, filter.currency_code, out);
}

}  // namespace compdata::api
