// The thresholds the engine computes with are the ones the contract
// publishes: each is read back from the proto's comments, so changing a
// constant without the documentation (or the reverse) fails here.

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_format.h"
#include "common/file_util.h"
#include "core/engine/premium.h"
#include "core/engine/verdict.h"

namespace compdata::engine {
namespace {

std::string Contract() {
  absl::StatusOr<std::string> text = ReadFileToString(
      COMPDATA_SOURCE_DIR "/proto/compdata/v1/compensation_service.proto");
  EXPECT_TRUE(text.ok()) << text.status();
  return text.value_or("");
}

std::string Number(double v) { return absl::StrFormat("%.2f", v); }

TEST(DocumentedThresholdsTest, VerdictOutcomes) {
  const std::string proto = Contract();
  const std::string pay = absl::StrFormat(
      "pay / counts: NEARLY_EQUAL d < %s, SLIGHT_LEAD %s <= d < %s,\n"
      "//                 CLEAR_LEAD d >= %s",
      Number(kRelativeSlight), Number(kRelativeSlight), Number(kRelativeClear),
      Number(kRelativeClear));
  const std::string shares = absl::StrFormat(
      "shares:       NEARLY_EQUAL d < %s, SLIGHT_LEAD %s <= d < %s,\n"
      "//                 CLEAR_LEAD d >= %s",
      Number(kShareSlight), Number(kShareSlight), Number(kShareClear),
      Number(kShareClear));
  EXPECT_NE(proto.find(pay), std::string::npos) << pay;
  EXPECT_NE(proto.find(shares), std::string::npos) << shares;
}

TEST(DocumentedThresholdsTest, SkillImpact) {
  const std::string proto = Contract();
  for (const std::string& rule :
       {absl::StrFormat("HIGH      low > 0 and f >= %s", Number(kHighImpact)),
        absl::StrFormat("MEDIUM    low > 0 and f >= %s",
                        Number(kMediumImpact))}) {
    EXPECT_NE(proto.find(rule), std::string::npos) << rule;
  }
  // And the computation follows them.
  EXPECT_EQ(ImpactFor(kHighImpact, 1, 2), Impact::kHigh);
  EXPECT_EQ(ImpactFor(kMediumImpact, 1, 2), Impact::kMedium);
  EXPECT_EQ(ImpactFor(kMediumImpact - 1e-9, 1, 2), Impact::kLow);
}

TEST(DocumentedThresholdsTest, VerdictsFollowThem) {
  auto outcome = [](VerdictMetric metric, double a, double b) {
    return ComputeVerdict(metric, {{true, a, 100}, {true, b, 100}}).outcome;
  };
  // Just above and just below each threshold (binary fractions are not
  // exact, so "at" the threshold is left alone).
  constexpr double kEps = 1e-9;
  const VerdictMetric pay = VerdictMetric::kMedianPay;
  EXPECT_EQ(outcome(pay, 1, 1 + kRelativeClear + kEps),
            VerdictOutcome::kClearLead);
  EXPECT_EQ(outcome(pay, 1, 1 + kRelativeClear - kEps),
            VerdictOutcome::kSlightLead);
  EXPECT_EQ(outcome(pay, 1, 1 + kRelativeSlight + kEps),
            VerdictOutcome::kSlightLead);
  EXPECT_EQ(outcome(pay, 1, 1 + kRelativeSlight - kEps),
            VerdictOutcome::kNearlyEqual);
  const VerdictMetric share = VerdictMetric::kRemoteShare;
  EXPECT_EQ(outcome(share, 0.2, 0.2 + kShareClear + kEps),
            VerdictOutcome::kClearLead);
  EXPECT_EQ(outcome(share, 0.2, 0.2 + kShareClear - kEps),
            VerdictOutcome::kSlightLead);
  EXPECT_EQ(outcome(share, 0.2, 0.2 + kShareSlight + kEps),
            VerdictOutcome::kSlightLead);
  EXPECT_EQ(outcome(share, 0.2, 0.2 + kShareSlight - kEps),
            VerdictOutcome::kNearlyEqual);
}

}  // namespace
}  // namespace compdata::engine
