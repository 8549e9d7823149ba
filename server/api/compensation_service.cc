#include "server/api/compensation_service.h"

#include <google/protobuf/arena.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <array>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/batch_read_reactor.h"
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
    {"/compdata.v1.CompensationService/BatchRead", "BatchRead"},
};

}  // namespace

CompensationServiceImpl::CompensationServiceImpl(
    SnapshotSource snapshots, CompensationServiceOptions options)
    : snapshots_(std::move(snapshots)),
      options_(std::move(options)),
      responses_(options_.response_cache_entries, Admission::kOnSecondPut),
      demand_(options_.response_cache_entries),
      medians_(options_.response_cache_entries),
      tracked_(options_.response_cache_entries),
      verdicts_(options_.response_cache_entries) {
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
  verdicts_.Clear();
}

std::vector<std::pair<std::string, CacheStats>>
CompensationServiceImpl::CacheStatistics() const {
  return {{"response", responses_.Stats()},
          {"demand", demand_.Stats()},
          {"median", medians_.Stats()},
          {"tracked", tracked_.Stats()},
          {"verdict", verdicts_.Stats()}};
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

absl::StatusOr<std::shared_ptr<const engine::Snapshot>>
CompensationServiceImpl::Admit(Ctx* ctx) {
  if (options_.auth != nullptr) {
    COMPDATA_RETURN_IF_ERROR(options_.auth->Check(*ctx, Scope::kRead));
  }
  std::shared_ptr<const engine::Snapshot> snapshot = snapshots_();
  if (snapshot == nullptr) {
    return absl::UnavailableError(
        "the server is starting: no data snapshot is loaded yet");
  }
  BeforeAnswer(ctx, snapshot->version.version);
  return snapshot;
}

QueryContext CompensationServiceImpl::QueryFor(
    Ctx* ctx, const engine::Snapshot& snapshot) {
  // "Now" to the minute: one minute's answers agree, and can be cached.
  const int64_t minute = absl::ToUnixSeconds(absl::Now()) / 60;
  QueryContext query{snapshot,
                     options_.privacy_floor,
                     absl::FromUnixSeconds(minute * 60),
                     DeadlineOf(*ctx),
                     &demand_,
                     &medians_,
                     &tracked_};
  query.verdict_cache = &verdicts_;
  return query;
}

template <typename Request, typename Response>
absl::Status CompensationServiceImpl::Answer(
    Method method, Ctx* ctx, const Bytes* in, Bytes* out,
    AnswerFn<Request, Response> answer) {
  COMPDATA_ASSIGN_OR_RETURN(
      const std::shared_ptr<const engine::Snapshot> snapshot, Admit(ctx));
  grpc::Slice request_bytes;
  COMPDATA_RETURN_IF_ERROR(ReadRequest(*ctx, *in, &request_bytes));
  const QueryContext query = QueryFor(ctx, *snapshot);
  // Every RPC, cached or not, refuses a call whose deadline has passed.
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(query));
  COMPDATA_ASSIGN_OR_RETURN(
      grpc::Slice bytes,
      AnswerBytes(method, query,
                  absl::string_view(
                      reinterpret_cast<const char*>(request_bytes.begin()),
                      request_bytes.size()),
                  answer));
  *out = grpc::ByteBuffer(&bytes, 1);
  return absl::OkStatus();
}

template <typename Request, typename Response>
absl::StatusOr<grpc::Slice> CompensationServiceImpl::AnswerBytes(
    Method method, const QueryContext& query, absl::string_view raw,
    AnswerFn<Request, Response> answer) {
  // The minute is in the key even when the answer does not depend on it: it
  // costs a recompute a minute, and spares parsing the request on a hit.
  const std::string key = absl::StrCat(
      kMethodNames[method].cache_key, "|", query.snapshot.version.version, "|",
      absl::ToUnixSeconds(query.now) / 60, "|", raw);
  if (std::shared_ptr<const grpc::Slice> hit = responses_.Get(key)) {
    return *hit;
  }

  // One arena per answer: its many small messages and strings cost a
  // pointer bump each instead of a malloc and a free.
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
  ResponseParts parts;
  COMPDATA_RETURN_IF_ERROR(
      AnswerUntrimmed(query, *request, response, answer, &parts));

  grpc::Slice bytes;
  if (parts.all()) {
    bytes = grpc::Slice(response->ByteSizeLong());
    response->SerializeWithCachedSizesToArray(
        const_cast<uint8_t*>(bytes.begin()));
  } else {
    // The trim on the wire bytes: the answer never holds an unasked field.
    std::string trimmed;
    if (!parts.TrimWire(response->SerializeAsString(), &trimmed)) {
      return absl::InternalError("cannot trim the answer to its read_mask");
    }
    bytes = grpc::Slice(std::move(trimmed));
  }
  // "Unchanged" costs nothing to answer again: it keeps no entry.
  if (!response->metadata().unchanged()) {
    responses_.Put(key, std::make_shared<const grpc::Slice>(bytes));
  }
  return bytes;
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

namespace compdata::api {
namespace {

constexpr int kMaxBatchItems = 1000;

// A BatchReadResponse as bytes, without re-serialising the answer: index
// (left out when 0, as proto3 does), then `field` holding `message`.
grpc::ByteBuffer BatchResponseBytes(int index, int field,
                                    const grpc::Slice& message) {
  using google::protobuf::internal::WireFormatLite;
  using google::protobuf::io::CodedOutputStream;
  // Two one-byte tags (fields 1..4) and two 32-bit varints of at most 5.
  uint8_t head[2 * (1 + 5)];
  uint8_t* p = head;
  if (index != 0) {
    p = CodedOutputStream::WriteTagToArray(
        WireFormatLite::MakeTag(v1::BatchReadResponse::kIndexFieldNumber,
                                WireFormatLite::WIRETYPE_VARINT),
        p);
    p = CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(index),
                                                p);
  }
  p = CodedOutputStream::WriteTagToArray(
      WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED),
      p);
  p = CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(message.size()), p);
  grpc::Slice slices[] = {grpc::Slice(head, static_cast<size_t>(p - head)),
                          message};
  return grpc::ByteBuffer(slices, 2);
}

// An item's error ends the whole call when it is the call's own: its
// deadline passed or it was cancelled.
bool EndsTheCall(const absl::Status& status) {
  return status.code() == absl::StatusCode::kDeadlineExceeded ||
         status.code() == absl::StatusCode::kCancelled;
}

// What one BatchRead call answers from: the parsed request and the one
// snapshot (and minute) every item is answered from.
struct Batch {
  google::protobuf::Arena arena;
  v1::BatchReadRequest* request = nullptr;
  std::shared_ptr<const engine::Snapshot> snapshot;
  std::optional<QueryContext> query;
};

absl::Status CheckItemCount(const v1::BatchReadRequest& request) {
  if (request.items_size() < 1 || request.items_size() > kMaxBatchItems) {
    return InvalidField(
        "items", absl::StrCat("must hold 1 to ", kMaxBatchItems, " items, not ",
                              request.items_size()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<grpc::ByteBuffer> CompensationServiceImpl::AnswerItem(
    const QueryContext& query, const v1::BatchReadItem& item, int index) {
  absl::StatusOr<grpc::Slice> answer;
  int field = v1::BatchReadResponse::kErrorFieldNumber;
  std::string raw;
  switch (item.request_case()) {
    case v1::BatchReadItem::kCompareRoles:
      field = v1::BatchReadResponse::kCompareRolesFieldNumber;
      item.compare_roles().SerializeToString(&raw);
      answer = AnswerBytes(kCompareRoles, query, raw, AnswerCompareRoles);
      break;
    case v1::BatchReadItem::kSalaryDistribution:
      field = v1::BatchReadResponse::kSalaryDistributionFieldNumber;
      item.salary_distribution().SerializeToString(&raw);
      answer = AnswerBytes(kGetSalaryDistribution, query, raw,
                           AnswerSalaryDistribution);
      break;
    default:
      answer = InvalidField(absl::StrCat("items[", index, "]"),
                            "the item sets no request");
  }
  if (!answer.ok()) {
    if (EndsTheCall(answer.status())) return answer.status();
    field = v1::BatchReadResponse::kErrorFieldNumber;
    // The very google.rpc.Status the unary call would carry in its trailer.
    answer = grpc::Slice(ToGrpcStatus(answer.status()).error_details());
  }
  return BatchResponseBytes(index, field, *answer);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* CompensationServiceImpl::BatchRead(
    Ctx* ctx, const Bytes* in) {
  auto* reactor =
      new BatchReadReactor(ctx, options_.calls, kMethodNames[kBatchRead].path,
                           counters_[kBatchRead]);
  auto batch = std::make_shared<Batch>();
  absl::Status ready = [&]() -> absl::Status {
    COMPDATA_ASSIGN_OR_RETURN(batch->snapshot, Admit(ctx));
    grpc::Slice bytes;
    COMPDATA_RETURN_IF_ERROR(ReadRequest(*ctx, *in, &bytes));
    batch->request =
        google::protobuf::Arena::CreateMessage<v1::BatchReadRequest>(
            &batch->arena);
    if (!batch->request->ParseFromArray(bytes.begin(),
                                        static_cast<int>(bytes.size()))) {
      return absl::InvalidArgumentError("the request is not a valid message");
    }
    COMPDATA_RETURN_IF_ERROR(CheckItemCount(*batch->request));
    batch->query.emplace(QueryFor(ctx, *batch->snapshot));
    return CheckDeadline(*batch->query);
  }();
  if (!ready.ok()) {
    reactor->FinishNow(ready);
    return reactor;
  }
  const int items = batch->request->items_size();
  const absl::Time deadline = batch->query->deadline;
  reactor->Start(items, deadline, [this, batch](int index) {
    return AnswerItem(*batch->query, batch->request->items(index), index);
  });
  return reactor;
}

}  // namespace compdata::api
