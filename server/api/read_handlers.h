#ifndef COMPDATA_SERVER_API_READ_HANDLERS_H_
#define COMPDATA_SERVER_API_READ_HANDLERS_H_

// The body of each read RPC, one file each (<rpc>_handler.cc): validate the
// request (request_fields.h, salary_filter.h), ask for the figures
// (figures.h), fill the response (proto_fill.h). Each answers from one
// snapshot, named in the response's metadata. No gRPC here: the service
// (compensation_service.h) parses, caches and maps the status.

#include "absl/status/status.h"
#include "compdata/v1/compensation_service.pb.h"
#include "server/api/query_context.h"

namespace compdata::api {

absl::Status AnswerListRoles(const QueryContext& ctx,
                             const v1::ListRolesRequest& request,
                             v1::ListRolesResponse* response);
absl::Status AnswerGetRole(const QueryContext& ctx,
                           const v1::GetRoleRequest& request,
                           v1::GetRoleResponse* response);
absl::Status AnswerSalaryDistribution(
    const QueryContext& ctx, const v1::GetSalaryDistributionRequest& request,
    v1::GetSalaryDistributionResponse* response);
absl::Status AnswerCompareRoles(const QueryContext& ctx,
                                const v1::CompareRolesRequest& request,
                                v1::CompareRolesResponse* response);
absl::Status AnswerSkillOverlap(const QueryContext& ctx,
                                const v1::GetSkillOverlapRequest& request,
                                v1::GetSkillOverlapResponse* response);
absl::Status AnswerSkillPremiums(const QueryContext& ctx,
                                 const v1::GetSkillPremiumsRequest& request,
                                 v1::GetSkillPremiumsResponse* response);
absl::Status AnswerCareerPath(const QueryContext& ctx,
                              const v1::GetCareerPathRequest& request,
                              v1::GetCareerPathResponse* response);
absl::Status AnswerSalaryTrend(const QueryContext& ctx,
                               const v1::GetSalaryTrendRequest& request,
                               v1::GetSalaryTrendResponse* response);
absl::Status AnswerEvaluateOffer(const QueryContext& ctx,
                                 const v1::EvaluateOfferRequest& request,
                                 v1::EvaluateOfferResponse* response);
absl::Status AnswerRelatedRoles(const QueryContext& ctx,
                                const v1::GetRelatedRolesRequest& request,
                                v1::GetRelatedRolesResponse* response);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_READ_HANDLERS_H_
