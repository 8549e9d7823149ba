#ifndef COMPDATA_CLIENT_CLI_REPORT_COMMANDS_H_
#define COMPDATA_CLIENT_CLI_REPORT_COMMANDS_H_

#include <string>

#include "compdata/v1/compensation_service.pb.h"

namespace compdata::cli {

// Human renderings of the single-role answers, laid out like the pages.
std::string RenderDistribution(const v1::GetSalaryDistributionResponse& r);
std::string RenderCareerPath(const v1::GetCareerPathResponse& r);
std::string RenderPremiums(const v1::GetSkillPremiumsResponse& r);
std::string RenderTrend(const v1::GetSalaryTrendResponse& r);

}  // namespace compdata::cli

#endif  // COMPDATA_CLIENT_CLI_REPORT_COMMANDS_H_
