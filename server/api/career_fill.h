#ifndef COMPDATA_SERVER_API_CAREER_FILL_H_
#define COMPDATA_SERVER_API_CAREER_FILL_H_

// Pay changes of career moves, shared by GetCareerPath (its ladder and
// transitions) and GetRelatedRoles (the transitions of a related role).

#include <string>

#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/pay_stats.h"
#include "core/engine/snapshot.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"
#include "server/api/query_context.h"
#include "server/api/salary_filter.h"

namespace compdata::api {

// The role's median pay under the filter at `level` (0: the filter's own
// levels), from the level-medians memo.
engine::PayStats MedianOf(const QueryContext& ctx, const ResolvedFilter& filter,
                          int32_t role, int level);

// to - from and its fraction of from, both medians as shown, when both are
// shown (CareerLevel and CareerTransition carry the same two fields).
template <typename Message>
void SetChange(const engine::PayStats& from, const engine::PayStats& to,
               const std::string& currency, Message* out) {
  if (from.quality.withheld() || to.quality.withheld()) return;
  const double shown_from = AsShown(from.percentiles[0]);
  const double delta = AsShown(to.percentiles[0]) - shown_from;
  ToMoney(delta, currency, out->mutable_pay_change());
  if (shown_from != 0) out->set_pay_change_fraction(delta / shown_from);
}

// A move with both roles' medians under the filter and the pay change.
void FillTransition(const QueryContext& ctx, const ResolvedFilter& filter,
                    const engine::TransitionEntry& t,
                    v1::CareerTransition* out);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_CAREER_FILL_H_
