#ifndef COMPDATA_SERVER_API_API_COUNTERS_H_
#define COMPDATA_SERVER_API_API_COUNTERS_H_

// What the API layer counts for the metrics endpoint (server/metrics reads
// these at scrape time): relaxed atomics bumped where the event happens, so
// this layer needs no metrics library and a hot path pays one add.
// Process-wide, as the metrics are.

#include <array>
#include <atomic>
#include <cstdint>

#include "compdata/v1/common.pb.h"
#include "compdata/v1/ingest_service.pb.h"

namespace compdata::api {

// Statistics withheld when an answer was computed (a cached answer is not
// counted again), by v1::SuppressionReason.
struct WithheldCounts {
  std::array<std::atomic<uint64_t>, v1::SuppressionReason_ARRAYSIZE>
      by_reason{};
};
WithheldCounts& Withheld();

// The record kinds of the ingest RPCs, in IngestService order.
enum class IngestKind {
  kPosting,
  kSalaryReport,
  kRole,
  kSkill,
  kRoleLevel,
  kRoleTransition,
};
inline constexpr int kIngestKinds = 6;
const char* IngestKindName(int kind);

struct IngestKindCounts {
  std::atomic<uint64_t> batches{0};
  std::atomic<uint64_t> accepted{0};
  std::atomic<uint64_t> updated{0};
  std::atomic<uint64_t> rejected{0};
  std::array<std::atomic<uint64_t>, v1::RejectReason_ARRAYSIZE> by_reason{};

  // One acknowledged batch (dry runs included: the records were judged).
  void Count(const v1::IngestBatchAck& ack);
};
struct IngestCounts {
  std::array<IngestKindCounts, kIngestKinds> kinds;
  std::atomic<int64_t> open_streams{0};  // ingest calls in progress
  IngestKindCounts& of(IngestKind kind) {
    return kinds[static_cast<int>(kind)];
  }
};
IngestCounts& Ingested();

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_API_COUNTERS_H_
