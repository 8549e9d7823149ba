#ifndef COMPDATA_SERVER_API_OFFER_TEXT_H_
#define COMPDATA_SERVER_API_OFFER_TEXT_H_

// The English sentences of an EvaluateOffer answer: presentation, built
// from the very figures the answer carries, so text and numbers agree.

#include <string>

#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/offer.h"
#include "server/api/offer_fields.h"
#include "server/api/salary_filter.h"

namespace compdata::api {

// "The offer is below the market median (USD 120,000): counter between the
// median and the 75th percentile, USD 120,000 to USD 140,000."
std::string CounterExplanation(const engine::OfferEvaluation& e,
                               const std::string& currency);

// The market compared against, the method, and what was withheld.
std::string OfferExplanation(const v1::EvaluateOfferRequest& request,
                             const std::string& role_title,
                             const ResolvedOffer& offer,
                             const ResolvedFilter& market,
                             const engine::OfferEvaluation& e);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_OFFER_TEXT_H_
