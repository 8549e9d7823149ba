#ifndef COMPDATA_DB_PG_ERRORS_H_
#define COMPDATA_DB_PG_ERRORS_H_

#include "absl/status/status.h"

namespace compdata::db {

// Maps the exception being handled (call only inside a catch block) to a
// status: lost connections and server shutdown -> UNAVAILABLE, statement
// timeout -> DEADLINE_EXCEEDED, serialization failure -> ABORTED, constraint
// violations -> FAILED_PRECONDITION, anything else -> INTERNAL.
absl::Status StatusFromCurrentException();

// True for statuses after which the connection must not be reused.
bool IsConnectionLoss(const absl::Status& status);

}  // namespace compdata::db

#endif  // COMPDATA_DB_PG_ERRORS_H_
