#ifndef COMPDATA_TESTS_QUERY_VERDICTS_H_
#define COMPDATA_TESTS_QUERY_VERDICTS_H_

#include "compdata/v1/compensation_service.pb.h"

namespace compdata::testing::query {

// CompareRolesResponse.verdicts restate the response's own RoleComparison
// figures: one verdict per metric in enum order, leader = highest value
// (ties: earlier role), runner-up = second highest, differences and outcome
// thresholds as documented. Demand metrics are checked only when every role
// has open postings (whether a role with none "has a value" is not stated).
void ExpectVerdicts(const v1::CompareRolesResponse& response);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_VERDICTS_H_
