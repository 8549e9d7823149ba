#include "core/ingest/ingest_protocol.h"

#include "absl/strings/str_cat.h"

namespace compdata::ingest {

void IngestTotals::Add(const v1::IngestBatchAck& ack) {
  received += ack.committed_through() - ack.first_position() + 1;
  accepted += ack.accepted();
  updated += ack.updated();
  rejected += ack.rejected();
  ++batches;
}

absl::StatusOr<int> BatchSizeOption(const v1::IngestOptions& options,
                                    const IngestLimits& limits) {
  if (options.batch_size() < 0 ||
      options.batch_size() > limits.max_batch_size) {
    return InvalidField(
        "options.batch_size",
        absl::StrCat("must be within 1..", limits.max_batch_size,
                     " (0 = ", limits.default_batch_size, ")"));
  }
  return options.batch_size() > 0 ? options.batch_size()
                                  : limits.default_batch_size;
}

absl::StatusOr<v1::IngestSummary> MakeSummary(BatchWriter& writer,
                                              const IngestTotals& totals,
                                              bool dry_run) {
  v1::IngestSummary summary;
  summary.set_received(totals.received);
  summary.set_accepted(totals.accepted);
  summary.set_updated(totals.updated);
  summary.set_rejected(totals.rejected);
  summary.set_batches(totals.batches);
  summary.set_dry_run(dry_run);
  COMPDATA_ASSIGN_OR_RETURN(engine::DataVersion version,
                            writer.CurrentVersion());
  summary.set_data_version(engine::VersionToken(version));
  const int64_t micros = absl::ToUnixMicros(version.as_of);
  summary.mutable_as_of()->set_seconds(micros / 1000000);
  summary.mutable_as_of()->set_nanos(static_cast<int32_t>(micros % 1000000) *
                                     1000);
  return summary;
}

v1::RejectedRecord MakeRejected(int64_t position, std::string source_id,
                                const std::string& field,
                                v1::RejectReason reason,
                                const std::string& message) {
  v1::RejectedRecord rejected;
  rejected.set_position(position);
  rejected.set_source_id(std::move(source_id));
  rejected.set_field(field);
  rejected.set_reason(reason);
  rejected.set_message(message);
  return rejected;
}

}  // namespace compdata::ingest
