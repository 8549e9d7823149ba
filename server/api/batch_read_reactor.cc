#include "server/api/batch_read_reactor.h"

#include <utility>

#include "common/status_util.h"
#include "server/api/grpc_status.h"

namespace compdata::api {

BatchReadReactor::BatchReadReactor(grpc::CallbackServerContext* ctx,
                                   server::metrics::CallObserver* calls,
                                   const char* path,
                                   server::metrics::MethodCounters* counters)
    : ctx_(ctx), record_(calls, path, counters, ctx, /*unary=*/false) {
  record_.Received();  // the one request message
}

void BatchReadReactor::Start(int items, absl::Time deadline,
                             AnswerItem answer) {
  items_ = items;
  deadline_ = deadline;
  answer_ = std::move(answer);
  {
    std::lock_guard<std::mutex> lock(mu_);
    computing_ = true;
  }
  Pump();
}

void BatchReadReactor::FinishNow(const absl::Status& status) {
  FinishCall(status);
}

std::optional<absl::Status> BatchReadReactor::Interrupted() const {
  if (ctx_->IsCancelled())
    return absl::CancelledError("the call was cancelled");
  if (absl::Now() >= deadline_) {
    return WithReason(
        absl::DeadlineExceededError(
            "the call's deadline passed before every item was answered"),
        kReasonDeadlineExceeded);
  }
  return std::nullopt;
}

// Runs with computing_ set; returns once an answer is parked for the write
// in flight or the call's end is decided.
void BatchReadReactor::Pump() {
  while (true) {
    std::optional<absl::Status> end = Interrupted();
    if (!end.has_value() && next_ == items_) end = absl::OkStatus();
    if (end.has_value()) return End(*std::move(end));
    absl::StatusOr<grpc::ByteBuffer> answer = answer_(next_);
    if (!answer.ok()) return End(answer.status());
    ++next_;
    if (!Offer(*std::move(answer))) return;
  }
}

bool BatchReadReactor::Offer(grpc::ByteBuffer answer) {
  std::optional<absl::Status> finish;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (final_.has_value()) {  // a write failed meanwhile
      computing_ = false;
      finish = TakeFinishLocked();
    } else if (writing_) {
      ready_.emplace(std::move(answer));
      computing_ = false;
      return false;
    } else {
      writing_ = true;
      in_flight_ = std::move(answer);
    }
  }
  if (finish.has_value()) {
    FinishCall(*finish);
    return false;
  }
  record_.Sent();
  StartWrite(&in_flight_);
  return true;
}

void BatchReadReactor::End(absl::Status status) {
  std::optional<absl::Status> finish;
  {
    std::lock_guard<std::mutex> lock(mu_);
    computing_ = false;
    if (!final_.has_value()) final_ = std::move(status);
    finish = TakeFinishLocked();
  }
  if (finish.has_value()) FinishCall(*finish);
}

void BatchReadReactor::OnWriteDone(bool ok) {
  bool write = false;
  bool pump = false;
  std::optional<absl::Status> finish;
  {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    if (!ok) {
      ready_.reset();
      if (!final_.has_value() || final_->ok()) {
        final_ = absl::CancelledError("the client went away");
      }
    } else if (ready_.has_value()) {
      in_flight_ = *std::move(ready_);
      ready_.reset();
      writing_ = write = true;
      if (!computing_ && !final_.has_value()) computing_ = pump = true;
    }
    finish = TakeFinishLocked();
  }
  if (write) {
    record_.Sent();
    StartWrite(&in_flight_);
  }
  if (finish.has_value()) FinishCall(*finish);
  if (pump) Pump();
}

std::optional<absl::Status> BatchReadReactor::TakeFinishLocked() {
  if (!final_.has_value() || finished_ || writing_ || computing_) {
    return std::nullopt;
  }
  finished_ = true;
  return final_;
}

void BatchReadReactor::FinishCall(const absl::Status& status) {
  const grpc::Status finished = ToGrpcStatus(status);
  record_.Finish(finished);
  Finish(finished);
}

}  // namespace compdata::api
