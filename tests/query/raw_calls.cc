#include "tests/query/raw_calls.h"

#include <google/protobuf/io/coded_stream.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <grpcpp/impl/codegen/rpc_method.h>
#include <grpcpp/impl/codegen/sync_stream.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace compdata::testing::query {
namespace {

std::string Path(const std::string& method) {
  return absl::StrCat("/compdata.v1.CompensationService/", method);
}

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromBuffer(const grpc::ByteBuffer& buffer) {
  grpc::Slice slice;
  (void)buffer.DumpToSingleSlice(&slice);
  return std::string(reinterpret_cast<const char*>(slice.begin()),
                     slice.size());
}

}  // namespace

RawAnswer RawUnary(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& method,
                   const google::protobuf::Message& request,
                   absl::Duration timeout) {
  const std::string path = Path(method);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::ByteBuffer response;
  RawAnswer answer;
  answer.status =
      grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
          channel.get(),
          grpc::internal::RpcMethod(path.c_str(),
                                    grpc::internal::RpcMethod::NORMAL_RPC),
          &ctx, ToBuffer(request.SerializeAsString()), &response);
  if (answer.status.ok()) answer.bytes = FromBuffer(response);
  return answer;
}

RawBatch RawBatchRead(const std::shared_ptr<grpc::Channel>& channel,
                      const v1::BatchReadRequest& request,
                      absl::Duration timeout) {
  const std::string path = Path("BatchRead");
  grpc::ClientContext ctx;
  const absl::Time start = absl::Now();
  ctx.set_deadline(absl::ToChronoTime(start + timeout));
  std::unique_ptr<grpc::ClientReader<grpc::ByteBuffer>> reader(
      grpc::internal::ClientReaderFactory<grpc::ByteBuffer>::Create(
          channel.get(),
          grpc::internal::RpcMethod(
              path.c_str(), grpc::internal::RpcMethod::SERVER_STREAMING),
          &ctx, ToBuffer(request.SerializeAsString())));
  RawBatch batch;
  grpc::ByteBuffer message;
  while (reader->Read(&message)) batch.messages.push_back(FromBuffer(message));
  batch.status = reader->Finish();
  batch.took = absl::Now() - start;
  return batch;
}

BatchParts SplitBatchResponse(const std::string& message) {
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(message.data()),
      static_cast<int>(message.size()));
  BatchParts parts;
  int results = 0;
  while (const uint32_t tag = in.ReadTag()) {
    const int field = static_cast<int>(tag >> 3);
    if (field == 1 && (tag & 7) == 0) {
      uint32_t index = 0;
      if (!in.ReadVarint32(&index)) return parts;
      parts.index = static_cast<int>(index);
    } else if (field >= 2 && field <= 4 && (tag & 7) == 2) {
      uint32_t size = 0;
      if (!in.ReadVarint32(&size) ||
          !in.ReadString(&parts.bytes, static_cast<int>(size))) {
        return parts;
      }
      parts.field = field;
      ++results;
    } else {
      return parts;  // nothing else belongs in a BatchReadResponse
    }
  }
  parts.ok = results == 1;
  return parts;
}

namespace {

void Trim(const std::vector<std::string>& paths, bool top,
          google::protobuf::Message* message) {
  const google::protobuf::Reflection* r = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  r->ListFields(*message, &fields);
  for (const google::protobuf::FieldDescriptor* f : fields) {
    bool whole = top && f->name() == "metadata";
    std::vector<std::string> below;
    for (const std::string& p : paths) {
      if (p == f->name()) whole = true;
      if (absl::StartsWith(p, f->name() + ".")) {
        below.push_back(p.substr(f->name().size() + 1));
      }
    }
    if (whole) continue;
    if (below.empty()) {
      r->ClearField(message, f);
    } else if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*message, f); ++i) {
        Trim(below, false, r->MutableRepeatedMessage(message, f, i));
      }
    } else {
      Trim(below, false, r->MutableMessage(message, f));
    }
  }
}

}  // namespace

void TrimToPaths(const std::vector<std::string>& paths,
                 google::protobuf::Message* message) {
  Trim(paths, true, message);
}

}  // namespace compdata::testing::query
