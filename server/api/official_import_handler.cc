#include "server/api/official_import_handler.h"

#include <google/protobuf/unknown_field_set.h>
#include <grpcpp/impl/codegen/proto_utils.h>

#include <memory>
#include <string>

#include "common/status_util.h"
#include "core/ingest/official_import.h"
#include "server/api/grpc_status.h"

namespace compdata::api {
namespace {

constexpr char kPath[] = "/compdata.v1.IngestService/ImportOfficialStatistics";
constexpr int kTableField =
    v1::ImportOfficialStatisticsRequest::kTableFieldNumber;

absl::Status Answer(const IngestSettings& settings,
                    grpc::CallbackServerContext& ctx,
                    const grpc::ByteBuffer& in, grpc::ByteBuffer* out) {
  if (settings.auth != nullptr) {
    COMPDATA_RETURN_IF_ERROR(settings.auth->Check(ctx, Scope::kAdmin));
  }
  if (settings.ready != nullptr && !settings.ready->load()) {
    return absl::UnavailableError(
        "the server is starting: the database schema is not ready yet");
  }
  if (settings.official == nullptr) {
    return absl::UnimplementedError("this server imports no statistics");
  }
  grpc::Slice slice;
  if (!in.DumpToSingleSlice(&slice).ok()) {
    return absl::InternalError("cannot read the request bytes");
  }
  COMPDATA_ASSIGN_OR_RETURN(
      const v1::ImportOfficialStatisticsRequest request,
      ParseImportRequest(absl::string_view(
          reinterpret_cast<const char*>(slice.begin()), slice.size())));
  COMPDATA_ASSIGN_OR_RETURN(
      const v1::ImportOfficialStatisticsResponse response,
      ingest::ImportOfficialStatistics(request, *settings.official));
  bool own_buffer = false;
  if (!grpc::SerializationTraits<
           v1::ImportOfficialStatisticsResponse>::Serialize(response, out,
                                                            &own_buffer)
           .ok()) {
    return absl::InternalError("cannot serialise the response");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::ImportOfficialStatisticsRequest> ParseImportRequest(
    absl::string_view bytes) {
  v1::ImportOfficialStatisticsRequest request;
  if (request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return request;
  }
  // As unknown fields nothing is checked for UTF-8: the table comes out as
  // bytes, and the rest must parse on its own.
  google::protobuf::UnknownFieldSet fields;
  std::string rest;
  if (fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    std::string table;
    for (int i = 0; i < fields.field_count(); ++i) {
      const google::protobuf::UnknownField& f = fields.field(i);
      if (f.number() == kTableField &&
          f.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
        table = f.length_delimited();  // the last one wins, as in a parse
      }
    }
    fields.DeleteByNumber(kTableField);
    if (fields.SerializeToString(&rest) && request.ParseFromString(rest)) {
      request.set_table(std::move(table));
      return request;
    }
  }
  return InvalidField("request",
                      "the request is not a valid "
                      "ImportOfficialStatisticsRequest (truncated, or a "
                      "string that is not UTF-8)");
}

grpc::ServerUnaryReactor* ServeImportOfficialStatistics(
    const IngestSettings& settings, grpc::CallbackServerContext* ctx,
    const grpc::ByteBuffer* in, grpc::ByteBuffer* out) {
  auto record = std::make_shared<server::metrics::CallRecord>(
      settings.calls, kPath,
      settings.calls != nullptr ? settings.calls->Counters(kPath) : nullptr,
      ctx, /*unary=*/true);
  record->Received();
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  auto finish = [record, reactor](const absl::Status& status) {
    const grpc::Status finished = ToGrpcStatus(status);
    if (finished.ok()) record->Sent();
    record->Finish(finished);
    reactor->Finish(finished);
  };
  const bool scheduled =
      settings.workers->Schedule([&settings, ctx, in, out, finish] {
        finish(Answer(settings, *ctx, *in, out));
      });
  if (!scheduled) {
    finish(absl::UnavailableError("the server is shutting down"));
  }
  return reactor;
}

}  // namespace compdata::api
