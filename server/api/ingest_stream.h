#ifndef COMPDATA_SERVER_API_INGEST_STREAM_H_
#define COMPDATA_SERVER_API_INGEST_STREAM_H_

// The ingest protocol of ingest_service.proto, once for every record kind:
// records numbered by stream position, validated one by one, written in
// batches of consecutive positions (one transaction each), every committed
// batch acknowledged, a summary at the end.

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/checks.h"
#include "db/ingest_writer.h"
#include "db/pool.h"
#include "server/api/bearer_auth.h"
#include "server/api/grpc_status.h"
#include "server/api/ingest_summary.h"

namespace compdata::api {

struct IngestSettings {
  db::ConnectionPool* pool = nullptr;
  // Checked before the first read; nullptr or no tokens = open.
  const BearerAuth* auth = nullptr;
  // A batch with records waiting this long for more input is written
  // anyway, so a slow producer still sees its records acknowledged.
  absl::Duration idle_flush = absl::Milliseconds(200);
  int default_batch_size = 1000;
  int max_batch_size = 10000;
};

// One ingest call on the callback API. A worker thread of its own does the
// blocking part (validation, database commits) and drives the stream: it
// keeps one read outstanding, so the next message arrives while a batch
// commits, and it can finish the call with its real status at any moment,
// even while the client is still sending.
template <typename Kind>
class IngestReactor final
    : public grpc::ServerBidiReactor<typename Kind::Request,
                                     typename Kind::Response> {
 public:
  IngestReactor(const IngestSettings& settings,
                grpc::CallbackServerContext* ctx)
      : settings_(settings), ctx_(ctx) {
    worker_ = std::thread([this] {
      absl::Status auth = settings_.auth != nullptr
                              ? settings_.auth->Check(*ctx_)
                              : absl::OkStatus();
      const grpc::Status status = ToGrpcStatus(auth.ok() ? Run() : auth);
      this->Finish(status);
    });
  }

  void OnReadDone(bool ok) override {
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
    worker_.join();
    delete this;
  }

 private:
  enum class ReadState { kPending, kReady, kEnded };

  absl::Status Run() {
    absl::Status status = settings_.pool->Transact(
        db::TransactionOptions{absl::InfiniteFuture(), true},
        [&](pqxx::work& txn) {
          index_ = db::LoadReferenceIndex(txn);
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    COMPDATA_RETURN_IF_ERROR(Consume());
    typename Kind::Response response;
    COMPDATA_RETURN_IF_ERROR(FillSummary(*settings_.pool, totals_, dry_run_,
                                         response.mutable_summary()));
    return Write(std::move(response));
  }

  // The next request, waiting at most the idle interval. kPending = timeout.
  ReadState NextRequest(typename Kind::Request* out) {
    std::unique_lock<std::mutex> lock(mu_);
    changed_.wait_for(lock, absl::ToChronoNanoseconds(settings_.idle_flush),
                      [&] { return read_ != ReadState::kPending; });
    const ReadState state = read_;
    if (state == ReadState::kReady) {
      *out = std::move(incoming_);
      incoming_ = typename Kind::Request();
      read_ = ReadState::kPending;
      lock.unlock();
      this->StartRead(&incoming_);
    }
    return state;
  }

  absl::Status Write(typename Kind::Response response) {
    std::unique_lock<std::mutex> lock(mu_);
    outgoing_ = std::move(response);
    writing_ = true;
    lock.unlock();
    this->StartWrite(&outgoing_);
    lock.lock();
    changed_.wait(lock, [&] { return !writing_; });
    return write_ok_ ? absl::OkStatus()
                     : absl::CancelledError("the client went away");
  }

  absl::Status Consume() {
    this->StartRead(&incoming_);
    typename Kind::Request request;
    bool first = true;
    while (true) {
      switch (NextRequest(&request)) {
        case ReadState::kPending:
          if (!batch_.empty()) COMPDATA_RETURN_IF_ERROR(Flush());
          continue;
        case ReadState::kEnded:
          // A cancelled call gets nothing more written: its client saw no
          // acknowledgement for these records and will send them again.
          if (ctx_->IsCancelled())
            return absl::CancelledError("call cancelled");
          return batch_.empty() ? absl::OkStatus() : Flush();
        case ReadState::kReady:
          break;
      }
      if (request.has_options()) {
        if (!first) {
          return InvalidField("options",
                              "only the first message may set options");
        }
        COMPDATA_RETURN_IF_ERROR(ApplyOptions(request.options()));
      }
      first = false;
      for (const auto& record : Kind::Records(request)) {
        Add(record);
        if (batch_.last_position - batch_.first_position + 1 >= batch_size_) {
          COMPDATA_RETURN_IF_ERROR(Flush());
        }
      }
    }
  }

 private:
  struct Batch {
    int64_t first_position = -1;
    int64_t last_position = -1;
    std::vector<typename Kind::Row> rows;
    std::vector<v1::RejectedRecord> rejected;
    bool empty() const { return first_position < 0; }
  };

  absl::Status ApplyOptions(const v1::IngestOptions& options) {
    if (options.batch_size() < 0 ||
        options.batch_size() > settings_.max_batch_size) {
      return InvalidField(
          "options.batch_size",
          absl::StrCat("must be within 1..", settings_.max_batch_size,
                       " (0 = ", settings_.default_batch_size, ")"));
    }
    if (options.batch_size() > 0) batch_size_ = options.batch_size();
    dry_run_ = options.dry_run();
    return absl::OkStatus();
  }

  void Add(const typename Kind::Record& record) {
    const int64_t position = next_position_++;
    if (batch_.empty()) batch_.first_position = position;
    batch_.last_position = position;
    ingest::Validated<typename Kind::Row> result =
        Kind::Validate(record, &index_, now_);
    if (auto* rejection = std::get_if<ingest::Rejection>(&result)) {
      Reject(position, record, rejection->field, rejection->reason,
             rejection->message);
      return;
    }
    // The first valid occurrence of a key is written; later ones rejected.
    if (!keys_.insert(Kind::Key(record, index_)).second) {
      Reject(position, record, Kind::kKeyField,
             v1::REJECT_REASON_DUPLICATE_IN_STREAM,
             "the same key appeared earlier in this stream");
      return;
    }
    batch_.rows.push_back(std::get<typename Kind::Row>(std::move(result)));
  }

  void Reject(int64_t position, const typename Kind::Record& record,
              const std::string& field, v1::RejectReason reason,
              const std::string& message) {
    v1::RejectedRecord rejected;
    rejected.set_position(position);
    rejected.set_source_id(Kind::SourceId(record));
    rejected.set_field(field);
    rejected.set_reason(reason);
    rejected.set_message(message);
    batch_.rejected.push_back(std::move(rejected));
  }

  absl::Status Flush() {
    ingest::UpsertCounts counts;
    if (!batch_.rows.empty()) {
      // An upsert is idempotent, so a batch whose connection died may be
      // sent again on a fresh one; nothing is acknowledged before COMMIT.
      absl::Status status = settings_.pool->Transact(
          db::TransactionOptions{absl::InfiniteFuture(), true},
          [&](pqxx::work& txn) {
            counts = Kind::Write(txn, batch_.rows);
            return dry_run_ ? DryRunRollback() : absl::OkStatus();
          });
      if (!status.ok() && !IsDryRunRollback(status)) return status;
    }
    typename Kind::Response response;
    v1::IngestBatchAck* ack = response.mutable_batch_ack();
    ack->set_first_position(batch_.first_position);
    ack->set_committed_through(batch_.last_position);
    ack->set_accepted(counts.inserted);
    ack->set_updated(counts.updated);
    ack->set_rejected(static_cast<int64_t>(batch_.rejected.size()));
    for (auto& r : batch_.rejected) *ack->add_rejected_records() = std::move(r);
    totals_.Add(*ack);
    batch_ = Batch();
    return Write(std::move(response));
  }

  const IngestSettings settings_;
  grpc::CallbackServerContext* const ctx_;
  const absl::Time now_ = absl::Now();
  std::thread worker_;
  std::mutex mu_;
  std::condition_variable changed_;
  ReadState read_ = ReadState::kPending;
  typename Kind::Request incoming_;
  bool writing_ = false;
  bool write_ok_ = true;
  typename Kind::Response outgoing_;
  ingest::ReferenceIndex index_;
  absl::flat_hash_set<std::string> keys_;
  int batch_size_ = settings_.default_batch_size;
  bool dry_run_ = false;
  int64_t next_position_ = 0;
  Batch batch_;
  IngestTotals totals_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_STREAM_H_
