#ifndef COMPDATA_CLIENT_CLIENT_H_
#define COMPDATA_CLIENT_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "client/health_check.h"
#include "client/ingest.h"
#include "client/rpc_status.h"
#include "common/channel_settings.h"
#include "compdata/v1/compensation_service.grpc.pb.h"
#include "compdata/v1/ingest_service.grpc.pb.h"

namespace compdata {

struct ClientOptions {
  ClientOptions(std::string target_ = "",
                absl::Duration default_timeout_ = absl::Seconds(10))
      : target(std::move(target_)), default_timeout(default_timeout_) {}

  // "host:port", or "dns:///name:port" for a headless Kubernetes Service:
  // every address the name resolves to gets a connection and calls are spread
  // over them (round_robin), re-resolved when one goes away.
  std::string target;
  // Deadline of a call that sets none itself.
  absl::Duration default_timeout;
  // Attempts of a read RPC (CompensationService, health) that fails with
  // UNAVAILABLE, through the channel's service config with exponential
  // backoff; 1 turns retries off; at most 5 (gRPC's cap). Writes and every
  // other status code are never retried.
  int max_read_attempts = 4;
  // "round_robin" or "pick_first".
  std::string load_balancing_policy = "round_robin";
  // With round_robin, calls go only to servers whose grpc.health.v1 says
  // SERVING for this service (client-side health checking: one Watch per
  // connection), so a server that is draining (NOT_SERVING but still
  // serving) is left before it stops accepting. Empty turns it off, for a
  // caller that must reach a NOT_SERVING server (the CLI's health command).
  std::string health_check_service = "compdata.v1.CompensationService";
  // Keepalive pings, sent also without calls; never below the server's
  // minimum ping interval (common/channel_settings.h).
  absl::Duration keepalive_time = kClientKeepaliveTime;
  absl::Duration keepalive_timeout = kClientKeepaliveTimeout;
  // TLS: on when `use_tls` or any PEM below is set. Empty root certs = the
  // system's trust store.
  bool use_tls = false;
  std::string tls_root_certs_pem;
  // Name checked against the server's certificate instead of the target's
  // host (e.g. the Service's DNS name when dialling an IP).
  std::string tls_server_name;
  // Sent as "authorization: Bearer <token>" on every call when non-empty.
  std::string bearer_token;
};

// The channel's service config: load balancing and the retry policy of the
// read RPCs (see ClientOptions).
std::string ClientServiceConfig(const ClientOptions& options);

// A thin client: one method per RPC, each returning the response or the
// call's status as absl::Status (code and message unchanged; the server's
// google.rpc.Status details kept as a payload, see RpcStatusDetails).
class Client {
 public:
  // INVALID_ARGUMENT naming the option at fault when the options are bad;
  // the channel connects lazily, on the first call.
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
  absl::StatusOr<v1::EvaluateOfferResponse> EvaluateOffer(
      const v1::EvaluateOfferRequest& request) const;
  absl::StatusOr<v1::GetRelatedRolesResponse> GetRelatedRoles(
      const v1::GetRelatedRolesRequest& request) const;
  absl::StatusOr<ServingStatus> Health(const std::string& service = "") const;

  // Every read request takes `known_version` (an answer's
  // metadata.answer_version: the same one comes back as metadata only, with
  // unchanged = true) and the composite reads a `read_mask` (only those
  // response fields are built and sent); both are plain request fields.

  // BatchRead: `on_answer` gets each item's answer (or its error, as a
  // google.rpc.Status) as the server streams it, in completion order. The
  // status is the call's: OK once every item was answered, whether or not
  // items failed; the batch's own error (INVALID_ARGUMENT on items,
  // DEADLINE_EXCEEDED, ...) otherwise, after the answers that came.
  absl::Status BatchRead(
      const v1::BatchReadRequest& request,
      const std::function<void(v1::BatchReadResponse)>& on_answer) const;
  // The same, every answer collected and put in item order.
  absl::StatusOr<std::vector<v1::BatchReadResponse>> BatchRead(
      const v1::BatchReadRequest& request) const;

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

  // A published wage table, replacing any earlier import of the same
  // (source, reference_period, area) whole. Unary, never retried (a write);
  // a rejected table is INVALID_ARGUMENT with one BadRequest violation per
  // bad line (ViolatedFields / RpcStatusDetails).
  absl::StatusOr<v1::ImportOfficialStatisticsResponse> ImportOfficialStatistics(
      const v1::ImportOfficialStatisticsRequest& request) const;

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
