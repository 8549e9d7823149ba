// Order statistics over the union of several ascending arrays without
// merging them: the pay groups of a request are each kept sorted in the
// snapshot, and a percentile is answered by selection across them.

#include "core/engine/sorted_selection.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/engine/percentile_rank.h"

namespace compdata::engine {
namespace {

using Arrays = absl::Span<const absl::Span<const double>>;

// Up to this many windows KthOfSorted eliminates one window at a time.
constexpr size_t kFewWindows = 8;

// A [lo, hi) window into one of the arrays given to KthOfSorted.
struct Window {
  const double* lo = nullptr;
  const double* hi = nullptr;
  int64_t size() const { return hi - lo; }
};

// A window's middle value and size, for choosing a pivot.
struct Candidate {
  double value = 0;
  int64_t weight = 0;
};

// Scratch space that lives on the stack for the usual handful of arrays.
template <typename T>
class Scratch {
 public:
  explicit Scratch(size_t n) {
    if (n > kInline) heap_.resize(n);
  }
  T* data() { return heap_.empty() ? inline_.data() : heap_.data(); }

 private:
  static constexpr size_t kInline = 16;
  std::array<T, kInline> inline_{};
  std::vector<T> heap_;
};

// How many of the k + 1 smallest of a and b come from a, by bisection in
// O(log min(na, nb)): taking i from a and k + 1 - i from b is right exactly
// when a[i] >= b[k - i] first holds.
int64_t SplitOfTwo(const double* a, int64_t na, const double* b, int64_t nb,
                   int64_t k) {
  int64_t lo = std::max<int64_t>(0, k + 1 - nb);
  int64_t hi = std::min<int64_t>(k + 1, na);
  while (lo < hi) {
    const int64_t i = lo + (hi - lo) / 2;
    if (a[i] < b[k - i]) {
      lo = i + 1;
    } else {
      hi = i;
    }
  }
  return lo;
}

// The largest of the i smallest of a and the j smallest of b (i + j > 0).
double LastOfSplit(const double* a, int64_t i, const double* b, int64_t j) {
  if (i == 0) return b[j - 1];
  if (j == 0) return a[i - 1];
  return std::max(a[i - 1], b[j - 1]);
}

// The k-th smallest of two sorted arrays, k < na + nb. Requests mostly
// select two arrays (one per data source), where this beats the general
// rounds below ~40 times.
double KthOfTwo(const double* a, int64_t na, const double* b, int64_t nb,
                int64_t k) {
  const int64_t i = SplitOfTwo(a, na, b, nb, k);
  return LastOfSplit(a, i, b, k + 1 - i);
}

// Values < x in all windows.
int64_t CountLess(const Window* windows, size_t m, double x) {
  int64_t n = 0;
  for (size_t i = 0; i < m; ++i) {
    n += std::lower_bound(windows[i].lo, windows[i].hi, x) - windows[i].lo;
  }
  return n;
}

// Values <= x in all windows.
int64_t CountNotMore(const Window* windows, size_t m, double x) {
  int64_t n = 0;
  for (size_t i = 0; i < m; ++i) {
    n += std::upper_bound(windows[i].lo, windows[i].hi, x) - windows[i].lo;
  }
  return n;
}

// Keeps in every window only the values in (after, before); a missing bound
// is open.
void Narrow(Window* windows, size_t m, const double* after,
            const double* before) {
  for (size_t i = 0; i < m; ++i) {
    if (after != nullptr) {
      windows[i].lo = std::upper_bound(windows[i].lo, windows[i].hi, *after);
    }
    if (before != nullptr) {
      windows[i].hi = std::lower_bound(windows[i].lo, windows[i].hi, *before);
    }
  }
}

// For a few windows (per-level and filtered requests select 3 to 8): bisects
// the largest window W for the first value whose count of values <= it
// passes k. Either that value is the k-th, or the k-th lies strictly between
// two neighbours of W, where W has nothing: narrowing every window to that
// gap removes W, and the rest continues with one window fewer, down to two.
// O(m^2 log^2 n), against the general rounds' O(log N) rounds.
bool EliminateLargest(Window* windows, size_t m, int64_t* k, double* answer) {
  size_t w = 0;
  for (size_t i = 1; i < m; ++i) {
    if (windows[i].size() > windows[w].size()) w = i;
  }
  const double* lo = windows[w].lo;
  const double* hi = windows[w].hi;
  while (lo < hi) {  // first position in W with count(<= value) > k
    const double* mid = lo + (hi - lo) / 2;
    if (CountNotMore(windows, m, *mid) > *k) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const double* before = lo == windows[w].hi ? nullptr : lo;
  const double* after = lo == windows[w].lo ? nullptr : lo - 1;
  if (before != nullptr && CountLess(windows, m, *before) <= *k) {
    *answer = *before;
    return true;
  }
  const double after_value = after != nullptr ? *after : 0;
  if (after != nullptr) *k -= CountNotMore(windows, m, after_value);
  const double before_value = before != nullptr ? *before : 0;
  Narrow(windows, m, after != nullptr ? &after_value : nullptr,
         before != nullptr ? &before_value : nullptr);
  return false;
}

// The median, weighted by window size, of the windows' middle values.
// `candidates` is scratch of m entries.
double WeightedMedianOfMiddles(const Window* windows, size_t m, int64_t total,
                               Candidate* candidates) {
  for (size_t i = 0; i < m; ++i) {
    candidates[i] = {windows[i].lo[windows[i].size() / 2], windows[i].size()};
  }
  std::sort(
      candidates, candidates + m,
      [](const Candidate& a, const Candidate& b) { return a.value < b.value; });
  int64_t weight = 0;
  for (size_t c = 0; c < m; ++c) {
    weight += candidates[c].weight;
    if (2 * weight >= total) return candidates[c].value;
  }
  return candidates[m - 1].value;
}

}  // namespace

// Narrows one [lo, hi) window per array around the answer. Each general
// round takes as pivot the weighted median (by window size) of the windows'
// middle values, counts in every window the values < pivot and <= pivot
// with binary searches, and then either returns the pivot (it is the k-th),
// or keeps only the values < pivot, or only those > pivot (adjusting k). At
// least half of the windows' weight has its middle on either side of the
// pivot, and half of each such window lies on that side, so a round drops at
// least a quarter of the remaining values: O(log N) rounds of
// O(m log n + m log m). Two windows left go to KthOfTwo, a few to
// EliminateLargest.
double KthOfSorted(Arrays arrays, int64_t k) {
  size_t m = arrays.size();
  // The usual request (one array per data source), without the set-up below.
  if (m == 2 && !arrays[0].empty() && !arrays[1].empty()) {
    assert(k >= 0 &&
           k < static_cast<int64_t>(arrays[0].size() + arrays[1].size()));
    return KthOfTwo(arrays[0].data(), arrays[0].size(), arrays[1].data(),
                    arrays[1].size(), k);
  }
  Scratch<Window> window_scratch(m);
  Window* windows = window_scratch.data();
  int64_t total = 0;
  for (size_t i = 0; i < m; ++i) {
    windows[i].lo = arrays[i].data();
    windows[i].hi = arrays[i].data() + arrays[i].size();
    total += windows[i].size();
  }
  assert(k >= 0 && k < total);
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  k = std::clamp<int64_t>(k, 0, total - 1);

  Scratch<Candidate> candidate_scratch(m);
  Candidate* candidates = candidate_scratch.data();
  while (true) {
    // Invariant: the answer is the k-th smallest of the windows' union,
    // which holds `total` values, total > k.
    size_t live = 0;  // windows with values, moved to the front
    for (size_t i = 0; i < m; ++i) {
      if (windows[i].size() > 0) windows[live++] = windows[i];
    }
    m = live;
    if (m == 1) return windows[0].lo[k];
    if (m == 2) {
      return KthOfTwo(windows[0].lo, windows[0].size(), windows[1].lo,
                      windows[1].size(), k);
    }
    if (m <= kFewWindows) {
      double answer;
      if (EliminateLargest(windows, m, &k, &answer)) return answer;
      continue;
    }
    double pivot = WeightedMedianOfMiddles(windows, m, total, candidates);

    const int64_t less = CountLess(windows, m, pivot);
    const int64_t not_more = CountNotMore(windows, m, pivot);
    if (k >= less && k < not_more) return pivot;
    if (k < less) {
      Narrow(windows, m, nullptr, &pivot);
      total = less;
    } else {
      Narrow(windows, m, &pivot, nullptr);
      k -= not_more;
      total -= not_more;
    }
  }
}

std::pair<double, double> NeighboursOfSorted(Arrays arrays, const Rank& rank) {
  if (arrays.size() == 2 && !arrays[0].empty() && !arrays[1].empty() &&
      rank.rem != 0) {
    // Both neighbours from one split: the (k+1)-th is the smaller of the
    // next value of either array.
    const double* a = arrays[0].data();
    const double* b = arrays[1].data();
    const int64_t na = arrays[0].size();
    const int64_t nb = arrays[1].size();
    const int64_t i = SplitOfTwo(a, na, b, nb, rank.first);
    const int64_t j = rank.first + 1 - i;
    const double kth = LastOfSplit(a, i, b, j);
    return {kth, i == na ? b[j] : j == nb ? a[i] : std::min(a[i], b[j])};
  }
  const double lo = KthOfSorted(arrays, rank.first);
  if (rank.rem == 0) return {lo, lo};
  return {lo, KthOfSorted(arrays, rank.first + 1)};
}

int64_t TotalSize(Arrays arrays) {
  int64_t total = 0;
  for (absl::Span<const double> array : arrays) {
    total += static_cast<int64_t>(array.size());
  }
  return total;
}

double PercentileContOfSorted(Arrays arrays, double p) {
  const int64_t total = TotalSize(arrays);
  assert(total > 0);
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const Rank rank = RankOf(total, p);
  const auto [lo, hi] = NeighboursOfSorted(arrays, rank);
  return rank.rem == 0 ? lo : Interpolate(lo, hi, rank.frac);
}

}  // namespace compdata::engine
