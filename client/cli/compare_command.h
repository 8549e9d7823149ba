#ifndef COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_
#define COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_

#include <string>

#include "compdata/v1/compensation_service.pb.h"

namespace compdata::cli {

// The side-by-side page of a CompareRolesResponse: pay, pay by level,
// demand, skills shared and unique, verdicts with their sample sizes.
std::string RenderComparison(const v1::CompareRolesResponse& response);
// Shared and unique top skills and the switching label.
std::string RenderSkillOverlap(const v1::SkillOverlap& overlap);
// GetSkillOverlap: each role's top skills with shares, then the overlap.
std::string RenderSkillOverlapAnswer(const v1::GetSkillOverlapResponse& r);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_COMPARE_COMMAND_H_
