#include "server/api/api_counters.h"

namespace compdata::api {

WithheldCounts& Withheld() {
  static WithheldCounts* counts = new WithheldCounts();
  return *counts;
}

IngestCounts& Ingested() {
  static IngestCounts* counts = new IngestCounts();
  return *counts;
}

const char* IngestKindName(int kind) {
  static constexpr const char* kNames[kIngestKinds] = {
      "posting", "salary_report", "role",
      "skill",   "role_level",    "role_transition"};
  return kind >= 0 && kind < kIngestKinds ? kNames[kind] : "unknown";
}

void IngestKindCounts::Count(const v1::IngestBatchAck& ack) {
  constexpr auto relaxed = std::memory_order_relaxed;
  batches.fetch_add(1, relaxed);
  accepted.fetch_add(static_cast<uint64_t>(ack.accepted()), relaxed);
  updated.fetch_add(static_cast<uint64_t>(ack.updated()), relaxed);
  rejected.fetch_add(static_cast<uint64_t>(ack.rejected()), relaxed);
  for (const v1::RejectedRecord& r : ack.rejected_records()) {
    const int reason = r.reason();
    if (reason >= 0 && reason < v1::RejectReason_ARRAYSIZE) {
      by_reason[reason].fetch_add(1, relaxed);
    }
  }
}

}  // namespace compdata::api
