#include "server/api/compensation_service.h"

#include "server/api/call_util.h"
#include "server/api/read_handlers.h"

namespace compdata::api {

template <typename Request, typename Response, typename Answer>
grpc::ServerUnaryReactor* CompensationServiceImpl::Serve(
    grpc::CallbackServerContext* ctx, const Request* request,
    Response* response, Answer answer) {
  return FinishUnary(ctx, [&]() -> absl::Status {
    const std::shared_ptr<const engine::Snapshot> snapshot = snapshots_();
    const QueryContext query{*snapshot, options_.privacy_floor, absl::Now(),
                             DeadlineOf(*ctx)};
    return answer(query, *request, response);
  });
}

grpc::ServerUnaryReactor* CompensationServiceImpl::ListRoles(
    grpc::CallbackServerContext* ctx, const v1::ListRolesRequest* request,
    v1::ListRolesResponse* response) {
  return Serve(ctx, request, response, AnswerListRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRole(
    grpc::CallbackServerContext* ctx, const v1::GetRoleRequest* request,
    v1::GetRoleResponse* response) {
  return Serve(ctx, request, response, AnswerGetRole);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryDistribution(
    grpc::CallbackServerContext* ctx,
    const v1::GetSalaryDistributionRequest* request,
    v1::GetSalaryDistributionResponse* response) {
  return Serve(ctx, request, response, AnswerSalaryDistribution);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::CompareRoles(
    grpc::CallbackServerContext* ctx, const v1::CompareRolesRequest* request,
    v1::CompareRolesResponse* response) {
  return Serve(ctx, request, response, AnswerCompareRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillOverlap(
    grpc::CallbackServerContext* ctx, const v1::GetSkillOverlapRequest* request,
    v1::GetSkillOverlapResponse* response) {
  return Serve(ctx, request, response, AnswerSkillOverlap);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillPremiums(
    grpc::CallbackServerContext* ctx,
    const v1::GetSkillPremiumsRequest* request,
    v1::GetSkillPremiumsResponse* response) {
  return Serve(ctx, request, response, AnswerSkillPremiums);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetCareerPath(
    grpc::CallbackServerContext* ctx, const v1::GetCareerPathRequest* request,
    v1::GetCareerPathResponse* response) {
  return Serve(ctx, request, response, AnswerCareerPath);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryTrend(
    grpc::CallbackServerContext* ctx, const v1::GetSalaryTrendRequest* request,
    v1::GetSalaryTrendResponse* response) {
  return Serve(ctx, request, response, AnswerSalaryTrend);
}

}  // namespace compdata::api
