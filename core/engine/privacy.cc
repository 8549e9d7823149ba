#include "core/engine/privacy.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace compdata::engine {
namespace {

// Far above any pay the ingest limits accept (they cap annual amounts), so
// every accepted value has a band.
constexpr int64_t kLastBandEdgeCents = int64_t{1} << 52;

const std::vector<int64_t>& Edges() {
  static const auto* edges = [] {
    auto* e = new std::vector<int64_t>{kFirstBandEdgeCents};
    while (e->back() < kLastBandEdgeCents)
      e->push_back(e->back() + e->back() / 10);
    return e;
  }();
  return *edges;
}

}  // namespace

PayBand BandOf(int64_t cents) {
  const std::vector<int64_t>& edges = Edges();
  if (cents < edges.front()) return PayBand{0, edges.front(), 0};
  // The last edge not above `cents`.
  auto it = std::upper_bound(edges.begin(), edges.end(), cents) - 1;
  if (it + 1 == edges.end()) {
    return PayBand{*it, std::numeric_limits<int64_t>::max(), *it};
  }
  return PayBand{*it, *(it + 1), (*it + *(it + 1)) / 2};
}

int64_t BandedCents(int64_t cents) {
  return BandOf(cents).representative_cents;
}

double NarrowestRelativeBand() {
  const std::vector<int64_t>& edges = Edges();
  double narrowest = 1;
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    // Relative to the largest value in the band, where it is smallest.
    narrowest =
        std::min(narrowest, static_cast<double>(edges[k + 1] - edges[k]) /
                                static_cast<double>(edges[k + 1]));
  }
  return narrowest;
}

}  // namespace compdata::engine
