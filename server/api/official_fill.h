#ifndef COMPDATA_SERVER_API_OFFICIAL_FILL_H_
#define COMPDATA_SERVER_API_OFFICIAL_FILL_H_

// Official statistics beside our own figures (OfficialWageStatistics):
// GetSalaryDistribution and CompareRoles (each RoleComparison) fill them
// with this one call.

#include <string>

#include "compdata/v1/compensation_service.pb.h"
#include "server/api/query_context.h"

namespace compdata::api {

// The published rows linked to `role` whose table is in `currency`, ordered
// by source, reference period, area and occupation code, exactly as
// published: never blended into our statistics, and no other filter
// applies to them.
void FillOfficialStatistics(
    const QueryContext& ctx, int32_t role, const std::string& currency,
    google::protobuf::RepeatedPtrField<v1::OfficialWageStatistics>* out);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_OFFICIAL_FILL_H_
