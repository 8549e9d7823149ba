#ifndef COMPDATA_CORE_ENGINE_OFFER_H_
#define COMPDATA_CORE_ENGINE_OFFER_H_

// One pay offer placed in a market sample (EvaluateOffer): its mid-rank
// percentile rank, its position among the market's p10..p90, the counter
// rule and range that position gives, and the gap to the median.
//
// Privacy (D10): the market's reports enter banded, as everywhere; and when
// the market holds any report the offer itself is compared at the midpoint
// of its own pay band, so every offer inside one band gets the same rank,
// position and rule. An offer sweeping across a report's band then cannot
// tell where in the band the report lies: the rank moves only when the
// offer's band does, and a report counts at its band's midpoint.

#include <array>
#include <cstdint>
#include <optional>

#include "absl/types/span.h"
#include "core/engine/money.h"
#include "core/engine/pay_sample.h"
#include "core/engine/quality.h"

namespace compdata::engine {

// Mirrors the API's OfferPosition numbering.
enum class OfferPosition {
  kUnspecified = 0,
  kBelowP10 = 1,
  kP10ToP25 = 2,
  kP25ToMedian = 3,
  kMedianToP75 = 4,
  kP75ToP90 = 5,
  kAtOrAboveP90 = 6
};

// Mirrors the API's CounterRule numbering.
enum class CounterRule {
  kUnspecified = 0,
  kRaiseToMedian = 1,
  kReachUpperQuartile = 2,
  kUpToP90 = 3,
  kAtMarketTop = 4
};

// The market percentiles an offer is placed among (D4), ascending.
inline constexpr std::array<double, 5> kOfferPercentiles = {10, 25, 50, 75, 90};
// Indexes into them.
inline constexpr int kP10 = 0, kP25 = 1, kMedian = 2, kP75 = 3, kP90 = 4;
using OfferPercentiles = std::array<Amount, kOfferPercentiles.size()>;

// Market values below and equal to a value, of n.
struct RankCounts {
  int64_t below = 0;
  int64_t equal = 0;
  int64_t n = 0;
};

// The counts around `half_cents` over ascending arrays of stored pay values
// (whole half cents, core/engine/money.h), compared exactly.
RankCounts CountAround(absl::Span<const absl::Span<const double>> arrays,
                       int64_t half_cents);

// 100 (below + equal / 2) / n: exact counts, one division. n > 0.
double MidRank(const RankCounts& counts);

// The cents an offer is compared at: the midpoint of its pay band (D10,
// core/engine/privacy.h) when the market holds self-reported pay, else the
// offer itself.
int64_t ComparedCents(int64_t offer_cents, bool market_has_reports);

// Where `cents` falls among the percentiles as shown (to the cent): the
// number of them at or below it decides, so ties move the offer up.
OfferPosition PositionOf(int64_t cents, const OfferPercentiles& p);

struct Counter {
  CounterRule rule = CounterRule::kUnspecified;
  Amount low;
  Amount high;
};

// The rule of a position and its range (CounterRule in the contract):
// below the median -> median..p75; median..p75 -> p75..p90; p75..p90 ->
// the offer..p90 (the offer capped at p90: a banded comparison may place an
// offer just above p90 in this rule); at or above p90 -> the offer itself.
Counter CounterFor(OfferPosition position, const Amount& offer,
                   const OfferPercentiles& p);

struct OfferEvaluation {
  Quality quality;  // of the market sample (D6, D7)
  // The offer as compared: banded when the market holds any report.
  int64_t compared_cents = 0;
  bool banded = false;
  // The rest only when the market is not withheld.
  std::optional<double> percentile_rank;
  OfferPercentiles percentiles;  // p10, p25, median, p75, p90
  OfferPosition position = OfferPosition::kUnspecified;
  Counter counter;
  Amount gap_to_median;  // offer - median, both as shown
};

// `offer_cents`: the annualised offer, in the market's currency and
// component. The percentiles are the ones GetSalaryDistribution shows for
// the same sample (ComputePayStats).
OfferEvaluation EvaluateOffer(const PaySample& market, int64_t offer_cents,
                              int privacy_floor);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_OFFER_H_
