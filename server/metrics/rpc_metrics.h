#ifndef COMPDATA_SERVER_METRICS_RPC_METRICS_H_
#define COMPDATA_SERVER_METRICS_RPC_METRICS_H_

// The grpc-ecosystem server metrics (go-grpc-prometheus, grpc-java's
// MonitoringServerInterceptor), under their names and labels:
//   grpc_server_started_total{grpc_type,grpc_service,grpc_method}
//   grpc_server_handled_total{...,grpc_code}
//   grpc_server_handling_seconds{...} (histogram)
//   grpc_server_msg_received_total{...}, grpc_server_msg_sent_total{...}
// Every method's counters exist from start-up, so a series reads 0 before
// its first call instead of being absent.

#include <grpcpp/support/status.h>

#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/metrics/family.h"
#include "server/metrics/histogram.h"

namespace compdata::server::metrics {

struct MethodSpec {
  std::string service;  // "compdata.v1.CompensationService"
  std::string method;   // "GetRole"
  std::string type;     // unary, client_stream, server_stream, bidi_stream
};

inline constexpr int kGrpcCodes = 17;  // OK .. UNAUTHENTICATED

// The label value of a code, as grpc-go's codes.Code.String() spells it.
const char* GrpcCodeName(grpc::StatusCode code);

struct MethodCounters {
  explicit MethodCounters(MethodSpec method_spec)
      : spec(std::move(method_spec)), seconds(RpcLatencyBounds()) {}

  const MethodSpec spec;
  std::atomic<uint64_t> started{0};
  std::atomic<uint64_t> received{0};
  std::atomic<uint64_t> sent{0};
  std::array<std::atomic<uint64_t>, kGrpcCodes> handled{};
  LatencyHistogram seconds;
};

class RpcMetrics {
 public:
  explicit RpcMetrics(const std::vector<MethodSpec>& methods);

  // By the path gRPC gives ("/compdata.v1.CompensationService/GetRole");
  // nullptr for a method not served.
  MethodCounters* Find(absl::string_view path) const;
  void Collect(Families* out) const;

 private:
  std::vector<std::unique_ptr<MethodCounters>> methods_;
  absl::flat_hash_map<std::string, MethodCounters*> by_path_;
};

// Every method of the named services (from the generated descriptors), plus
// the reflection service the server also serves.
std::vector<MethodSpec> ServedMethods(
    const std::vector<std::string>& proto_services);

}  // namespace compdata::server::metrics

#endif  // COMPDATA_SERVER_METRICS_RPC_METRICS_H_
