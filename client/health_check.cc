#include "client/health_check.h"

#include <grpcpp/generic/generic_stub.h>

#include <future>

#include "absl/strings/str_cat.h"

namespace compdata {
namespace {

// Field 1, wire type 2 (length-delimited) and field 1, wire type 0 (varint).
constexpr char kServiceTag = 0x0a;
constexpr char kStatusTag = 0x08;

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  for (const grpc::Slice& s : slices) {
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return out;
}

}  // namespace

const char* ServingStatusName(ServingStatus status) {
  switch (status) {
    case ServingStatus::kServing:
      return "SERVING";
    case ServingStatus::kNotServing:
      return "NOT_SERVING";
    case ServingStatus::kServiceUnknown:
      return "SERVICE_UNKNOWN";
    default:
      return "UNKNOWN";
  }
}

absl::StatusOr<ServingStatus> CheckHealth(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
    absl::Duration timeout) {
  if (service.size() > 127) {
    return absl::InvalidArgumentError("service name too long");
  }
  std::string request;
  if (!service.empty()) {
    request.push_back(kServiceTag);
    request.push_back(static_cast<char>(service.size()));
    request += service;
  }
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  const grpc::ByteBuffer request_buffer = ToBuffer(request);
  grpc::ByteBuffer response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(),
                 &request_buffer, &response_buffer,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  const grpc::Status status = done.get_future().get();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  const std::string response = FromBuffer(response_buffer);
  if (response.empty()) return ServingStatus::kUnknown;  // proto3 default
  if (response.size() != 2 || response[0] != kStatusTag) {
    return absl::InternalError(absl::StrCat("unexpected health response of ",
                                            response.size(), " bytes"));
  }
  return static_cast<ServingStatus>(response[1]);
}

}  // namespace compdata
