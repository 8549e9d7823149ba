#include "core/engine/offer.h"

#include <algorithm>
#include <vector>

#include "core/engine/pay_stats.h"
#include "core/engine/privacy.h"

namespace compdata::engine {
namespace {

Amount CentsAmount(int64_t cents) {
  return Amount{static_cast<double>(cents) / 100, cents};
}

}  // namespace

RankCounts CountAround(absl::Span<const absl::Span<const double>> arrays,
                       int64_t half_cents) {
  RankCounts c;
  // Compared in whole half cents, as stored: a double compare could put a
  // value equal to the offer on either side of it.
  for (absl::Span<const double> a : arrays) {
    const auto first =
        std::lower_bound(a.begin(), a.end(), half_cents,
                         [](double v, int64_t x) { return HalfCents(v) < x; });
    const auto last =
        std::upper_bound(first, a.end(), half_cents,
                         [](int64_t x, double v) { return x < HalfCents(v); });
    c.below += first - a.begin();
    c.equal += last - first;
    c.n += static_cast<int64_t>(a.size());
  }
  return c;
}

double MidRank(const RankCounts& c) {
  // Both terms are whole numbers far below 2^53, so the one division is
  // the only rounding: PostgreSQL's float8 division of the same counts.
  return static_cast<double>(100 * (2 * c.below + c.equal)) /
         static_cast<double>(2 * c.n);
}

int64_t ComparedCents(int64_t offer_cents, bool market_has_reports) {
  return market_has_reports ? BandedCents(offer_cents) : offer_cents;
}

OfferPosition PositionOf(int64_t cents, const OfferPercentiles& p) {
  int at_or_below = 0;
  for (const Amount& a : p) at_or_below += a.cents <= cents ? 1 : 0;
  return static_cast<OfferPosition>(1 + at_or_below);
}

Counter CounterFor(OfferPosition position, const Amount& offer,
                   const OfferPercentiles& p) {
  switch (position) {
    case OfferPosition::kBelowP10:
    case OfferPosition::kP10ToP25:
    case OfferPosition::kP25ToMedian:
      return Counter{CounterRule::kRaiseToMedian, p[kMedian], p[kP75]};
    case OfferPosition::kMedianToP75:
      return Counter{CounterRule::kReachUpperQuartile, p[kP75], p[kP90]};
    case OfferPosition::kP75ToP90:
      return Counter{CounterRule::kUpToP90,
                     offer.cents <= p[kP90].cents ? offer : p[kP90], p[kP90]};
    case OfferPosition::kAtOrAboveP90:
      return Counter{CounterRule::kAtMarketTop, offer, offer};
    case OfferPosition::kUnspecified:
      break;
  }
  return Counter{};
}

OfferEvaluation EvaluateOffer(const PaySample& market, int64_t offer_cents,
                              int privacy_floor) {
  const std::vector<double> percentiles(kOfferPercentiles.begin(),
                                        kOfferPercentiles.end());
  const PayStats stats = ComputePayStats(market, percentiles, privacy_floor);
  OfferEvaluation e;
  e.quality = stats.quality;
  e.banded = market.reports > 0;
  e.compared_cents = ComparedCents(offer_cents, e.banded);
  if (e.quality.withheld()) return e;
  std::copy(stats.percentiles.begin(), stats.percentiles.end(),
            e.percentiles.begin());
  e.percentile_rank =
      MidRank(CountAround(market.arrays(), 2 * e.compared_cents));
  e.position = PositionOf(e.compared_cents, e.percentiles);
  const Amount offer = CentsAmount(offer_cents);
  e.counter = CounterFor(e.position, offer, e.percentiles);
  e.gap_to_median = ShownDifference(offer, e.percentiles[kMedian]);
  return e;
}

}  // namespace compdata::engine
