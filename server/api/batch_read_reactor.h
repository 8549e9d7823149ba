#ifndef COMPDATA_SERVER_API_BATCH_READ_REACTOR_H_
#define COMPDATA_SERVER_API_BATCH_READ_REACTOR_H_

// The stream mechanics of one BatchRead call; what an item's answer is, is
// the service's (compensation_service.h). Answers are computed one at a
// time, on the thread that started the call or finished the last write (as
// unary answers are, on gRPC's callback threads): the next item is computed
// while the previous answer is being written, one write is in flight and
// at most one answer waits for it, so a client that reads slowly holds the
// computation back (flow control). Between items the call's deadline and
// cancellation are checked: the call then ends with DEADLINE_EXCEEDED or
// CANCELLED, after the answers already written.

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <functional>
#include <mutex>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/metrics/call_observer.h"

namespace compdata::api {

class BatchReadReactor final
    : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  // The BatchReadResponse bytes of item `index`; a status that is not OK
  // ends the call with it (a deadline or cancel noticed inside the item).
  using AnswerItem = std::function<absl::StatusOr<grpc::ByteBuffer>(int)>;

  BatchReadReactor(grpc::CallbackServerContext* ctx,
                   server::metrics::CallObserver* calls, const char* path,
                   server::metrics::MethodCounters* counters);

  // Streams the answers of items 0..items-1, then finishes OK.
  void Start(int items, absl::Time deadline, AnswerItem answer);
  // Ends the call before any answer (a refused or malformed batch).
  void FinishNow(const absl::Status& status);

  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  void Pump();
  std::optional<absl::Status> Interrupted() const;
  // Hands `answer` to the write slot or parks it; false when the computing
  // should stop (an answer is parked, or the call's end is decided).
  bool Offer(grpc::ByteBuffer answer);
  void End(absl::Status status);
  std::optional<absl::Status> TakeFinishLocked();
  void FinishCall(const absl::Status& status);

  grpc::CallbackServerContext* const ctx_;
  server::metrics::CallRecord record_;
  AnswerItem answer_;
  int items_ = 0;
  absl::Time deadline_ = absl::InfiniteFuture();

  std::mutex mu_;  // never held across an answer or a gRPC call
  int next_ = 0;   // the next item to answer (only the computing thread)
  bool computing_ = false;                 // a thread is in Pump
  bool writing_ = false;                   // a write is in flight
  grpc::ByteBuffer in_flight_;             // its bytes
  std::optional<grpc::ByteBuffer> ready_;  // answered, waiting to be written
  std::optional<absl::Status> final_;      // how the call ends, once decided
  bool finished_ = false;                  // Finish was called
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_BATCH_READ_REACTOR_H_
