#ifndef COMPDATA_SERVER_API_READ_ANSWER_H_
#define COMPDATA_SERVER_API_READ_ANSWER_H_

// What every read request goes through around its Answer* function
// (read_handlers.h), unary or as an item of a BatchRead: its read_mask
// checked and handed to the handler as the parts to build, its
// known_version compared with the answer's version (equal: metadata only,
// nothing computed), and the answer stamped with its version and trimmed to
// the mask. No gRPC: the unit tests and the fuzzer answer the same way.

#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "common/status_util.h"
#include "server/api/answer_version.h"
#include "server/api/proto_fill.h"
#include "server/api/query_context.h"
#include "server/api/response_parts.h"

namespace compdata::api {

template <typename Request, typename Response>
using AnswerFn = absl::Status (*)(const QueryContext&, const Request&,
                                  Response*);

namespace internal {

template <typename Request, typename = void>
struct HasReadMask : std::false_type {};
template <typename Request>
struct HasReadMask<Request,
                   std::void_t<decltype(std::declval<Request>().read_mask())>>
    : std::true_type {};

// A bad request still gets its error when its known_version matches: the
// handler runs with only `metadata` asked, so it validates the request and
// builds next to nothing, and its answer is dropped.
template <typename Request, typename Response>
absl::Status Validate(const QueryContext& ctx, const Request& request,
                      absl::Status (*answer)(const QueryContext&,
                                             const Request&, Response*)) {
  static const ResponseParts* const kMetadataOnly = [] {
    google::protobuf::FieldMask mask;
    mask.add_paths("metadata");
    return new ResponseParts(
        *ResponseParts::Parse(mask, *Response::descriptor()));
  }();
  QueryContext validating = ctx;
  validating.parts = kMetadataOnly;
  Response scratch;
  return answer(validating, request, &scratch);
}

// The request's read_mask checked against Response; every part when the
// request has none (or its RPC takes none).
template <typename Response, typename Request>
absl::StatusOr<ResponseParts> PartsOf(const Request& request) {
  if constexpr (HasReadMask<Request>::value) {
    if (request.has_read_mask()) {
      return ResponseParts::Parse(request.read_mask(), *Response::descriptor());
    }
  }
  return ResponseParts();
}

}  // namespace internal

// Answers `request` from ctx's snapshot through `answer`, all but the
// trim: the handler built what *parts asks for (and maybe more), and the
// caller trims the answer to *parts. The service trims the serialised
// answer (ResponseParts::TrimWire); AnswerRead below the message.
template <typename Request, typename Response>
absl::Status AnswerUntrimmed(const QueryContext& ctx, const Request& request,
                             Response* response,
                             AnswerFn<Request, Response> answer,
                             ResponseParts* parts) {
  COMPDATA_ASSIGN_OR_RETURN(*parts, internal::PartsOf<Response>(request));
  std::string version = AnswerVersion(ctx.snapshot.version, ctx.privacy_floor,
                                      DependsOnNow(request), ctx.now);
  v1::ResponseMetadata* metadata = response->mutable_metadata();
  if (!request.known_version().empty() && request.known_version() == version) {
    COMPDATA_RETURN_IF_ERROR(internal::Validate(ctx, request, answer));
    ToProto(ctx.snapshot.version, ctx.privacy_floor, metadata);
    metadata->set_answer_version(std::move(version));
    metadata->set_unchanged(true);
    return absl::OkStatus();
  }
  QueryContext masked = ctx;
  masked.parts = parts->all() ? nullptr : parts;
  COMPDATA_RETURN_IF_ERROR(answer(masked, request, response));
  // Each handler names its snapshot; one that did not still gets it here.
  if (metadata->data_version().empty()) {
    ToProto(ctx.snapshot.version, ctx.privacy_floor, metadata);
  }
  metadata->set_answer_version(std::move(version));
  return absl::OkStatus();
}

// The whole answer: AnswerUntrimmed, then trimmed to the request's mask.
template <typename Request, typename Response>
absl::Status AnswerRead(const QueryContext& ctx, const Request& request,
                        Response* response,
                        AnswerFn<Request, Response> answer) {
  ResponseParts parts;
  COMPDATA_RETURN_IF_ERROR(
      AnswerUntrimmed(ctx, request, response, answer, &parts));
  parts.Trim(response);
  return absl::OkStatus();
}

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_READ_ANSWER_H_
