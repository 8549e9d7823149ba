#include "server/metrics/call_observer.h"

#include <map>
#include <string>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace compdata::server::metrics {
namespace {

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

std::string RequestId(grpc::ServerContextBase& ctx,
                      std::multimap<std::string, std::string>* trailers) {
  const auto& sent = ctx.client_metadata();
  auto it = sent.find(kRequestIdHeader);
  if (it != sent.end())
    return std::string(it->second.data(), it->second.size());
  // None sent: make one and return it, so the caller can quote it.
  std::string id =
      absl::StrFormat("%016x", absl::Uniform<uint64_t>(absl::BitGen()));
  if (trailers != nullptr) trailers->emplace(kRequestIdHeader, id);
  return id;
}

}  // namespace

MethodCounters* CallObserver::Counters(absl::string_view path) const {
  return options_.metrics != nullptr ? options_.metrics->Find(path) : nullptr;
}

void CallObserver::Finished(const Call& call, const grpc::Status& status,
                            std::multimap<std::string, std::string>* trailers) {
  const absl::Duration duration =
      absl::FromChrono(std::chrono::steady_clock::now() - call.start);
  if (call.counters != nullptr) {
    const int code = static_cast<int>(status.error_code());
    call.counters->handled[code >= 0 && code < kGrpcCodes ? code : 2].fetch_add(
        1, std::memory_order_relaxed);
    call.counters->seconds.Observe(duration);
  }
  const absl::Duration slow = options_.slow_threshold;
  const bool is_slow =
      call.unary && slow > absl::ZeroDuration() && duration > slow;
  if (!status.ok() || is_slow) LogCall(call, status, duration, trailers);
}

void CallObserver::LogCall(const Call& call, const grpc::Status& status,
                           absl::Duration duration,
                           std::multimap<std::string, std::string>* trailers) {
  const grpc::StatusCode code = status.error_code();
  const LogLevel level = status.ok() ? LogLevel::kWarning : LevelOf(code);
  if (!LogEnabled(level)) return;
  const ErrorSummary summary = SummaryOf(status);
  int64_t suppressed = 0;
  const std::string key = absl::StrCat(call.path, "|", code, "|",
                                       summary.reason, "|", summary.field);
  if (!limiter_.Allow(key, absl::Now(), &suppressed)) return;
  // The caller's own error messages may quote what it sent (pay, names):
  // only the server's faults are logged with their message.
  const std::string message =
      LevelOf(code) != LogLevel::kInfo ? status.error_message() : std::string();
  Log(level, status.ok() ? "slow rpc" : "rpc failed",
      {{"method", call.path},
       {"code", GrpcCodeName(code)},
       {"seconds", duration},
       {"peer", call.ctx->peer()},
       {"request_id", RequestId(*call.ctx, trailers)},
       {"reason", summary.reason},
       {"field", summary.field},
       {"error", message},
       {"suppressed", suppressed}});
}

CallRecord::CallRecord(CallObserver* observer, const char* path,
                       MethodCounters* counters, grpc::ServerContextBase* ctx,
                       bool unary)
    : observer_(observer),
      call_{counters, path, ctx, unary, std::chrono::steady_clock::now()} {
  if (counters != nullptr) {
    counters->started.fetch_add(1, std::memory_order_relaxed);
  }
}

void CallRecord::Finish(const grpc::Status& status) {
  if (observer_ == nullptr) return;
  std::multimap<std::string, std::string> trailers;
  observer_->Finished(call_, status, &trailers);
  for (const auto& [key, value] : trailers) {
    call_.ctx->AddTrailingMetadata(key, value);
  }
}

}  // namespace compdata::server::metrics
