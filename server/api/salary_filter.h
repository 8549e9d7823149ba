#ifndef COMPDATA_SERVER_API_SALARY_FILTER_H_
#define COMPDATA_SERVER_API_SALARY_FILTER_H_

// A request's SalaryFilter resolved against the snapshot: the engine's
// record filter, pay component, sources and currency. Every error names the
// filter field at fault.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "compdata/v1/common.pb.h"
#include "core/engine/filters.h"
#include "core/engine/pay_sample.h"
#include "server/api/query_context.h"

namespace compdata::api {

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

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_SALARY_FILTER_H_
