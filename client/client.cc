#include "client/client.h"

#include <algorithm>

namespace compdata {
Client::Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(v1::CompensationService::NewStub(channel_)),
      ingest_stub_(v1::IngestService::NewStub(channel_)) {}

std::unique_ptr<grpc::ClientContext> Client::NewContext() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + options_.default_timeout));
  return ctx;
}

template <typename Request, typename Response>
absl::StatusOr<Response> Client::Unary(
    grpc::Status (v1::CompensationService::Stub::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          Response*),
    const Request& request) const {
  Response response;
  auto ctx = NewContext();
  absl::Status status =
      FromGrpcStatus((stub_.get()->*method)(ctx.get(), request, &response));
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<v1::ListRolesResponse> Client::ListRoles(
    const v1::ListRolesRequest& request) const {
  return Unary(&v1::CompensationService::Stub::ListRoles, request);
}

absl::StatusOr<v1::GetRoleResponse> Client::GetRole(
    const v1::GetRoleRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetRole, request);
}

absl::StatusOr<v1::GetSalaryDistributionResponse> Client::GetSalaryDistribution(
    const v1::GetSalaryDistributionRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetSalaryDistribution, request);
}

absl::StatusOr<v1::CompareRolesResponse> Client::CompareRoles(
    const v1::CompareRolesRequest& request) const {
  return Unary(&v1::CompensationService::Stub::CompareRoles, request);
}

absl::StatusOr<v1::GetSkillOverlapResponse> Client::GetSkillOverlap(
    const v1::GetSkillOverlapRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetSkillOverlap, request);
}

absl::StatusOr<v1::GetSkillPremiumsResponse> Client::GetSkillPremiums(
    const v1::GetSkillPremiumsRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetSkillPremiums, request);
}

absl::StatusOr<v1::GetCareerPathResponse> Client::GetCareerPath(
    const v1::GetCareerPathRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetCareerPath, request);
}

absl::StatusOr<v1::GetSalaryTrendResponse> Client::GetSalaryTrend(
    const v1::GetSalaryTrendRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetSalaryTrend, request);
}

absl::StatusOr<v1::EvaluateOfferResponse> Client::EvaluateOffer(
    const v1::EvaluateOfferRequest& request) const {
  return Unary(&v1::CompensationService::Stub::EvaluateOffer, request);
}

absl::StatusOr<v1::GetRelatedRolesResponse> Client::GetRelatedRoles(
    const v1::GetRelatedRolesRequest& request) const {
  return Unary(&v1::CompensationService::Stub::GetRelatedRoles, request);
}

absl::Status Client::BatchRead(
    const v1::BatchReadRequest& request,
    const std::function<void(v1::BatchReadResponse)>& on_answer) const {
  auto ctx = NewContext();
  std::unique_ptr<grpc::ClientReader<v1::BatchReadResponse>> reader =
      stub_->BatchRead(ctx.get(), request);
  v1::BatchReadResponse answer;
  while (reader->Read(&answer)) {
    on_answer(std::move(answer));
    answer.Clear();
  }
  return FromGrpcStatus(reader->Finish());
}

absl::StatusOr<std::vector<v1::BatchReadResponse>> Client::BatchRead(
    const v1::BatchReadRequest& request) const {
  std::vector<v1::BatchReadResponse> answers;
  const absl::Status status = BatchRead(request, [&](v1::BatchReadResponse a) {
    answers.push_back(std::move(a));
  });
  if (!status.ok()) return status;
  std::sort(answers.begin(), answers.end(),
            [](const v1::BatchReadResponse& a, const v1::BatchReadResponse& b) {
              return a.index() < b.index();
            });
  return answers;
}

absl::StatusOr<ServingStatus> Client::Health(const std::string& service) const {
  return CheckHealth(channel_, service, options_.default_timeout);
}

}  // namespace compdata
