#ifndef COMPDATA_SERVER_API_OFFER_FIELDS_H_
#define COMPDATA_SERVER_API_OFFER_FIELDS_H_

// Validation of an EvaluateOffer request: the offer itself, annualised
// (D1), and the market it is compared against, as the SalaryFilter that
// GetSalaryDistribution would take for the same records. Every error names
// the request field at fault ("offer.base.currency_code", "time_window").

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/snapshot.h"
#include "server/api/query_context.h"
#include "server/api/salary_filter.h"

namespace compdata::api {

struct ResolvedOffer {
  // The amounts summed exactly, annualised exactly, then rounded once half
  // away from zero to the cent: the figure shown and compared.
  int64_t annual_cents = 0;
  std::string currency;  // a known ISO 4217 code
  // kTotal when the offer has a total, bonus or equity; kBase for a base
  // alone.
  engine::Component component = engine::Component::kTotal;
};

// `offer`: total XOR base (+ bonus, + equity_per_year), every amount in one
// known currency, total and base > 0, bonus and equity >= 0, well-formed
// nanos, a defined pay_period, the annual figure within the ingest bound
// and at least a cent.
absl::StatusOr<ResolvedOffer> ResolveOffer(
    const v1::EvaluateOfferRequest& request);

// The market's filter: the request's level (UNSPECIFIED = all), metro,
// remote, data source and window, in the offer's currency and component.
// `storage` holds the SalaryFilter the result points to; it must outlive
// the result.
absl::StatusOr<ResolvedFilter> ResolveMarket(
    const v1::EvaluateOfferRequest& request, const ResolvedOffer& offer,
    const QueryContext& ctx, v1::SalaryFilter* storage);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_OFFER_FIELDS_H_
