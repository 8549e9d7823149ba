#ifndef COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_
#define COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_

#include <string>

#include "compdata/v1/compensation_service.pb.h"

namespace compdata::cli {

// The side-by-side page of a CompareRolesResponse: pay, pay by level,
// demand, skills shared and unique, verdicts with their sample sizes.
std::string RenderComparison(const v1::CompareRolesResponse& response);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_
