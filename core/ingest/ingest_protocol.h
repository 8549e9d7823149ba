#ifndef COMPDATA_CORE_INGEST_INGEST_PROTOCOL_H_
#define COMPDATA_CORE_INGEST_INGEST_PROTOCOL_H_

// The ingest protocol of ingest_service.proto, once for every record kind:
// records numbered by stream position, validated one by one, deduplicated
// within the stream, written in batches of consecutive positions (one
// transaction each, through a BatchWriter), every written batch
// acknowledged, a summary at the end. No gRPC and no SQL: the server's
// reactor feeds it messages and sends what it acknowledges.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/status_util.h"
#include "compdata/v1/ingest_service.pb.h"
#include "core/ingest/batch_writer.h"
#include "core/ingest/record_kinds.h"

namespace compdata::ingest {

struct IngestLimits {
  int default_batch_size = 1000;
  int max_batch_size = 10000;
};

// A stream's counts, summed from its batch acknowledgements.
struct IngestTotals {
  int64_t received = 0;
  int64_t accepted = 0;
  int64_t updated = 0;
  int64_t rejected = 0;
  int64_t batches = 0;
  void Add(const v1::IngestBatchAck& ack);
};

// options.batch_size as a batch size (0 = the default), or INVALID_ARGUMENT
// naming options.batch_size.
absl::StatusOr<int> BatchSizeOption(const v1::IngestOptions& options,
                                    const IngestLimits& limits);
// The totals plus the data version after the stream's last commit.
absl::StatusOr<v1::IngestSummary> MakeSummary(BatchWriter& writer,
                                              const IngestTotals& totals,
                                              bool dry_run);
v1::RejectedRecord MakeRejected(int64_t position, std::string source_id,
                                const std::string& field,
                                v1::RejectReason reason,
                                const std::string& message);

template <typename Kind>
class IngestProtocol {
 public:
  // Receives each batch's acknowledgement once the batch is written; an
  // error from it (the client went away) ends the stream.
  using AckSink = std::function<absl::Status(v1::IngestBatchAck)>;

  IngestProtocol(BatchWriter& writer, IngestLimits limits, AckSink on_ack,
                 absl::Time now)
      : writer_(writer),
        limits_(limits),
        on_ack_(std::move(on_ack)),
        now_(now),
        batch_size_(limits.default_batch_size) {}

  // Before the first message: reads the names records may refer to.
  absl::Status Start() {
    COMPDATA_ASSIGN_OR_RETURN(index_, writer_.LoadReferenceIndex());
    return absl::OkStatus();
  }

  // One message of the stream; writes every batch it fills.
  absl::Status OnMessage(const typename Kind::Request& request) {
    if (request.has_options()) {
      if (!first_message_) {
        return InvalidField("options",
                            "only the first message may set options");
      }
      COMPDATA_ASSIGN_OR_RETURN(batch_size_,
                                BatchSizeOption(request.options(), limits_));
      dry_run_ = request.options().dry_run();
    }
    first_message_ = false;
    for (const auto& record : Kind::Records(request)) {
      Add(record);
      if (batch_.last_position - batch_.first_position + 1 >= batch_size_) {
        COMPDATA_RETURN_IF_ERROR(Flush());
      }
    }
    return absl::OkStatus();
  }

  // The producer went quiet: records waiting for more input are written
  // anyway, so a slow producer still sees them acknowledged.
  absl::Status OnIdle() { return batch_.empty() ? absl::OkStatus() : Flush(); }

  // The position the next record will get: records before it were received.
  int64_t next_position() const { return next_position_; }

  // The client half-closed: writes what is left and sums the stream up.
  absl::StatusOr<v1::IngestSummary> OnEnd() {
    if (!batch_.empty()) COMPDATA_RETURN_IF_ERROR(Flush());
    return MakeSummary(writer_, totals_, dry_run_);
  }

 private:
  struct Batch {
    int64_t first_position = -1;
    int64_t last_position = -1;
    std::vector<typename Kind::Row> rows;
    std::vector<v1::RejectedRecord> rejected;
    bool empty() const { return first_position < 0; }
  };

  void Add(const typename Kind::Record& record) {
    const int64_t position = next_position_++;
    if (batch_.empty()) batch_.first_position = position;
    batch_.last_position = position;
    Validated<typename Kind::Row> result =
        Kind::Validate(record, &index_, now_);
    if (auto* rejection = std::get_if<Rejection>(&result)) {
      batch_.rejected.push_back(
          MakeRejected(position, Kind::SourceId(record), rejection->field,
                       rejection->reason, rejection->message));
      return;
    }
    // The first valid occurrence of a key is written; later ones rejected.
    if (!keys_.insert(Kind::Key(record, index_)).second) {
      batch_.rejected.push_back(
          MakeRejected(position, Kind::SourceId(record), Kind::kKeyField,
                       v1::REJECT_REASON_DUPLICATE_IN_STREAM,
                       "the same key appeared earlier in this stream"));
      return;
    }
    batch_.rows.push_back(std::get<typename Kind::Row>(std::move(result)));
  }

  absl::Status Flush() {
    UpsertCounts counts;
    if (!batch_.rows.empty()) {
      COMPDATA_ASSIGN_OR_RETURN(counts, writer_.Write(batch_.rows, dry_run_));
    }
    v1::IngestBatchAck ack;
    ack.set_first_position(batch_.first_position);
    ack.set_committed_through(batch_.last_position);
    ack.set_accepted(counts.inserted);
    ack.set_updated(counts.updated);
    ack.set_rejected(static_cast<int64_t>(batch_.rejected.size()));
    for (auto& r : batch_.rejected) *ack.add_rejected_records() = std::move(r);
    totals_.Add(ack);
    batch_ = Batch();
    return on_ack_(std::move(ack));
  }

  BatchWriter& writer_;
  const IngestLimits limits_;
  const AckSink on_ack_;
  const absl::Time now_;
  ReferenceIndex index_;
  absl::flat_hash_set<std::string> keys_;
  int batch_size_;
  bool dry_run_ = false;
  bool first_message_ = true;
  int64_t next_position_ = 0;
  Batch batch_;
  IngestTotals totals_;
};

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_INGEST_PROTOCOL_H_
