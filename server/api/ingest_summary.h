#ifndef COMPDATA_SERVER_API_INGEST_SUMMARY_H_
#define COMPDATA_SERVER_API_INGEST_SUMMARY_H_

#include "absl/status/status.h"
#include "compdata/v1/ingest_service.pb.h"
#include "db/pool.h"

namespace compdata::api {

struct IngestTotals {
  int64_t received = 0;
  int64_t accepted = 0;
  int64_t updated = 0;
  int64_t rejected = 0;
  int64_t batches = 0;
  void Add(const v1::IngestBatchAck& ack);
};

// Totals plus the data version after the stream's last commit.
absl::Status FillSummary(db::ConnectionPool& pool, const IngestTotals& totals,
                         bool dry_run, v1::IngestSummary* summary);

// The work of a dry-run batch returns this to roll its transaction back.
absl::Status DryRunRollback();
bool IsDryRunRollback(const absl::Status& status);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_INGEST_SUMMARY_H_
