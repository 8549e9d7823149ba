#include "server/metrics/rpc_observer.h"

#include <chrono>
#include <map>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_format.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace compdata::server::metrics {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

constexpr char kRequestIdHeader[] = "x-request-id";

// The caller's mistakes are info; the server's own failures are warnings or
// errors.
LogLevel LevelOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::DATA_LOSS:
      return LogLevel::kError;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
    case grpc::StatusCode::UNIMPLEMENTED:
      return LogLevel::kWarning;
    default:
      return LogLevel::kInfo;
  }
}

bool IsServerFault(grpc::StatusCode code) {
  return LevelOf(code) != LogLevel::kInfo;
}

struct ErrorSummary {
  std::string reason;
  std::string field;
};

// Reason and field from the google.rpc.ErrorInfo every error of ours
// carries (server/api/grpc_status.cc).
ErrorSummary SummaryOf(const grpc::Status& status) {
  ErrorSummary summary;
  google::rpc::Status details;
  if (!details.ParseFromString(status.error_details())) return summary;
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (!any.UnpackTo(&info)) continue;
    summary.reason = info.reason();
    auto it = info.metadata().find("field");
    if (it != info.metadata().end()) summary.field = it->second;
  }
  return summary;
}

class RpcObserver final : public grpc::experimental::Interceptor {
 public:
  RpcObserver(RpcObserverFactory* factory, ServerRpcInfo* info,
              MethodCounters* counters)
      : factory_(factory),
        info_(info),
        counters_(counters),
        start_(std::chrono::steady_clock::now()) {
    if (counters_ != nullptr) {
      counters_->started.fetch_add(1, std::memory_order_relaxed);
    }
  }
  ~RpcObserver() override {
    // No status went out: the call ended without one (cancelled, or the
    // server shut down under it).
    if (!finished_) Finish(grpc::Status::CANCELLED, nullptr);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* m) override {
    if (counters_ != nullptr) {
      if (m->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_MESSAGE) &&
          m->GetRecvMessage() != nullptr) {
        counters_->received.fetch_add(1, std::memory_order_relaxed);
      }
      if (m->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_MESSAGE)) {
        counters_->sent.fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (m->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finish(m->GetSendStatus(), m->GetSendTrailingMetadata());
    }
    m->Proceed();
  }

 private:
  void Finish(const grpc::Status& status,
              std::multimap<std::string, std::string>* trailers) {
    finished_ = true;
    const auto elapsed = std::chrono::steady_clock::now() - start_;
    const absl::Duration duration = absl::FromChrono(elapsed);
    if (counters_ != nullptr) {
      const int code = static_cast<int>(status.error_code());
      counters_->handled[code >= 0 && code < kGrpcCodes ? code : 2].fetch_add(
          1, std::memory_order_relaxed);
      counters_->seconds.Observe(duration);
    }
    const absl::Duration slow = factory_->options().slow_threshold;
    const bool is_slow = info_->type() == ServerRpcInfo::Type::UNARY &&
                         slow > absl::ZeroDuration() && duration > slow;
    if (!status.ok() || is_slow) LogCall(status, duration, trailers);
  }

  std::string RequestId(std::multimap<std::string, std::string>* trailers) {
    const auto& sent = info_->server_context()->client_metadata();
    auto it = sent.find(kRequestIdHeader);
    if (it != sent.end()) {
      return std::string(it->second.data(), it->second.size());
    }
    // None sent: make one and return it, so the caller can quote it.
    std::string id =
        absl::StrFormat("%016x", absl::Uniform<uint64_t>(absl::BitGen()));
    if (trailers != nullptr) trailers->emplace(kRequestIdHeader, id);
    return id;
  }

  void LogCall(const grpc::Status& status, absl::Duration duration,
               std::multimap<std::string, std::string>* trailers) {
    const grpc::StatusCode code = status.error_code();
    const LogLevel level = status.ok() ? LogLevel::kWarning : LevelOf(code);
    if (!LogEnabled(level)) return;
    const ErrorSummary summary = SummaryOf(status);
    int64_t suppressed = 0;
    const std::string key = absl::StrCat(info_->method(), "|", code, "|",
                                         summary.reason, "|", summary.field);
    if (!factory_->limiter().Allow(key, absl::Now(), &suppressed)) return;
    // The caller's own error messages may quote what it sent (pay, names):
    // only the server's faults are logged with their message.
    const std::string message =
        IsServerFault(code) ? status.error_message() : std::string();
    Log(level, status.ok() ? "slow rpc" : "rpc failed",
        {{"method", info_->method()},
         {"code", GrpcCodeName(code)},
         {"seconds", duration},
         {"peer", info_->server_context()->peer()},
         {"request_id", RequestId(trailers)},
         {"reason", summary.reason},
         {"field", summary.field},
         {"error", message},
         {"suppressed", suppressed}});
  }

  RpcObserverFactory* const factory_;
  ServerRpcInfo* const info_;
  MethodCounters* const counters_;
  const std::chrono::steady_clock::time_point start_;
  bool finished_ = false;
};

}  // namespace

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    ServerRpcInfo* info) {
  MethodCounters* counters = options_.metrics != nullptr
                                 ? options_.metrics->Find(info->method())
                                 : nullptr;
  return new RpcObserver(this, info, counters);
}

}  // namespace compdata::server::metrics
