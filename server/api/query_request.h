#ifndef COMPDATA_SERVER_API_QUERY_REQUEST_H_
#define COMPDATA_SERVER_API_QUERY_REQUEST_H_

// Request validation and resolution shared by the read RPCs: role names to
// snapshot indexes, SalaryFilter to engine filters, percentile lists. Every
// error names the request field at fault.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "compdata/v1/common.pb.h"
#include "core/engine/demand.h"
#include "core/engine/pay_sample.h"
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

// What every read handler works with.
struct QueryContext {
  const engine::Snapshot& snapshot;
  int privacy_floor;
  absl::Time now;
  absl::Time deadline;
  DemandCache* demand_cache = nullptr;  // optional memo of demand figures
  MedianCache* median_cache = nullptr;  // optional memo of LevelMediansOf
  CountCache* tracked_cache = nullptr;  // optional memo of TrackedPostings
};

absl::Status CheckDeadline(const QueryContext& ctx);

// Slug, title or alias -> role index; empty -> INVALID_ARGUMENT, unknown ->
// NOT_FOUND (reason ROLE_NOT_FOUND), both naming `field`.
absl::StatusOr<int32_t> ResolveRole(const engine::Snapshot& s,
                                    const std::string& name,
                                    const std::string& field);

struct ResolvedFilter {
  engine::RecordFilter records;  // pay date window = the time window
  engine::Component component = engine::Component::kTotal;
  bool postings = true;
  bool reports = true;
  int16_t currency = -1;
  std::string currency_code;
  int64_t window_end = 0;  // unix micros: "open at" time for demand (D9)
  bool has_start = false;

  engine::PayQuery Pay(int32_t role) const;
  // The demand-relevant fields (no pay fields), for memo keys; built on
  // demand, since most requests need no demand figures.
  const std::string& DemandKey() const;
  // The whole filter's bytes, for memo keys of pay figures; built once.
  const std::string& PayKey() const;
  const v1::SalaryFilter* source = nullptr;  // the request's, outlives this
  mutable std::optional<std::string> demand_key;  // DemandKey's, once built
  mutable std::optional<std::string> pay_key;     // PayKey's, once built
  // The filter's record fields with the date window removed: demand counts
  // open postings at window_end instead (D9).
  engine::RecordFilter DemandRecords() const;
};

absl::StatusOr<ResolvedFilter> ResolveFilter(const v1::SalaryFilter& filter,
                                             const QueryContext& ctx);

// Demand figures of a role under the filter, from the memo when it has them
// (keyed by data version, role, the filter's record fields and the time).
std::shared_ptr<const engine::Demand> DemandOf(const QueryContext& ctx,
                                               const ResolvedFilter& filter,
                                               int32_t role);

// The median pay of a role under the filter at every seniority level (index
// 0: all levels), memoised as one table (keyed by data version, minute, role
// and the filter): CompareRoles' pay-by-level table and career ladders ask
// for several levels of the same role, and repeat them for requests that
// differ in nothing else.
std::shared_ptr<const LevelMedians> LevelMediansOf(const QueryContext& ctx,
                                                   const ResolvedFilter& filter,
                                                   int32_t role);

// Open postings of every role, or of the roles of `family` (lower case)
// when it is not empty, under the filter's demand fields: the denominator of
// open-position shares. Memoised like DemandOf, per family.
int64_t TrackedPostings(const QueryContext& ctx, const ResolvedFilter& filter,
                        const std::string& family);

// Empty -> `defaults`; each in [0, 100]; at most 20 (field: percentiles).
absl::StatusOr<std::vector<double>> ResolvePercentiles(
    const google::protobuf::RepeatedField<double>& requested,
    const std::vector<double>& defaults, const std::string& field);

// 0 -> `default_n`; above `max_n` -> max_n; < 0 -> INVALID_ARGUMENT.
absl::StatusOr<int> ResolveCount(int32_t requested, int default_n, int max_n,
                                 const std::string& field);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_QUERY_REQUEST_H_
