#include "server/api/ingest_summary.h"

#include "db/data_version.h"
#include "server/api/proto_convert.h"

namespace compdata::api {
namespace {
constexpr char kDryRunMessage[] = "compdata: dry run rollback";
}  // namespace

void IngestTotals::Add(const v1::IngestBatchAck& ack) {
  received += ack.committed_through() - ack.first_position() + 1;
  accepted += ack.accepted();
  updated += ack.updated();
  rejected += ack.rejected();
  ++batches;
}

absl::Status FillSummary(db::ConnectionPool& pool, const IngestTotals& totals,
                         bool dry_run, v1::IngestSummary* summary) {
  summary->set_received(totals.received);
  summary->set_accepted(totals.accepted);
  summary->set_updated(totals.updated);
  summary->set_rejected(totals.rejected);
  summary->set_batches(totals.batches);
  summary->set_dry_run(dry_run);
  engine::DataVersion version;
  absl::Status status =
      pool.Transact(db::TransactionOptions{absl::InfiniteFuture(), true},
                    [&](pqxx::work& txn) {
                      version = db::ReadDataVersion(txn);
                      return absl::OkStatus();
                    });
  if (!status.ok()) return status;
  v1::ResponseMetadata metadata;
  ToProto(version, 0, &metadata);
  summary->set_data_version(metadata.data_version());
  *summary->mutable_as_of() = metadata.as_of();
  return absl::OkStatus();
}

absl::Status DryRunRollback() { return absl::AbortedError(kDryRunMessage); }

bool IsDryRunRollback(const absl::Status& status) {
  return absl::IsAborted(status) && status.message() == kDryRunMessage;
}

}  // namespace compdata::api
