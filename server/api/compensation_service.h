#ifndef COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
#define COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_

#include <functional>
#include <memory>

#include "compdata/v1/compensation_service.grpc.pb.h"
#include "server/api/bearer_auth.h"
#include "server/api/lru_cache.h"
#include "server/api/query_request.h"
#include "server/engine/snapshot.h"

namespace compdata::api {

struct CompensationServiceOptions {
  int privacy_floor = 5;
  size_t response_cache_entries = 20000;
  // Checked before every answer; nullptr or no tokens = open.
  const BearerAuth* auth = nullptr;
};

using SnapshotSource = std::function<std::shared_ptr<const engine::Snapshot>()>;

// Thin handlers on the callback API: each takes the current snapshot and
// runs its Answer* function (read_handlers.h) inline; no call blocks.
class CompensationServiceImpl final
    : public v1::CompensationService::CallbackService {
 public:
  CompensationServiceImpl(SnapshotSource snapshots,
                          CompensationServiceOptions options)
      : snapshots_(std::move(snapshots)),
        options_(options),
        responses_(options.response_cache_entries),
        demand_(options.response_cache_entries) {}

  grpc::ServerUnaryReactor* ListRoles(grpc::CallbackServerContext* ctx,
                                      const v1::ListRolesRequest* request,
                                      v1::ListRolesResponse* response) override;
  grpc::ServerUnaryReactor* GetRole(grpc::CallbackServerContext* ctx,
                                    const v1::GetRoleRequest* request,
                                    v1::GetRoleResponse* response) override;
  grpc::ServerUnaryReactor* GetSalaryDistribution(
      grpc::CallbackServerContext* ctx,
      const v1::GetSalaryDistributionRequest* request,
      v1::GetSalaryDistributionResponse* response) override;
  grpc::ServerUnaryReactor* CompareRoles(
      grpc::CallbackServerContext* ctx, const v1::CompareRolesRequest* request,
      v1::CompareRolesResponse* response) override;
  grpc::ServerUnaryReactor* GetSkillOverlap(
      grpc::CallbackServerContext* ctx,
      const v1::GetSkillOverlapRequest* request,
      v1::GetSkillOverlapResponse* response) override;
  grpc::ServerUnaryReactor* GetSkillPremiums(
      grpc::CallbackServerContext* ctx,
      const v1::GetSkillPremiumsRequest* request,
      v1::GetSkillPremiumsResponse* response) override;
  grpc::ServerUnaryReactor* GetCareerPath(
      grpc::CallbackServerContext* ctx, const v1::GetCareerPathRequest* request,
      v1::GetCareerPathResponse* response) override;
  grpc::ServerUnaryReactor* GetSalaryTrend(
      grpc::CallbackServerContext* ctx,
      const v1::GetSalaryTrendRequest* request,
      v1::GetSalaryTrendResponse* response) override;

 private:
  template <typename Request, typename Response, typename Answer>
  grpc::ServerUnaryReactor* Serve(const char* rpc,
                                  grpc::CallbackServerContext* ctx,
                                  const Request* request, Response* response,
                                  Answer answer);

  const SnapshotSource snapshots_;
  const CompensationServiceOptions options_;
  // Serialized answers by (rpc, data version, minute, request): a snapshot
  // never changes, so an entry is exact until it ages out.
  LruCache<std::string> responses_;
  // Demand figures by role and filter: CompareRoles and GetSkillOverlap
  // requests that differ only in pay fields share them.
  DemandCache demand_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_COMPENSATION_SERVICE_H_
