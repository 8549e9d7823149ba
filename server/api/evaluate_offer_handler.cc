// EvaluateOffer: not served yet (issue 16 builds it).

#include "server/api/read_handlers.h"

namespace compdata::api {

absl::Status AnswerEvaluateOffer(const QueryContext& ctx,
                                 const v1::EvaluateOfferRequest& request,
                                 v1::EvaluateOfferResponse* response) {
  (void)ctx;
  (void)request;
  (void)response;
  return absl::UnimplementedError("EvaluateOffer is not served yet");
}

}  // namespace compdata::api
