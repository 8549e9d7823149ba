#ifndef COMPDATA_SERVER_API_INGEST_REACTOR_H_
#define COMPDATA_SERVER_API_INGEST_REACTOR_H_

// The stream mechanics of one ingest call; what the records mean, how they
// are numbered, batched and written is the ingest protocol's
// (core/ingest/ingest_protocol.h).

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/batch_writer.h"
#include "core/ingest/ingest_protocol.h"
#include "core/ingest/official_import.h"
#include "server/api/api_counters.h"
#include "server/api/bearer_auth.h"
#include "server/api/grpc_status.h"
#include "server/api/ingest_workers.h"
#include "server/metrics/call_observer.h"

namespace compdata::api {

struct IngestSettings {
  ingest::BatchWriter* writer = nullptr;
  // ImportOfficialStatistics writes here; nullptr = UNIMPLEMENTED.
  ingest::OfficialTableWriter* official = nullptr;
  // Runs every stream's steps and ticks; required, and must outlive the
  // streams (IngestServiceImpl owns one).
  IngestWorkers* workers = nullptr;
  // Checked before the first read; nullptr or no tokens = open.
  const BearerAuth* auth = nullptr;
  // While false (the schema is not migrated yet) calls get UNAVAILABLE;
  // nullptr = always ready.
  const std::atomic<bool>* ready = nullptr;
  // Records every call (metrics, call logs); nullptr = none.
  server::metrics::CallObserver* calls = nullptr;
  // Set when the server shuts down: open streams end UNAVAILABLE within a
  // tick, after writing what they have read.
  const std::atomic<bool>* stopping = nullptr;
  // At most this many streams open at once; one more gets RESOURCE_EXHAUSTED
  // before anything is made for it. 0 = no cap.
  int max_streams = 0;
  // A stream that sends nothing for this long ends DEADLINE_EXCEEDED (what
  // it sent before is written and acknowledged).
  absl::Duration idle_timeout = absl::InfiniteDuration();
  // A batch with records waiting this long for more input is written
  // anyway, so a slow producer still sees its records acknowledged.
  absl::Duration idle_flush = absl::Milliseconds(200);
  ingest::IngestLimits limits;
};

// Acknowledgements a stream may have waiting to be sent before it stops
// reading: a client that does not read its acks is not read either.
inline constexpr size_t kMaxQueuedIngestResponses = 4;

// One ingest call on the callback API, with no thread of its own. Each
// event (a read or write done, a cancel, or the ticker finding something
// due) is noted and schedules a step of this stream on the shared workers
// (server/api/ingest_workers.h); the steps of one stream never overlap, and
// a step may block (the protocol's validation and database commits) while
// the reactions never do. A step keeps one read outstanding while it can,
// so the next message arrives while a batch commits, and can end the call
// with its real status at any moment, even while the client is still
// sending. Responses queue and go out one write at a time; the call is
// finished once they are all sent. Messages arrive as bytes and are parsed
// here: gRPC reports a message it cannot parse like the end of the stream,
// which would end the call OK with every later record silently dropped.
template <typename Kind>
class IngestReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  IngestReactor(const IngestSettings& settings,
                grpc::CallbackServerContext* ctx, IngestKindCounts* counts,
                const char* path, Scope scope)
      : settings_(settings),
        ctx_(ctx),
        scope_(scope),
        record_(settings.calls, path,
                settings.calls != nullptr ? settings.calls->Counters(path)
                                          : nullptr,
                ctx, /*unary=*/false),
        protocol_(
            *settings.writer, settings.limits,
            [this, counts](v1::IngestBatchAck ack) {
              counts->Count(ack);
              typename Kind::Response response;
              *response.mutable_batch_ack() = std::move(ack);
              return Send(response);
            },
            absl::Now()) {
    if (!TakeSlot()) return;
    watch_ = settings_.workers->Watch([this](absl::Time now) { Tick(now); });
    Kick();  // the first step admits the call
  }

  void OnReadDone(bool ok) override {
    if (ok) record_.Received();
    {
      std::lock_guard<std::mutex> lock(mu_);
      reading_ = false;
      (ok ? has_message_ : read_ended_) = true;
    }
    Kick();
  }

  void OnWriteDone(bool ok) override {
    const grpc::ByteBuffer* next = nullptr;
    std::optional<absl::Status> finish;
    bool kick = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      outgoing_.pop_front();
      if (!ok) WriteFailedLocked();
      if (!outgoing_.empty()) {
        next = &outgoing_.front();
      } else {
        writing_ = false;
        finish = TakeFinishLocked();
      }
      // A step is needed when the client went away, or when a read held
      // back for the queue may start now.
      kick =
          !ok || (read_held_ && outgoing_.size() <= kMaxQueuedIngestResponses);
      if (kick) read_held_ = false;
    }
    if (next != nullptr) {
      record_.Sent();
      this->StartWrite(next);
    }
    if (finish.has_value()) FinishCall(*finish);
    if (kick) Kick();
  }

  void OnCancel() override {
    if (has_slot_) Kick();
  }

  // The last one out deletes: this, or the step still queued or running.
  void OnDone() override {
    bool last = true;
    if (has_slot_) {
      settings_.workers->Unwatch(watch_);
      Ingested().open_streams.fetch_sub(1);
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
      last = !scheduled_;
    }
    if (last) delete this;
  }

 private:
  enum class Phase { kOpening, kReading, kEnding };

  // What a step found to do, taken under the lock.
  struct Turn {
    bool open = false;       // the first step: admission, protocol start
    bool message = false;    // incoming_ holds a message
    bool ended = false;      // the client half-closed
    bool went_away = false;  // a write failed
    bool flush = false;      // records waited idle_flush for more input
    bool idle = false;       // no message for idle_timeout
  };

  // One of the --max_ingest_streams slots, or the call is finished here with
  // RESOURCE_EXHAUSTED, nothing made or scheduled for it.
  bool TakeSlot() {
    const int64_t open = Ingested().open_streams.fetch_add(1) + 1;
    if (settings_.max_streams <= 0 || open <= settings_.max_streams) {
      has_slot_ = true;
      return true;
    }
    Ingested().open_streams.fetch_sub(1);
    const grpc::Status status = ToGrpcStatus(absl::ResourceExhaustedError(
        absl::StrCat(settings_.max_streams,
                     " ingest streams are open, the most this server takes "
                     "(--max_ingest_streams): retry later")));
    record_.Finish(status);
    this->Finish(status);
    return false;
  }

  absl::Status Admit() {
    if (settings_.auth != nullptr) {
      COMPDATA_RETURN_IF_ERROR(settings_.auth->Check(*ctx_, scope_));
    }
    if (settings_.ready != nullptr && !settings_.ready->load()) {
      return absl::UnavailableError(
          "the server is starting: the database schema is not ready yet");
    }
    return absl::OkStatus();
  }

  bool Stopping() const {
    return settings_.stopping != nullptr && settings_.stopping->load();
  }

  // On the ticker thread: schedules a step only when time made one due.
  void Tick(absl::Time now) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (phase_ != Phase::kReading || scheduled_) return;
      const absl::Duration waited = now - waiting_since_;
      const bool due =
          Stopping() ||
          (reading_ && ((flush_pending_ && waited >= settings_.idle_flush) ||
                        waited > settings_.idle_timeout));
      if (!due) return;
      scheduled_ = true;
    }
    Post();
  }

  // Schedules a step unless one is queued or running; that one then runs
  // again when it ends.
  void Kick() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (scheduled_) {
        again_ = true;
        return;
      }
      scheduled_ = true;
    }
    Post();
  }

  // scheduled_ is set. The workers refuse only once the server is gone.
  void Post() {
    if (settings_.workers->Schedule([this] { RunStep(); })) return;
    bool last = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      scheduled_ = false;
      again_ = false;
      last = done_;
    }
    if (last) delete this;
  }

  void RunStep() {
    Step();
    bool again = false;
    bool last = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      again = again_ && !done_;
      again_ = false;
      scheduled_ = again;
      last = done_ && !scheduled_;
    }
    if (again) Post();  // behind the other streams' steps
    if (last) delete this;
  }

  void Step() {
    const std::optional<Turn> turn = TakeTurn();
    if (!turn.has_value()) return;  // the call is ending: nothing to do
    std::optional<absl::Status> end = Handle(*turn);
    if (end.has_value()) {
      EndWith(*std::move(end));
    } else {
      MaybeRead();
    }
  }

  std::optional<Turn> TakeTurn() {
    std::lock_guard<std::mutex> lock(mu_);
    if (phase_ == Phase::kEnding) return std::nullopt;
    Turn turn;
    turn.open = phase_ == Phase::kOpening;
    turn.message = std::exchange(has_message_, false);
    turn.ended = read_ended_;
    turn.went_away = write_failed_;
    const absl::Duration waited = absl::Now() - waiting_since_;
    turn.flush = reading_ && flush_pending_ && waited >= settings_.idle_flush;
    turn.idle = reading_ && waited > settings_.idle_timeout;
    return turn;
  }

  // How the call ends, if this turn decides it.
  std::optional<absl::Status> Handle(const Turn& turn) {
    // A cancelled call gets nothing more written: its client saw no
    // acknowledgement for the open batch and will send it again.
    if (ctx_->IsCancelled()) return absl::CancelledError("call cancelled");
    if (turn.went_away) return absl::CancelledError("the client went away");
    if (turn.open) {
      absl::Status opened = Admit();
      if (opened.ok()) opened = protocol_.Start();
      if (!opened.ok()) return opened;
      std::lock_guard<std::mutex> lock(mu_);
      phase_ = Phase::kReading;
    }
    if (Stopping()) {
      return EndEarly(absl::StatusCode::kUnavailable,
                      "the server is shutting down");
    }
    if (turn.message) return Consume();
    if (turn.ended) return End();
    if (turn.idle) {
      return EndEarly(absl::StatusCode::kDeadlineExceeded,
                      absl::StrCat("no message for ",
                                   absl::FormatDuration(settings_.idle_timeout),
                                   " (--ingest_idle_timeout)"));
    }
    if (turn.flush) {
      absl::Status flushed = protocol_.OnIdle();
      if (!flushed.ok()) return flushed;
      std::lock_guard<std::mutex> lock(mu_);
      flush_pending_ = false;
    }
    return std::nullopt;
  }

  // Parses the message read and feeds it to the protocol.
  std::optional<absl::Status> Consume() {
    request_.Clear();
    const bool parsed =
        grpc::SerializationTraits<typename Kind::Request>::Deserialize(
            &incoming_, &request_)
            .ok();
    incoming_.Clear();
    if (!parsed) return Malformed();
    ++messages_;
    absl::Status status = protocol_.OnMessage(request_);
    if (!status.ok()) return status;
    std::lock_guard<std::mutex> lock(mu_);
    flush_pending_ = true;  // records may wait in the open batch
    return std::nullopt;
  }

  // The records before the broken message are written and acknowledged;
  // nothing from it on is read, and the error says where to resume.
  absl::Status Malformed() {
    COMPDATA_RETURN_IF_ERROR(protocol_.OnIdle());
    return InvalidField(
        absl::StrCat("message[", messages_, "]"),
        absl::StrCat("message ", messages_, " of the stream is not a valid ",
                     Kind::Request::descriptor()->full_name(),
                     "; nothing from it on was read: resume at position ",
                     protocol_.next_position()));
  }

  // Ends the stream before the client did: what was read is written and
  // acknowledged, and the client is told why and where to resume.
  absl::Status EndEarly(absl::StatusCode code, absl::string_view why) {
    COMPDATA_RETURN_IF_ERROR(protocol_.OnIdle());
    return absl::Status(
        code, absl::StrCat(why,
                           "; everything acknowledged is committed: resume at "
                           "position ",
                           protocol_.next_position()));
  }

  // The client half-closed: the rest is written, then the summary.
  absl::Status End() {
    typename Kind::Response response;
    COMPDATA_ASSIGN_OR_RETURN(*response.mutable_summary(), protocol_.OnEnd());
    return Send(response);
  }

  // The next read, unless one is outstanding, the client is done sending,
  // or too many responses wait to be sent (then OnWriteDone asks again).
  void MaybeRead() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (phase_ != Phase::kReading || reading_ || has_message_ ||
          read_ended_) {
        return;
      }
      if (outgoing_.size() > kMaxQueuedIngestResponses) {
        read_held_ = true;
        return;
      }
      reading_ = true;
      waiting_since_ = absl::Now();
    }
    this->StartRead(&incoming_);
  }

  // Queues a response; it is written once those before it are.
  absl::Status Send(const typename Kind::Response& response) {
    grpc::ByteBuffer buffer;
    bool own_buffer = false;
    if (!grpc::SerializationTraits<typename Kind::Response>::Serialize(
             response, &buffer, &own_buffer)
             .ok()) {
      return absl::InternalError("cannot serialise an ingest response");
    }
    const grpc::ByteBuffer* start = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (write_failed_) return absl::CancelledError("the client went away");
      outgoing_.emplace_back();
      outgoing_.back().Swap(&buffer);
      if (!writing_) {
        writing_ = true;
        start = &outgoing_.back();
      }
    }
    if (start != nullptr) {
      record_.Sent();
      this->StartWrite(start);
    }
    return absl::OkStatus();
  }

  // The call ends with `status` once the queued responses are sent.
  void EndWith(absl::Status status) {
    std::optional<absl::Status> finish;
    {
      std::lock_guard<std::mutex> lock(mu_);
      phase_ = Phase::kEnding;
      final_ = std::move(status);
      finish = TakeFinishLocked();
    }
    if (finish.has_value()) FinishCall(*finish);
  }

  // Nothing more will be sent: what was queued is dropped, and an end
  // already decided as OK becomes CANCELLED.
  void WriteFailedLocked() {
    write_failed_ = true;
    outgoing_.clear();
    if (final_.has_value() && final_->ok()) {
      final_ = absl::CancelledError("the client went away");
    }
  }

  // The status to finish with, once (the end is decided and nothing is
  // being written).
  std::optional<absl::Status> TakeFinishLocked() {
    if (!final_.has_value() || finished_ || writing_) return std::nullopt;
    finished_ = true;
    return final_;
  }

  void FinishCall(const absl::Status& status) {
    const grpc::Status finished = ToGrpcStatus(status);
    record_.Finish(finished);
    this->Finish(finished);
  }

  const IngestSettings settings_;
  grpc::CallbackServerContext* const ctx_;
  const Scope scope_;  // what the caller's token must allow
  server::metrics::CallRecord record_;
  ingest::IngestProtocol<Kind> protocol_;
  bool has_slot_ = false;
  IngestWorkers::WatchId watch_ = 0;
  // Only the step touches these (steps never overlap).
  typename Kind::Request request_;
  int64_t messages_ = 0;  // parsed so far: the index of the next one
  // Written by gRPC while a read is outstanding, by the step otherwise.
  grpc::ByteBuffer incoming_;

  std::mutex mu_;  // never held across a gRPC call or a database write
  Phase phase_ = Phase::kOpening;
  bool scheduled_ = false;  // a step is queued or running
  bool again_ = false;      // an event came meanwhile: one more step
  bool done_ = false;       // OnDone came
  bool reading_ = false;    // a read is outstanding
  bool has_message_ = false;
  bool read_ended_ = false;
  bool read_held_ = false;  // no read started: too many responses queued
  bool flush_pending_ = false;
  absl::Time waiting_since_ = absl::Now();  // the read outstanding began
  std::deque<grpc::ByteBuffer> outgoing_;   // the front is being written
  bool writing_ = false;
  bool write_failed_ = false;
  std::optional<absl::Status> final_;  // how the call ends, once decided
  bool finished_ = false;              // Finish was called
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_REACTOR_H_
