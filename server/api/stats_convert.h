#ifndef COMPDATA_SERVER_API_STATS_CONVERT_H_
#define COMPDATA_SERVER_API_STATS_CONVERT_H_

// Engine results -> proto messages of the read RPCs.

#include <string>
#include <vector>

#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/pay_stats.h"
#include "core/engine/quality.h"
#include "core/engine/snapshot.h"
#include "google/type/money.pb.h"

namespace compdata::api {

// Rounded half away from zero to the cent (D1).
void ToMoney(double amount, const std::string& currency,
             google::type::Money* out);
void ToProto(const engine::Quality& quality, int privacy_floor,
             v1::Quality* out);
void ToRoleRef(const engine::Snapshot& s, int32_t role, v1::RoleRef* out);
void ToSkillRef(const engine::Snapshot& s, int32_t skill, v1::SkillRef* out);
void ToDistribution(const engine::PayStats& stats,
                    const std::vector<double>& percentiles,
                    const std::string& currency, v1::PayDistribution* out);
// median, mean, average range (p25..p75), p75 and the extra percentiles
// (computed after the first three, in `stats.percentiles`).
void ToPaySummary(const engine::PayStats& stats,
                  const std::vector<double>& extra_percentiles,
                  const std::string& currency, int privacy_floor,
                  v1::PaySummary* out);

// The percentiles a PaySummary needs first, before the caller's extras.
inline const std::vector<double>& SummaryPercentiles() {
  static const auto* p = new std::vector<double>{50, 25, 75};
  return *p;
}

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_STATS_CONVERT_H_
