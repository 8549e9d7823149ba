// The client's channel: credentials, keepalive, load balancing and the retry
// policy, all decided here from ClientOptions.

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/client_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/client.h"
#include "common/status_util.h"

namespace compdata {
namespace {

namespace exp = grpc::experimental;

// Adds the bearer token to every call's initial metadata, on plaintext and
// TLS channels alike (gRPC's call credentials refuse plaintext channels, and
// compdata may sit behind a mesh that terminates TLS).
class BearerInterceptor : public exp::Interceptor {
 public:
  explicit BearerInterceptor(const std::string* header) : header_(header) {}
  void Intercept(exp::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            exp::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kAuthorizationKey, *header_);
    }
    methods->Proceed();
  }

 private:
  const std::string* header_;
};

class BearerInterceptorFactory : public exp::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(const std::string& token)
      : header_(absl::StrCat("Bearer ", token)) {}
  exp::Interceptor* CreateClientInterceptor(exp::ClientRpcInfo*) override {
    return new BearerInterceptor(&header_);
  }

 private:
  const std::string header_;
};

absl::Status Validate(const ClientOptions& options) {
  if (options.target.empty()) return InvalidField("target", "is empty");
  if (options.default_timeout <= absl::ZeroDuration()) {
    return InvalidField("default_timeout", "must be positive");
  }
  if (options.max_read_attempts < 1 || options.max_read_attempts > 5) {
    return InvalidField("max_read_attempts", "must be within [1, 5]");
  }
  if (options.load_balancing_policy != "round_robin" &&
      options.load_balancing_policy != "pick_first") {
    return InvalidField("load_balancing_policy",
                        "must be round_robin or pick_first");
  }
  if (options.keepalive_time < kServerMinPingInterval) {
    return InvalidField(
        "keepalive_time",
        absl::StrCat("must be at least the server's minimum ping interval ",
                     absl::FormatDuration(kServerMinPingInterval),
                     " (more frequent pings make it close the connection)"));
  }
  if (options.keepalive_timeout <= absl::ZeroDuration()) {
    return InvalidField("keepalive_timeout", "must be positive");
  }
  if (!options.bearer_token.empty() &&
      options.bearer_token.find_first_of("\r\n") != std::string::npos) {
    return InvalidField("bearer_token", "must be one line");
  }
  return absl::OkStatus();
}

std::shared_ptr<grpc::ChannelCredentials> Credentials(
    const ClientOptions& options) {
  if (!options.use_tls && options.tls_root_certs_pem.empty() &&
      options.tls_server_name.empty()) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_root_certs_pem;
  return grpc::SslCredentials(ssl);
}

}  // namespace

std::string ClientServiceConfig(const ClientOptions& options) {
  // Only idempotent reads are named: a retried ingest stream could apply a
  // batch twice from the caller's point of view, so writes never retry.
  std::string retry;
  if (options.max_read_attempts > 1) {
    retry = absl::StrFormat(
        R"(,"retryPolicy":{"maxAttempts":%d,"initialBackoff":"0.1s",)"
        R"("maxBackoff":"2s","backoffMultiplier":2,)"
        R"("retryableStatusCodes":["UNAVAILABLE"]})",
        options.max_read_attempts);
  }
  std::string health;
  if (options.load_balancing_policy == "round_robin" &&
      !options.health_check_service.empty()) {
    health = absl::StrCat(R"("healthCheckConfig":{"serviceName":")",
                          options.health_check_service, R"("},)");
  }
  return absl::StrCat("{", health, R"("loadBalancingConfig":[{")",
                      options.load_balancing_policy,
                      R"(":{}}],"methodConfig":[{"name":[)",
                      R"({"service":"compdata.v1.CompensationService"},)",
                      R"({"service":"grpc.health.v1.Health"}])", retry, "}]}");
}

absl::StatusOr<std::unique_ptr<Client>> Client::Create(ClientOptions options) {
  COMPDATA_RETURN_IF_ERROR(Validate(options));
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(ClientServiceConfig(options));
  // Our config is the whole policy: DNS TXT records must not replace it.
  args.SetInt(GRPC_ARG_SERVICE_CONFIG_DISABLE_RESOLUTION, 1);
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS,
              absl::ToInt64Milliseconds(options.keepalive_time));
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
              absl::ToInt64Milliseconds(options.keepalive_timeout));
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  if (!options.tls_server_name.empty()) {
    args.SetSslTargetNameOverride(options.tls_server_name);
  }
  std::vector<std::unique_ptr<exp::ClientInterceptorFactoryInterface>>
      interceptors;
  if (!options.bearer_token.empty()) {
    interceptors.push_back(
        std::make_unique<BearerInterceptorFactory>(options.bearer_token));
  }
  auto channel = exp::CreateCustomChannelWithInterceptors(
      options.target, Credentials(options), args, std::move(interceptors));
  return std::unique_ptr<Client>(new Client(std::move(options), channel));
}

}  // namespace compdata
