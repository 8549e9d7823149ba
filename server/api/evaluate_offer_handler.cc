// EvaluateOffer: one pay offer placed in a role's market (level, metro,
// remote, source, window, the offer's currency and component).

#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/offer_fields.h"
#include "server/api/offer_text.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

void ToRange(const engine::Amount& low, const engine::Amount& high,
             const std::string& currency, v1::PayRange* out) {
  ToMoney(low, currency, out->mutable_low());
  ToMoney(high, currency, out->mutable_high());
}

// The market figures: none of them when the market is withheld (D7).
void FillMarket(const engine::OfferEvaluation& e, const std::string& currency,
                v1::EvaluateOfferResponse* out) {
  if (e.quality.withheld()) return;
  const engine::OfferPercentiles& p = e.percentiles;
  out->set_percentile_rank(*e.percentile_rank);
  out->set_position(static_cast<v1::OfferPosition>(e.position));
  ToRange(p[engine::kP25], p[engine::kP75], currency,
          out->mutable_interquartile_range());
  ToRange(p[engine::kP10], p[engine::kP90], currency,
          out->mutable_p10_to_p90());
  ToMoney(p[engine::kMedian], currency, out->mutable_median());
  ToMoney(e.gap_to_median, currency, out->mutable_gap_to_median());
  const double median = AsShown(p[engine::kMedian]);
  if (median != 0) {
    out->set_gap_to_median_fraction(AsShown(e.gap_to_median) / median);
  }
  v1::CounterOffer* counter = out->mutable_counter();
  ToRange(e.counter.low, e.counter.high, currency, counter->mutable_range());
  counter->set_rule(static_cast<v1::CounterRule>(e.counter.rule));
  counter->set_explanation(CounterExplanation(e, currency));
}

}  // namespace

absl::Status AnswerEvaluateOffer(const QueryContext& ctx,
                                 const v1::EvaluateOfferRequest& request,
                                 v1::EvaluateOfferResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(ctx.snapshot, request.role(), "role"));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedOffer offer, ResolveOffer(request));
  v1::SalaryFilter market_fields;
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter market,
                            ResolveMarket(request, offer, ctx, &market_fields));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const engine::OfferEvaluation e =
      OfferOf(ctx, market, role, offer.annual_cents);
  ToRoleRef(ctx.snapshot, role, response->mutable_role());
  ToMoney(engine::Amount{static_cast<double>(offer.annual_cents) / 100,
                         offer.annual_cents},
          offer.currency, response->mutable_annual_offer());
  response->set_compared_component(offer.component == engine::Component::kBase
                                       ? v1::PAY_COMPONENT_BASE
                                       : v1::PAY_COMPONENT_TOTAL);
  FillMarket(e, offer.currency, response);
  ToProto(e.quality, ctx.privacy_floor, response->mutable_quality());
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  response->set_explanation(OfferExplanation(
      request, ctx.snapshot.roles[role].title, offer, market, e));
  return absl::OkStatus();
}

}  // namespace compdata::api
