#include "server/metrics/rpc_metrics.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"

namespace compdata::server::metrics {
namespace {

constexpr const char* kCodeNames[kGrpcCodes] = {"OK",
                                                "Canceled",
                                                "Unknown",
                                                "InvalidArgument",
                                                "DeadlineExceeded",
                                                "NotFound",
                                                "AlreadyExists",
                                                "PermissionDenied",
                                                "ResourceExhausted",
                                                "FailedPrecondition",
                                                "Aborted",
                                                "OutOfRange",
                                                "Unimplemented",
                                                "Internal",
                                                "Unavailable",
                                                "DataLoss",
                                                "Unauthenticated"};

Labels MethodLabels(const MethodSpec& spec) {
  return {{"grpc_type", spec.type},
          {"grpc_service", spec.service},
          {"grpc_method", spec.method}};
}

void CollectCounts(const std::vector<std::unique_ptr<MethodCounters>>& methods,
                   Families* out) {
  auto& started = AddFamily(out, "grpc_server_started_total",
                            "Total number of RPCs started on the server.",
                            prometheus::MetricType::Counter);
  auto& received =
      AddFamily(out, "grpc_server_msg_received_total",
                "Total number of RPC stream messages received on the server.",
                prometheus::MetricType::Counter);
  auto& sent = AddFamily(out, "grpc_server_msg_sent_total",
                         "Total number of gRPC stream messages sent by the "
                         "server.",
                         prometheus::MetricType::Counter);
  for (const auto& m : methods) {
    const Labels labels = MethodLabels(m->spec);
    AddSample(started, static_cast<double>(m->started.load()), labels);
    AddSample(received, static_cast<double>(m->received.load()), labels);
    AddSample(sent, static_cast<double>(m->sent.load()), labels);
  }
}

}  // namespace

const char* GrpcCodeName(grpc::StatusCode code) {
  const int i = static_cast<int>(code);
  return i >= 0 && i < kGrpcCodes ? kCodeNames[i] : "Unknown";
}

RpcMetrics::RpcMetrics(const std::vector<MethodSpec>& methods) {
  for (const MethodSpec& spec : methods) {
    methods_.push_back(std::make_unique<MethodCounters>(spec));
    by_path_[absl::StrCat("/", spec.service, "/", spec.method)] =
        methods_.back().get();
  }
}

MethodCounters* RpcMetrics::Find(absl::string_view path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : it->second;
}

void RpcMetrics::Collect(Families* out) const {
  CollectCounts(methods_, out);
  auto& handled = AddFamily(
      out, "grpc_server_handled_total",
      "Total number of RPCs completed on the server, regardless of success "
      "or failure.",
      prometheus::MetricType::Counter);
  auto& seconds = AddFamily(out, "grpc_server_handling_seconds",
                            "Histogram of response latency (seconds) of gRPC "
                            "that had been application-level handled by the "
                            "server.",
                            prometheus::MetricType::Histogram);
  for (const auto& m : methods_) {
    for (int code = 0; code < kGrpcCodes; ++code) {
      Labels labels = MethodLabels(m->spec);
      labels.push_back({"grpc_code", kCodeNames[code]});
      AddSample(handled, static_cast<double>(m->handled[code].load()),
                std::move(labels));
    }
    AddHistogram(seconds, m->seconds.Read(), MethodLabels(m->spec));
  }
}

std::vector<MethodSpec> ServedMethods(
    const std::vector<std::string>& proto_services) {
  std::vector<MethodSpec> methods;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : proto_services) {
    const google::protobuf::ServiceDescriptor* service =
        pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      const char* type =
          m->client_streaming()
              ? (m->server_streaming() ? "bidi_stream" : "client_stream")
              : (m->server_streaming() ? "server_stream" : "unary");
      methods.push_back({name, m->name(), type});
    }
  }
  // Served by gRPC itself, so not in our descriptor pool. (Health is not
  // recorded: server/metrics/rpc_observer.h.)
  methods.push_back({"grpc.reflection.v1alpha.ServerReflection",
                     "ServerReflectionInfo", "bidi_stream"});
  return methods;
}

}  // namespace compdata::server::metrics
