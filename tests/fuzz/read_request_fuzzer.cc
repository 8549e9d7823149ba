// libFuzzer target for the read path. The first input byte picks a read RPC,
// the rest is its request's wire bytes, answered as CompensationService's
// Serve answers them (parse, then the RPC's Answer* function) against a small
// snapshot, with the memo caches in play. Every outcome must be an answer
// that serialises, or INVALID_ARGUMENT / NOT_FOUND naming the request field
// at fault; anything else, and any sanitizer report, is a finding.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/status_util.h"
#include "server/api/lru_cache.h"
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

template <typename Request, typename Response>
void Answer(const char* rpc, const uint8_t* data, size_t size,
            absl::Status (*answer)(const api::QueryContext&, const Request&,
                                   Response*)) {
  Request request;
  // Serve refuses bytes that do not parse before any handler runs.
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  Fixture& f = GetFixture();
  const api::QueryContext ctx{*f.snapshot,
                              kPrivacyFloor,
                              testing::MemoryNow(),
                              absl::InfiniteFuture(),
                              &f.demand,
                              &f.medians,
                              &f.tracked};
  Response response;
  const absl::Status status = answer(ctx, request, &response);
  CheckOutcome(rpc, status);
  if (!status.ok()) return;
  std::string bytes;
  if (!response.SerializeToString(&bytes)) Fail(rpc, "answer not serialisable");
  Response back;
  if (!back.ParseFromString(bytes)) Fail(rpc, "answer does not parse back");
}

}  // namespace
}  // namespace compdata::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace compdata;  // NOLINT: the target's one entry point
  if (size == 0) return 0;
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  switch (data[0] % 10) {
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
  }
  return 0;
}
