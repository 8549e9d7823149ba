#ifndef COMPDATA_SERVER_API_GRPC_STATUS_H_
#define COMPDATA_SERVER_API_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace compdata::api {

// google.rpc.ErrorInfo.domain of every compdata error.
inline constexpr char kErrorDomain[] = "compdata.example";

// The one mapping from absl::Status to grpc::Status. The code carries over
// unchanged; the details (grpc-status-details-bin) hold a google.rpc.Status
// with an ErrorInfo (reason, domain, and the field when known) and, for
// INVALID_ARGUMENT with a field, a BadRequest field violation naming it
// (or every violation InvalidFields attached).
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_GRPC_STATUS_H_
