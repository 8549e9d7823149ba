#include "server/api/query_context.h"

#include "common/status_util.h"

namespace compdata::api {

absl::Status CheckDeadline(const QueryContext& ctx) {
  if (absl::Now() >= ctx.deadline) {
    return WithReason(absl::DeadlineExceededError("the call's deadline passed"),
                      kReasonDeadlineExceeded);
  }
  return absl::OkStatus();
}

}  // namespace compdata::api
