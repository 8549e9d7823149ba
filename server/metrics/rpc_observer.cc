#include "server/metrics/rpc_observer.h"

#include <chrono>
#include <map>
#include <string>

#include "absl/strings/match.h"

namespace compdata::server::metrics {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

class RpcObserver final : public grpc::experimental::Interceptor {
 public:
  RpcObserver(CallObserver* observer, ServerRpcInfo* info,
              MethodCounters* counters)
      : observer_(observer),
        call_{counters, info->method(), info->server_context(),
              info->type() == ServerRpcInfo::Type::UNARY,
              std::chrono::steady_clock::now()} {
    if (counters != nullptr) {
      counters->started.fetch_add(1, std::memory_order_relaxed);
    }
  }
  ~RpcObserver() override {
    // No status went out: the call ended without one (cancelled, or the
    // server shut down under it).
    if (!finished_)
      observer_->Finished(call_, grpc::Status::CANCELLED, nullptr);
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* m) override {
    if (call_.counters != nullptr) {
      if (m->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_MESSAGE) &&
          m->GetRecvMessage() != nullptr) {
        call_.counters->received.fetch_add(1, std::memory_order_relaxed);
      }
      if (m->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_MESSAGE)) {
        call_.counters->sent.fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (m->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      finished_ = true;
      observer_->Finished(call_, m->GetSendStatus(),
                          m->GetSendTrailingMetadata());
    }
    m->Proceed();
  }

 private:
  CallObserver* const observer_;
  const CallObserver::Call call_;
  bool finished_ = false;
};

}  // namespace

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    ServerRpcInfo* info) {
  for (const std::string& prefix : skipped_) {
    if (absl::StartsWith(info->method(), prefix)) return nullptr;
  }
  return new RpcObserver(observer_, info, observer_->Counters(info->method()));
}

}  // namespace compdata::server::metrics
