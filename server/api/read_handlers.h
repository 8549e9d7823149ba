#ifndef COMPDATA_SERVER_API_READ_HANDLERS_H_
#define COMPDATA_SERVER_API_READ_HANDLERS_H_

// The body of each read RPC: validate, ask the engine, fill the response.
// Each answers from one snapshot, named in the response's metadata.

#include "absl/status/status.h"
#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/demand.h"
#include "server/api/query_request.h"

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

// Shared by CompareRoles and GetSkillOverlap: the overlap of two roles' top
// skills among their open postings.
void FillSkillOverlap(const QueryContext& ctx, int32_t role_a,
                      const engine::Demand& a, int32_t role_b,
                      const engine::Demand& b, int top_n,
                      v1::SkillOverlap* out);

// Roles of a comparison request: 2..max entries, distinct after resolution.
absl::StatusOr<std::vector<int32_t>> ResolveRoles(
    const engine::Snapshot& s,
    const google::protobuf::RepeatedPtrField<std::string>& names, size_t min,
    size_t max);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_READ_HANDLERS_H_
