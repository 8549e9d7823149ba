#ifndef COMPDATA_CORE_ENGINE_PREMIUM_H_
#define COMPDATA_CORE_ENGINE_PREMIUM_H_

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "core/engine/pay_sample.h"
#include "core/engine/quality.h"

namespace compdata::engine {

// Mirrors the API's SkillImpact and IntervalMethod numbering.
enum class Impact {
  kUnspecified = 0,
  kLow = 1,
  kMedium = 2,
  kHigh = 3,
  kNegative = 4
};
enum class IntervalMethod { kPercentileBootstrap = 1, kOrderStatistic = 2 };

// Groups with more postings than this together use the order-statistic
// interval: 2,000 bootstrap resamples of a large group cost seconds.
inline constexpr int64_t kBootstrapLimit = 10000;
inline constexpr int kBootstrapResamples = 2000;
inline constexpr double kIntervalLevel = 0.95;
// Impact: HIGH when the interval is above 0 and the premium is at least
// kHighImpact of the median without the skill, MEDIUM at kMediumImpact.
inline constexpr double kHighImpact = 0.10;
inline constexpr double kMediumImpact = 0.03;

struct Premium {
  int32_t skill = 0;
  double share = 0;  // of the sample's postings listing the skill
  int64_t with = 0;
  int64_t without = 0;
  Quality quality;
  Amount median_with;
  Amount median_without;
  Amount premium;  // as shown: median_with - median_without in cents
  double fraction = 0;
  Amount low;
  Amount high;
  IntervalMethod method = IntervalMethod::kPercentileBootstrap;
  Impact impact = Impact::kUnspecified;
};

// The skills each of a role's postings lists, copied in pay order from the
// snapshot's columns in one pass (the columns are in record order, the
// postings in pay order: every later pass reads this sequentially).
struct PostingSkills {
  std::vector<uint32_t> offsets;  // pay.size() + 1 entries
  std::vector<int32_t> skills;    // skill indexes
  std::vector<int64_t> counts;    // postings listing each skill
};
PostingSkills CollectPostingSkills(const Snapshot& s,
                                   const std::vector<PostingPay>& pay);

// Median pay with vs without each skill among `pay` (a role's postings,
// ascending; `listed` their skills). `seed` fixes the bootstrap; skills keep
// their given order. `expired` is asked before each skill: once it says
// yes the computation stops with DEADLINE_EXCEEDED (a caller that gave up
// frees the CPU). Without `intervals` no interval is computed (low, high
// and method stay at their defaults) and so no impact label (kUnspecified).
absl::StatusOr<std::vector<Premium>> ComputePremiums(
    const std::vector<PostingPay>& pay, const PostingSkills& listed,
    const std::vector<int32_t>& skills, int64_t min_sample, uint64_t seed,
    absl::FunctionRef<bool()> expired, bool intervals = true);

// The skills most often listed, descending count, ties by slug.
std::vector<int32_t> TopSkills(const Snapshot& s, const PostingSkills& listed,
                               int n);

Impact ImpactFor(double fraction, double low, double high);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PREMIUM_H_
