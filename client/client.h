#ifndef COMPDATA_CLIENT_CLIENT_H_
#define COMPDATA_CLIENT_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/health_check.h"
#include "client/ingest.h"
#include "client/rpc_status.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "compdata/v1/ingest_service.grpc.pb.h"

namespace compdata {

struct ClientOptions {
  std::string target;  // "host:port" or "dns:///name:port"
  // Deadline of a call that sets none itself.
  absl::Duration default_timeout = absl::Seconds(10);
};

// A thin client: one method per RPC, each returning the response or the
// call's status as absl::Status (code and message unchanged; the server's
// google.rpc.Status details kept as a payload, see RpcStatusDetails).
class Client {
 public:
  static absl::StatusOr<std::unique_ptr<Client>> Create(ClientOptions options);

  absl::StatusOr<v1::ListRolesResponse> ListRoles(
      const v1::ListRolesRequest& request) const;
  absl::StatusOr<v1::GetRoleResponse> GetRole(
      const v1::GetRoleRequest& request) const;
  absl::StatusOr<v1::GetSalaryDistributionResponse> GetSalaryDistribution(
      const v1::GetSalaryDistributionRequest& request) const;
  absl::StatusOr<v1::CompareRolesResponse> CompareRoles(
      const v1::CompareRolesRequest& request) const;
  absl::StatusOr<v1::GetSkillOverlapResponse> GetSkillOverlap(
      const v1::GetSkillOverlapRequest& request) const;
  absl::StatusOr<v1::GetSkillPremiumsResponse> GetSkillPremiums(
      const v1::GetSkillPremiumsRequest& request) const;
  absl::StatusOr<v1::GetCareerPathResponse> GetCareerPath(
      const v1::GetCareerPathRequest& request) const;
  absl::StatusOr<v1::GetSalaryTrendResponse> GetSalaryTrend(
      const v1::GetSalaryTrendRequest& request) const;
  absl::StatusOr<ServingStatus> Health(const std::string& service = "") const;

  // Streaming ingest, one stream per call: `next` yields records until it
  // returns false. The outcome holds the server's per-record rejects, the
  // last durable position and the summary.
  template <typename Record>
  using RecordSource = std::function<bool(Record*)>;
  IngestOutcome IngestPostings(const RecordSource<v1::JobPosting>& next,
                               const IngestRunOptions& options = {}) const;
  IngestOutcome IngestSalaryReports(const RecordSource<v1::SalaryReport>& next,
                                    const IngestRunOptions& options = {}) const;
  IngestOutcome IngestRoles(const RecordSource<v1::Role>& next,
                            const IngestRunOptions& options = {}) const;
  IngestOutcome IngestSkills(const RecordSource<v1::Skill>& next,
                             const IngestRunOptions& options = {}) const;
  IngestOutcome IngestRoleLevels(const RecordSource<v1::RoleLevel>& next,
                                 const IngestRunOptions& options = {}) const;
  IngestOutcome IngestRoleTransitions(
      const RecordSource<v1::RoleTransition>& next,
      const IngestRunOptions& options = {}) const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  Client(ClientOptions options, std::shared_ptr<grpc::Channel> channel);
  std::unique_ptr<grpc::ClientContext> NewContext() const;
  // One unary call through `method` of the CompensationService stub.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Unary(
      grpc::Status (v1::CompensationService::Stub::*method)(
          grpc::ClientContext*, const Request&, Response*),
      const Request& request) const;

  ClientOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CompensationService::Stub> stub_;
  std::unique_ptr<v1::IngestService::Stub> ingest_stub_;
};

}  // namespace compdata

#endif  // COMPDATA_CLIENT_CLIENT_H_
