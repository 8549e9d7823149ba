#include "server/api/compensation_service.h"

#include <google/protobuf/arena.h>

#include <array>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/call_util.h"
#include "server/api/grpc_status.h"
#include "server/api/read_handlers.h"

namespace compdata::api {
namespace {

// The request's bytes, without a copy when gRPC holds them in one slice (it
// does for any request of ordinary size).
bool RequestBytes(const grpc::ByteBuffer& in, grpc::Slice* slice) {
  if (in.TrySingleSlice(slice).ok()) return true;
  return in.DumpToSingleSlice(slice).ok();
}

// gRPC hands over no request when the call ended before it was read: the
// caller's deadline or cancellation, not a server fault.
absl::Status ReadRequest(grpc::CallbackServerContext& ctx,
                         const grpc::ByteBuffer& in, grpc::Slice* out) {
  if (RequestBytes(in, out)) return absl::OkStatus();
  if (absl::Now() >= DeadlineOf(ctx)) {
    return absl::DeadlineExceededError(
        "the deadline passed before the request was read");
  }
  if (ctx.IsCancelled()) return absl::CancelledError("the call was cancelled");
  return absl::InternalError("cannot read the request bytes");
}

constexpr char kStalenessHeader[] = "compdata-staleness-ms";

struct MethodName {
  const char* path;
  const char* cache_key;  // the response cache's prefix for its answers
};
// In CompensationServiceImpl::Method order.
constexpr MethodName kMethodNames[] = {
    {"/compdata.v1.CompensationService/ListRoles", "ListRoles"},
    {"/compdata.v1.CompensationService/GetRole", "GetRole"},
    {"/compdata.v1.CompensationService/GetSalaryDistribution",
     "SalaryDistribution"},
    {"/compdata.v1.CompensationService/CompareRoles", "CompareRoles"},
    {"/compdata.v1.CompensationService/GetSkillOverlap", "SkillOverlap"},
    {"/compdata.v1.CompensationService/GetSkillPremiums", "SkillPremiums"},
    {"/compdata.v1.CompensationService/GetCareerPath", "CareerPath"},
    {"/compdata.v1.CompensationService/GetSalaryTrend", "SalaryTrend"},
    {"/compdata.v1.CompensationService/EvaluateOffer", "EvaluateOffer"},
    {"/compdata.v1.CompensationService/GetRelatedRoles", "RelatedRoles"},
};

}  // namespace

CompensationServiceImpl::CompensationServiceImpl(
    SnapshotSource snapshots, CompensationServiceOptions options)
    : snapshots_(std::move(snapshots)),
      options_(std::move(options)),
      responses_(options_.response_cache_entries, Admission::kOnSecondPut),
      demand_(options_.response_cache_entries),
      medians_(options_.response_cache_entries),
      tracked_(options_.response_cache_entries) {
  static_assert(std::size(kMethodNames) == kMethods);
  if (options_.calls == nullptr) return;
  for (int m = 0; m < kMethods; ++m) {
    counters_[m] = options_.calls->Counters(kMethodNames[m].path);
  }
}

void CompensationServiceImpl::BeforeAnswer(Ctx* ctx, int64_t version) {
  if (newest_version_.load(std::memory_order_relaxed) < version) {
    DropOlderVersions(version);
  }
  if (options_.staleness) {
    ctx->AddInitialMetadata(
        kStalenessHeader,
        absl::StrCat(absl::ToInt64Milliseconds(options_.staleness())));
  }
}

void CompensationServiceImpl::DropOlderVersions(int64_t version) {
  int64_t seen = newest_version_.load();
  while (seen < version &&
         !newest_version_.compare_exchange_weak(seen, version)) {
  }
  if (seen >= version) return;  // another call got there first
  responses_.Clear();
  demand_.Clear();
  medians_.Clear();
  tracked_.Clear();
}

std::vector<std::pair<std::string, CacheStats>>
CompensationServiceImpl::CacheStatistics() const {
  return {{"response", responses_.Stats()},
          {"demand", demand_.Stats()},
          {"median", medians_.Stats()},
          {"tracked", tracked_.Stats()}};
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* CompensationServiceImpl::Serve(
    Method method, Ctx* ctx, const Bytes* in, Bytes* out,
    AnswerFn<Request, Response> answer) {
  server::metrics::CallRecord record(options_.calls, kMethodNames[method].path,
                                     counters_[method], ctx, /*unary=*/true);
  record.Received();
  const grpc::Status status =
      ToGrpcStatus(Answer(method, ctx, in, out, answer));
  if (status.ok()) record.Sent();
  record.Finish(status);
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

template <typename Request, typename Response>
absl::Status CompensationServiceImpl::Answer(
    Method method, Ctx* ctx, const Bytes* in, Bytes* out,
    AnswerFn<Request, Response> answer) {
  if (options_.auth != nullptr) {
    COMPDATA_RETURN_IF_ERROR(options_.auth->Check(*ctx, Scope::kRead));
  }
  grpc::Slice request_bytes;
  COMPDATA_RETURN_IF_ERROR(ReadRequest(*ctx, *in, &request_bytes));
  const absl::string_view raw(
      reinterpret_cast<const char*>(request_bytes.begin()),
      request_bytes.size());
  const std::shared_ptr<const engine::Snapshot> snapshot = snapshots_();
  if (snapshot == nullptr) {
    return absl::UnavailableError(
        "the server is starting: no data snapshot is loaded yet");
  }
  BeforeAnswer(ctx, snapshot->version.version);
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
  const std::string key =
      absl::StrCat(kMethodNames[method].cache_key, "|",
                   snapshot->version.version, "|", minute, "|", raw);
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
}

grpc::ServerUnaryReactor* CompensationServiceImpl::ListRoles(Ctx* ctx,
                                                             const Bytes* in,
                                                             Bytes* out) {
  return Serve(kListRoles, ctx, in, out, AnswerListRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRole(Ctx* ctx,
                                                           const Bytes* in,
                                                           Bytes* out) {
  return Serve(kGetRole, ctx, in, out, AnswerGetRole);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryDistribution(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetSalaryDistribution, ctx, in, out, AnswerSalaryDistribution);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::CompareRoles(Ctx* ctx,
                                                                const Bytes* in,
                                                                Bytes* out) {
  return Serve(kCompareRoles, ctx, in, out, AnswerCompareRoles);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillOverlap(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetSkillOverlap, ctx, in, out, AnswerSkillOverlap);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSkillPremiums(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetSkillPremiums, ctx, in, out, AnswerSkillPremiums);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetCareerPath(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetCareerPath, ctx, in, out, AnswerCareerPath);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetSalaryTrend(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetSalaryTrend, ctx, in, out, AnswerSalaryTrend);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::EvaluateOffer(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kEvaluateOffer, ctx, in, out, AnswerEvaluateOffer);
}

grpc::ServerUnaryReactor* CompensationServiceImpl::GetRelatedRoles(
    Ctx* ctx, const Bytes* in, Bytes* out) {
  return Serve(kGetRelatedRoles, ctx, in, out, AnswerRelatedRoles);
}

}  // namespace compdata::api
