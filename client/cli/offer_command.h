#ifndef COMPDATA_CLIENT_CLI_OFFER_COMMAND_H_
#define COMPDATA_CLIENT_CLI_OFFER_COMMAND_H_

// `compdata offer` and `compdata related`: the request from the command
// line, and the answers laid out for a person.

#include <optional>
#include <string>

#include "client/cli/cli_args.h"
#include "compdata/v1/compensation_service.pb.h"

namespace compdata::cli {

// offer ROLE [TOTAL] [--base=X [--bonus=X] [--equity=X]] [--currency=C]
// [--period=P] [--level=L] [--metro=M] [--remote]; nullopt after saying
// why on stderr for an amount that is not a decimal number, an unknown
// period, or more than one level or metro. Amounts are sent as given (the
// server judges zero, negative and unknown currencies).
std::optional<v1::EvaluateOfferRequest> OfferRequest(const Args& args);

// The offer, the market's percentiles, the rank, position, gap and counter.
std::string RenderOffer(const v1::EvaluateOfferResponse& r);

// related ROLE [--max=N] [--top=N] [--at=RFC3339]: one row per role.
std::string RenderRelated(const v1::GetRelatedRolesResponse& r);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_OFFER_COMMAND_H_
