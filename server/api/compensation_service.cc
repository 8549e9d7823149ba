#include "server/api/compensation_service.h"

#include <google/protobuf/arena.h>

#include <array>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/call_util.h"
#include "server/api/read_handlers.h"

namespace compdata::api {
namespace {

// The request's bytes, without a copy when gRPC holds them in one slice (it
// does for any request of ordinary size).
bool RequestBytes(const grpc::ByteBuffer& in, grpc::Slice* slice) {
  if (in.TrySingleSlice(slice).ok()) return true;
  return in.DumpToSingleSlice(slice).ok();
}

constexpr char kStalenessHeader[] = "compdata-staleness-ms";

}  // namespace

std::vector<std::pair<std::string, CacheStats>>
CompensationServiceImpl::CacheStatistics() const {
  return {{"response", responses_.Stats()},
          {"demand", demand_.Stats()},
          {"median", medians_.Stats()},
          {"tracked", tracked_.Stats()}};
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* CompensationServiceImpl::Serve(
    const char* rpc, Ctx* ctx, const Bytes* in, Bytes* out,
    absl::Status (*answer)(const QueryContext&, const Request&, Response*)) {
  return FinishUnary(ctx, [&]() -> absl::Status {
    if (options_.auth != nullptr) {
      COMPDATA_RETURN_IF_ERROR(options_.auth->Check(*ctx));
    }
    grpc::Slice request_bytes;
    if (!RequestBytes(*in, &request_bytes)) {
      return absl::InternalError("cannot read the request bytes");
    }
    const absl::string_view raw(
        reinterpret_cast<const char*>(request_bytes.begin()),
        request_bytes.size());
    const std::shared_ptr<const engine::Snapshot> snapshot = snapshots_();
    if (snapshot == nullptr) {
      return absl::UnavailableError(
          "the server is starting: no data snapshot is loaded yet");
    }
    if (options_.staleness) {
      ctx->AddInitialMetadata(
          kStalenessHeader,
          absl::StrCat(absl::ToInt64Milliseconds(options_.staleness())));
    }
    // "Now" to the minute: one minute's answers agree, and can be cached.
    const int64_t minute = absl::ToUnixSeconds(absl::Now()) / 60;
    const QueryContext query{*snapshot,
                             options_.privacy_floor,
                             absl::FromUnixSeconds(minute * 60),
                             DeadlineOf(*ctx),
                             &demand_,
                             &medians_,
                             &tracked_};
    // Every RPC, cached or not, refuses a call whose deadline has passed.
    COMPDATA_RETURN_IF_ERROR(CheckDeadline(query));
    const std::string key = absl::StrCat(rpc, "|", snapshot->version.version,
                                         "|", minute, "|", raw);
    if (std::shared_ptr<const grpc::Slice> hit = responses_.Get(key)) {
      *out = grpc::ByteBuffer(hit.get(), 1);
      return absl::OkStatus();
    }

    // One arena per call: the answer's many small messages and strings cost
    // a pointer bump each instead of a malloc and a free.
    std::array<char, 16 * 1024> first_block;
    google::protobuf::ArenaOptions arena_options;
    arena_options.initial_block = first_block.data();
    arena_options.initial_block_size = first_block.size();
    google::protobuf::Arena arena(arena_options);
    auto* request = google::protobuf::Arena::CreateMessage<Request>(&arena);
    if (!request->ParseFromArray(raw.data(), static_cast<int>(raw.size()))) {
      return absl::InvalidArgumentError("the request is not a valid message");
    }
    auto* response = google::protobuf::Arena::CreateMessage<Response>(&arena);
    COMPDATA_RETURN_IF_ERROR(answer(query, *request, response));

    grpc::Slice bytes(response->ByteSizeLong());
    response->SerializeWithCachedSizesToArray(
        const_cast<uint8_t*>(bytes.begin()));
    *out = grpc::ByteBuffer(&bytes, 1);
    responses_.Put(key, std::make_shared<const grpc::Slice>(std::move(bytes)));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* CompensationServiceImpl::ListRoles(Ctx* ctx,
                                                             const Bytes* in,
                                                             Bytes* out) {
  return Serve("ListRoles", ctx, in, out, AnswerListRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRole(Ctx* ctx,
                                                           const Bytes* in,
                                                           Bytes* out) {
  return Serve("GetRole", ctx, in, out, AnswerGetRole);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryDistribution(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve("SalaryDistribution", ctx, in, out, AnswerSalaryDistribution);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::CompareRoles(Ctx* ctx,
                                                                const Bytes* in,
                                                                Bytes* out) {
  return Serve("CompareRoles", ctx, in, out, AnswerCompareRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillOverlap(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve("SkillOverlap", ctx, in, out, AnswerSkillOverlap);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillPremiums(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve("SkillPremiums", ctx, in, out, AnswerSkillPremiums);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetCareerPath(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve("CareerPath", ctx, in, out, AnswerCareerPath);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryTrend(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve("SalaryTrend", ctx, in, out, AnswerSalaryTrend);
}

}  // namespace compdata::api
