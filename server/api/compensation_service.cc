#include "server/api/compensation_service.h"

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/call_util.h"
#include "server/api/read_handlers.h"

namespace compdata::api {

template <typename Request, typename Response, typename Answer>
grpc::ServerUnaryReactor* CompensationServiceImpl::Serve(
    const char* rpc, grpc::CallbackServerContext* ctx, const Request* request,
    Response* response, Answer answer) {
  return FinishUnary(ctx, [&]() -> absl::Status {
    if (options_.auth != nullptr) {
      COMPDATA_RETURN_IF_ERROR(options_.auth->Check(*ctx));
    }
    const std::shared_ptr<const engine::Snapshot> snapshot = snapshots_();
    // "Now" to the minute: one minute's answers agree, and can be cached.
    const int64_t minute = absl::ToUnixSeconds(absl::Now()) / 60;
    const std::string key =
        absl::StrCat(rpc, "|", snapshot->version.version, "|", minute, "|",
                     request->SerializeAsString());
    if (auto hit = responses_.Get(key)) {
      if (response->ParseFromString(*hit)) return absl::OkStatus();
    }
    const QueryContext query{*snapshot, options_.privacy_floor,
                             absl::FromUnixSeconds(minute * 60),
                             DeadlineOf(*ctx), &demand_};
    absl::Status status = answer(query, *request, response);
    if (status.ok()) {
      responses_.Put(key, std::make_shared<const std::string>(
                              response->SerializeAsString()));
    }
    return status;
  });
}

grpc::ServerUnaryReactor* CompensationServiceImpl::ListRoles(
    grpc::CallbackServerContext* ctx, const v1::ListRolesRequest* request,
    v1::ListRolesResponse* response) {
  return Serve("ListRoles", ctx, request, response, AnswerListRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRole(
    grpc::CallbackServerContext* ctx, const v1::GetRoleRequest* request,
    v1::GetRoleResponse* response) {
  return Serve("GetRole", ctx, request, response, AnswerGetRole);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryDistribution(
    grpc::CallbackServerContext* ctx,
    const v1::GetSalaryDistributionRequest* request,
    v1::GetSalaryDistributionResponse* response) {
  return Serve("SalaryDistribution", ctx, request, response,
               AnswerSalaryDistribution);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::CompareRoles(
    grpc::CallbackServerContext* ctx, const v1::CompareRolesRequest* request,
    v1::CompareRolesResponse* response) {
  return Serve("CompareRoles", ctx, request, response, AnswerCompareRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillOverlap(
    grpc::CallbackServerContext* ctx, const v1::GetSkillOverlapRequest* request,
    v1::GetSkillOverlapResponse* response) {
  return Serve("SkillOverlap", ctx, request, response, AnswerSkillOverlap);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillPremiums(
    grpc::CallbackServerContext* ctx,
    const v1::GetSkillPremiumsRequest* request,
    v1::GetSkillPremiumsResponse* response) {
  return Serve("SkillPremiums", ctx, request, response, AnswerSkillPremiums);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetCareerPath(
    grpc::CallbackServerContext* ctx, const v1::GetCareerPathRequest* request,
    v1::GetCareerPathResponse* response) {
  return Serve("CareerPath", ctx, request, response, AnswerCareerPath);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryTrend(
    grpc::CallbackServerContext* ctx, const v1::GetSalaryTrendRequest* request,
    v1::GetSalaryTrendResponse* response) {
  return Serve("SalaryTrend", ctx, request, response, AnswerSalaryTrend);
}

}  // namespace compdata::api
