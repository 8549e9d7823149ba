// libFuzzer target for the read path. The first input byte picks a read RPC,
// the rest is its request's wire bytes, answered as CompensationService's
// Serve answers them (parse, then AnswerRead around the RPC's Answer*
// function: read_mask, known_version) against a small snapshot, with the
// memo caches in play. A BatchRead request has each of its items answered
// the same way. Every outcome must be an answer that serialises, or
// INVALID_ARGUMENT / NOT_FOUND naming the request field at fault; anything
// else, and any sanitizer report, is a finding.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "server/api/lru_cache.h"
#include "server/api/read_answer.h"
#include "server/api/read_handlers.h"
#include "tests/support/memory_snapshot.h"

namespace compdata::fuzz {
namespace {

constexpr int kPrivacyFloor = 5;  // the server's default

struct Fixture {
  std::shared_ptr<const engine::Snapshot> snapshot =
      testing::MakeMemorySnapshot();
  // Small, so that eviction runs too.
  api::DemandCache demand{32};
  api::MedianCache medians{32};
  api::CountCache tracked{32};
};

Fixture& GetFixture() {
  static Fixture* fixture = new Fixture;
  return *fixture;
}

[[noreturn]] void Fail(const char* rpc, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", rpc, what.c_str());
  std::abort();
}

void CheckOutcome(const char* rpc, const absl::Status& status) {
  if (status.ok()) return;
  if (status.code() != absl::StatusCode::kInvalidArgument &&
      status.code() != absl::StatusCode::kNotFound) {
    Fail(rpc, "unexpected status " + status.ToString());
  }
  const std::optional<std::string> field = FieldOf(status);
  if (!field.has_value() || field->empty()) {
    Fail(rpc, "an error that names no field: " + status.ToString());
  }
  if (status.message().empty()) Fail(rpc, "an error without a message");
}

api::QueryContext Context() {
  Fixture& f = GetFixture();
  return api::QueryContext{*f.snapshot,
                           kPrivacyFloor,
                           testing::MemoryNow(),
                           absl::InfiniteFuture(),
                           &f.demand,
                           &f.medians,
                           &f.tracked};
}

template <typename Request, typename Response>
void AnswerParsed(const char* rpc, const Request& request,
                  api::AnswerFn<Request, Response> answer) {
  Response response;
  const absl::Status status =
      api::AnswerRead(Context(), request, &response, answer);
  CheckOutcome(rpc, status);
  if (!status.ok()) return;
  std::string bytes;
  if (!response.SerializeToString(&bytes)) Fail(rpc, "answer not serialisable");
  Response back;
  if (!back.ParseFromString(bytes)) Fail(rpc, "answer does not parse back");
}

template <typename Request, typename Response>
void Answer(const char* rpc, const uint8_t* data, size_t size,
            api::AnswerFn<Request, Response> answer) {
  Request request;
  // Serve refuses bytes that do not parse before any handler runs.
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  AnswerParsed(rpc, request, answer);
}

// As the service answers a batch's items (CompensationServiceImpl::
// AnswerItem): each by its own RPC's path; an item without a request is
// refused naming items[i].
void AnswerBatch(const uint8_t* data, size_t size) {
  v1::BatchReadRequest batch;
  if (!batch.ParseFromArray(data, static_cast<int>(size))) return;
  for (int i = 0; i < batch.items_size() && i < 50; ++i) {
    const v1::BatchReadItem& item = batch.items(i);
    switch (item.request_case()) {
      case v1::BatchReadItem::kCompareRoles:
        AnswerParsed("BatchRead compare_roles", item.compare_roles(),
                     api::AnswerCompareRoles);
        break;
      case v1::BatchReadItem::kSalaryDistribution:
        AnswerParsed("BatchRead salary_distribution",
                     item.salary_distribution(), api::AnswerSalaryDistribution);
        break;
      default:
        break;  // the service's own INVALID_ARGUMENT, field items[i]
    }
  }
}

}  // namespace
}  // namespace compdata::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace compdata;  // NOLINT: the target's one entry point
  if (size == 0) return 0;
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  switch (data[0] % 11) {
    case 0:
      fuzz::Answer("ListRoles", body, n, api::AnswerListRoles);
      break;
    case 1:
      fuzz::Answer("GetRole", body, n, api::AnswerGetRole);
      break;
    case 2:
      fuzz::Answer("GetSalaryDistribution", body, n,
                   api::AnswerSalaryDistribution);
      break;
    case 3:
      fuzz::Answer("CompareRoles", body, n, api::AnswerCompareRoles);
      break;
    case 4:
      fuzz::Answer("GetSkillOverlap", body, n, api::AnswerSkillOverlap);
      break;
    case 5:
      fuzz::Answer("GetSkillPremiums", body, n, api::AnswerSkillPremiums);
      break;
    case 6:
      fuzz::Answer("GetCareerPath", body, n, api::AnswerCareerPath);
      break;
    case 7:
      fuzz::Answer("GetSalaryTrend", body, n, api::AnswerSalaryTrend);
      break;
    case 8:
      fuzz::Answer("EvaluateOffer", body, n, api::AnswerEvaluateOffer);
      break;
    case 9:
      fuzz::Answer("GetRelatedRoles", body, n, api::AnswerRelatedRoles);
      break;
    case 10:
      fuzz::AnswerBatch(body, n);
      break;
  }
  return 0;
}
