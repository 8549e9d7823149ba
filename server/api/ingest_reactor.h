#ifndef COMPDATA_SERVER_API_INGEST_REACTOR_H_
#define COMPDATA_SERVER_API_INGEST_REACTOR_H_

// The stream mechanics of one ingest call; what the records mean, how they
// are numbered, batched and written is the ingest protocol's
// (core/ingest/ingest_protocol.h).

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/batch_writer.h"
#include "core/ingest/ingest_protocol.h"
#include "server/api/api_counters.h"
#include "server/api/bearer_auth.h"
#include "server/api/grpc_status.h"
#include "server/metrics/call_observer.h"

namespace compdata::api {

struct IngestSettings {
  ingest::BatchWriter* writer = nullptr;
  // Checked before the first read; nullptr or no tokens = open.
  const BearerAuth* auth = nullptr;
  // While false (the schema is not migrated yet) calls get UNAVAILABLE;
  // nullptr = always ready.
  const std::atomic<bool>* ready = nullptr;
  // Records every call (metrics, call logs); nullptr = none.
  server::metrics::CallObserver* calls = nullptr;
  // Set when the server shuts down: open streams end UNAVAILABLE within
  // idle_flush, after writing what they have read.
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

// One ingest call on the callback API. A worker thread of its own does the
// blocking part (the protocol's validation and database commits) and drives
// the stream: it keeps one read outstanding, so the next message arrives
// while a batch commits, and it can finish the call with its real status at
// any moment, even while the client is still sending. Messages arrive as
// bytes and are parsed here: gRPC reports a message it cannot parse like the
// end of the stream, which would end the call OK with every later record
// silently dropped.
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
              return Write(response);
            },
            absl::Now()) {
    if (!TakeSlot()) return;
    worker_ = std::thread([this] {
      absl::Status open = Admit();
      const grpc::Status status = ToGrpcStatus(open.ok() ? Run() : open);
      record_.Finish(status);
      this->Finish(status);
    });
  }

  void OnReadDone(bool ok) override {
    if (ok) record_.Received();
    std::lock_guard<std::mutex> lock(mu_);
    read_ = ok ? ReadState::kReady : ReadState::kEnded;
    changed_.notify_all();
  }
  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    write_ok_ = ok;
    changed_.notify_all();
  }
  void OnDone() override {
    if (worker_.joinable()) worker_.join();
    if (has_slot_) Ingested().open_streams.fetch_sub(1);
    delete this;
  }

 private:
  enum class ReadState { kPending, kReady, kEnded, kMalformed };

  // One of the --max_ingest_streams slots, or the call is finished here with
  // RESOURCE_EXHAUSTED, no thread made for it.
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

  absl::Status Run() {
    COMPDATA_RETURN_IF_ERROR(protocol_.Start());
    this->StartRead(&incoming_);
    typename Kind::Request request;
    while (true) {
      if (settings_.stopping != nullptr && settings_.stopping->load()) {
        return EndEarly(absl::StatusCode::kUnavailable,
                        "the server is shutting down");
      }
      switch (NextRequest(&request)) {
        case ReadState::kPending:
          COMPDATA_RETURN_IF_ERROR(protocol_.OnIdle());
          if (absl::Now() - last_message_ > settings_.idle_timeout) {
            return EndEarly(
                absl::StatusCode::kDeadlineExceeded,
                absl::StrCat("no message for ",
                             absl::FormatDuration(settings_.idle_timeout),
                             " (--ingest_idle_timeout)"));
          }
          continue;
        case ReadState::kEnded:
          return End();
        case ReadState::kMalformed:
          return Malformed();
        case ReadState::kReady:
          last_message_ = absl::Now();
          ++messages_;
          COMPDATA_RETURN_IF_ERROR(protocol_.OnMessage(request));
      }
    }
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

  absl::Status End() {
    // A cancelled call gets nothing more written: its client saw no
    // acknowledgement for the open batch and will send it again.
    if (ctx_->IsCancelled()) return absl::CancelledError("call cancelled");
    typename Kind::Response response;
    COMPDATA_ASSIGN_OR_RETURN(*response.mutable_summary(), protocol_.OnEnd());
    return Write(response);
  }

  // The next request, waiting at most the idle interval. kPending = timeout.
  ReadState NextRequest(typename Kind::Request* out) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait_for(lock, absl::ToChronoNanoseconds(settings_.idle_flush),
                      [&] { return read_ != ReadState::kPending; });
    const ReadState state = read_;
    if (state != ReadState::kReady) return state;
    out->Clear();
    const bool parsed =
        grpc::SerializationTraits<typename Kind::Request>::Deserialize(
            &incoming_, out)
            .ok();
    incoming_.Clear();
    if (!parsed) {
      read_ = ReadState::kMalformed;
      return read_;
    }
    read_ = ReadState::kPending;
    lock.unlock();
    this->StartRead(&incoming_);
    return ReadState::kReady;
  }

  absl::Status Write(const typename Kind::Response& response) {
    std::unique_lock<std::mutex> lock(mu_);
    // The previous write has completed; the writer wants an empty buffer.
    outgoing_.Clear();
    bool own_buffer = false;
    if (!grpc::SerializationTraits<typename Kind::Response>::Serialize(
             response, &outgoing_, &own_buffer)
             .ok()) {
      return absl::InternalError("cannot serialise an ingest response");
    }
    writing_ = true;
    lock.unlock();
    record_.Sent();
    this->StartWrite(&outgoing_);
    lock.lock();
    changed_.wait(lock, [&] { return !writing_; });
    return write_ok_ ? absl::OkStatus()
                     : absl::CancelledError("the client went away");
  }

  const IngestSettings settings_;
  grpc::CallbackServerContext* const ctx_;
  const Scope scope_;  // what the caller's token must allow
  server::metrics::CallRecord record_;
  ingest::IngestProtocol<Kind> protocol_;
  int64_t messages_ = 0;  // parsed so far: the index of the next one
  absl::Time last_message_ = absl::Now();
  bool has_slot_ = false;
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable changed_;
  ReadState read_ = ReadState::kPending;
  grpc::ByteBuffer incoming_;
  bool writing_ = false;
  bool write_ok_ = true;
  grpc::ByteBuffer outgoing_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_REACTOR_H_
