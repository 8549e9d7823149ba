#ifndef COMPDATA_SERVER_API_QUERY_CONTEXT_H_
#define COMPDATA_SERVER_API_QUERY_CONTEXT_H_

// What every read handler works with: one snapshot, the time the answer is
// for, the caller's deadline, the memos of the figures module and the parts
// of the answer to build.

#include <array>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "core/engine/demand.h"
#include "core/engine/pay_stats.h"
#include "core/engine/snapshot.h"

namespace compdata::api {

template <typename V>
class LruCache;
using DemandCache = LruCache<engine::Demand>;
// A role's median pay at every level: index 0 = all levels, then
// ENTRY..PRINCIPAL.
using LevelMedians = std::array<engine::PayStats, engine::kSeniorityLevels>;
using MedianCache = LruCache<LevelMedians>;
using CountCache = LruCache<int64_t>;
struct ComparisonVerdicts;  // figures.h
using VerdictCache = LruCache<ComparisonVerdicts>;
class ResponseParts;

struct QueryContext {
  const engine::Snapshot& snapshot;
  int privacy_floor;
  absl::Time now;
  absl::Time deadline;
  DemandCache* demand_cache = nullptr;    // optional memo of demand figures
  MedianCache* median_cache = nullptr;    // optional memo of LevelMediansOf
  CountCache* tracked_cache = nullptr;    // optional memo of TrackedPostings
  VerdictCache* verdict_cache = nullptr;  // optional memo of verdicts
  // The parts of the answer the request's read_mask asks for (Wants in
  // response_parts.h); nullptr = every part.
  const ResponseParts* parts = nullptr;
};

// DEADLINE_EXCEEDED once the caller's deadline has passed.
absl::Status CheckDeadline(const QueryContext& ctx);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_QUERY_CONTEXT_H_
