#include "server/engine/stats.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/types/span.h"

namespace compdata::engine {
namespace {

using Arrays = absl::Span<const absl::Span<const double>>;

// Where percentile p falls among n sorted values, computed exactly as
// PostgreSQL's percentile_cont does for float8: with q = p / 100 (the
// float8 argument), h = q * (n - 1), first row floor(h), proportion
// h - floor(h).
struct Rank {
  int64_t first = 0;
  double frac = 0;  // 0 when h is an integer: no second row is read.
};

Rank RankOf(int64_t n, double p) {
  assert(n > 0);
  assert(p >= 0 && p <= 100);
  // Out-of-range (or NaN) percentiles are clamped rather than left undefined.
  if (!(p >= 0)) p = 0;
  if (!(p <= 100)) p = 100;
  const double h = (p / 100) * static_cast<double>(n - 1);
  const double first = std::floor(h);
  Rank rank;
  rank.first = std::min(static_cast<int64_t>(first), n - 1);
  rank.frac = h - first;
  if (rank.first == n - 1) rank.frac = 0;
  return rank;
}

// PostgreSQL's float8_lerp: lo + pct * (hi - lo).
double Interpolate(double lo, double hi, double frac) {
  return lo + frac * (hi - lo);
}

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

// xoshiro256** (Blackman and Vigna), seeded through splitmix64. Fixed
// algorithm so that a seed gives the same draws on every platform.
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    for (uint64_t& word : s_) word = SplitMix64(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // 32 random bits: the two halves of Next() in turn.
  uint32_t Next32() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const uint64_t x = Next();
    spare_ = static_cast<uint32_t>(x);
    has_spare_ = true;
    return static_cast<uint32_t>(x >> 32);
  }

  // Uniform in [0, n), n > 0: Lemire's multiply-shift with rejection, so
  // without modulo bias.
  uint64_t Uniform(uint64_t n) {
    assert(n > 0);
    if (n <= std::numeric_limits<uint32_t>::max()) {
      const uint32_t range = static_cast<uint32_t>(n);
      uint64_t m = uint64_t{Next32()} * range;
      uint32_t low = static_cast<uint32_t>(m);
      if (low < range) {
        const uint32_t threshold = (0u - range) % range;
        while (low < threshold) {
          m = uint64_t{Next32()} * range;
          low = static_cast<uint32_t>(m);
        }
      }
      return m >> 32;
    }
    // Wider ranges (not expected for pay samples): rejection on modulo.
    const uint64_t limit = std::numeric_limits<uint64_t>::max() -
                           std::numeric_limits<uint64_t>::max() % n;
    uint64_t x = Next();
    while (x >= limit) x = Next();
    return x % n;
  }

 private:
  static uint64_t SplitMix64(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
  uint32_t spare_ = 0;
  bool has_spare_ = false;
};

// Resamples `sorted` with replacement and returns the resample's
// percentile_cont at `rank`. Draws how often each index is picked instead of
// the values themselves: as `sorted` is ascending, walking the counts in
// index order visits the resample in ascending order, so no sort is needed.
// `counts` is scratch of sorted.size().
double ResampledPercentile(absl::Span<const double> sorted, const Rank& rank,
                           Xoshiro256& rng, std::vector<uint32_t>& counts) {
  const size_t n = sorted.size();
  std::fill(counts.begin(), counts.end(), 0);
  for (size_t i = 0; i < n; ++i) ++counts[rng.Uniform(n)];
  // Index holding resample position rank.first, then position first + 1.
  size_t i = 0;
  uint64_t seen = counts[0];  // Resample positions [0, seen) are at <= i.
  while (seen <= static_cast<uint64_t>(rank.first)) seen += counts[++i];
  const double lo = sorted[i];
  if (rank.frac == 0) return lo;
  while (seen <= static_cast<uint64_t>(rank.first) + 1) seen += counts[++i];
  return Interpolate(lo, sorted[i], rank.frac);
}

}  // namespace

double PercentileCont(absl::Span<const double> sorted, double p) {
  assert(!sorted.empty());
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  const Rank rank = RankOf(static_cast<int64_t>(sorted.size()), p);
  const double lo = sorted[rank.first];
  if (rank.frac == 0) return lo;
  return Interpolate(lo, sorted[rank.first + 1], rank.frac);
}

// The k-th smallest of two sorted arrays, k < na + nb, in O(log min(na, nb)):
// finds how many of the k + 1 smallest come from `a` by bisection, using
// that taking i from a and k + 1 - i from b is right exactly when
// a[i] >= b[k - i] first holds. Requests mostly select two arrays (one per
// data source), where this beats the general rounds below ~40 times.
// How many of the k + 1 smallest of a and b come from a (see KthOfTwo).
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

double KthOfTwo(const double* a, int64_t na, const double* b, int64_t nb,
                int64_t k) {
  const int64_t lo = SplitOfTwo(a, na, b, nb, k);
  const int64_t j = k + 1 - lo;
  if (lo == 0) return b[j - 1];
  if (j == 0) return a[lo - 1];
  return std::max(a[lo - 1], b[j - 1]);
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
  if (before != nullptr) {
    int64_t less = 0;
    for (size_t i = 0; i < m; ++i) {
      less += std::lower_bound(windows[i].lo, windows[i].hi, *before) -
              windows[i].lo;
    }
    if (less <= *k) {
      *answer = *before;
      return true;
    }
  }
  const double after_value = after != nullptr ? *after : 0;
  if (after != nullptr) *k -= CountNotMore(windows, m, after_value);
  const double before_value = before != nullptr ? *before : 0;
  Narrow(windows, m, after != nullptr ? &after_value : nullptr,
         before != nullptr ? &before_value : nullptr);
  return false;
}

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
  if (m == 2 && !arrays[0].empty() && !arrays[1].empty()) {
    assert(k >= 0 &&
           k < static_cast<int64_t>(arrays[0].size() + arrays[1].size()));
    return KthOfTwo(arrays[0].data(), arrays[0].size(), arrays[1].data(),
                    arrays[1].size(), k);
  }
  Scratch<Window> window_scratch(m);
  Window* windows = window_scratch.data();
  int64_t total = 0;
  size_t non_empty = 0;
  for (size_t i = 0; i < m; ++i) {
    windows[i].lo = arrays[i].data();
    windows[i].hi = arrays[i].data() + arrays[i].size();
    total += windows[i].size();
    if (!arrays[i].empty()) non_empty = i;
  }
  assert(k >= 0 && k < total);
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  k = std::clamp<int64_t>(k, 0, total - 1);
  // Fast path: at most one array has values.
  if (static_cast<int64_t>(arrays[non_empty].size()) == total) {
    return arrays[non_empty][k];
  }

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
    for (size_t i = 0; i < m; ++i) {
      candidates[i] = {windows[i].lo[windows[i].size() / 2], windows[i].size()};
    }
    std::sort(candidates, candidates + m,
              [](const Candidate& a, const Candidate& b) {
                return a.value < b.value;
              });
    double pivot = candidates[m - 1].value;
    int64_t weight = 0;
    for (size_t c = 0; c < m; ++c) {
      weight += candidates[c].weight;
      if (2 * weight >= total) {
        pivot = candidates[c].value;
        break;
      }
    }

    int64_t less = 0;      // Values < pivot in all windows.
    int64_t not_more = 0;  // Values <= pivot in all windows.
    for (size_t i = 0; i < m; ++i) {
      less +=
          std::lower_bound(windows[i].lo, windows[i].hi, pivot) - windows[i].lo;
      not_more +=
          std::upper_bound(windows[i].lo, windows[i].hi, pivot) - windows[i].lo;
    }
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

double PercentileContOfSorted(Arrays arrays, double p) {
  int64_t total = 0;
  for (absl::Span<const double> array : arrays) {
    total += static_cast<int64_t>(array.size());
  }
  assert(total > 0);
  if (total == 0) return std::numeric_limits<double>::quiet_NaN();
  const Rank rank = RankOf(total, p);
  if (arrays.size() == 2 && !arrays[0].empty() && !arrays[1].empty() &&
      rank.frac != 0) {
    // Both neighbours from one split: the (k+1)-th is the smaller of the
    // next value of either array.
    const double* a = arrays[0].data();
    const double* b = arrays[1].data();
    const int64_t na = arrays[0].size();
    const int64_t nb = arrays[1].size();
    const int64_t i = SplitOfTwo(a, na, b, nb, rank.first);
    const int64_t j = rank.first + 1 - i;
    const double kth = i == 0   ? b[j - 1]
                       : j == 0 ? a[i - 1]
                                : std::max(a[i - 1], b[j - 1]);
    const double next = i == na ? b[j] : j == nb ? a[i] : std::min(a[i], b[j]);
    return Interpolate(kth, next, rank.frac);
  }
  const double lo = KthOfSorted(arrays, rank.first);
  if (rank.frac == 0) return lo;
  return Interpolate(lo, KthOfSorted(arrays, rank.first + 1), rank.frac);
}

void ExactSum::Add(double v) {
  const double t = sum_ + v;
  if (!std::isfinite(t)) {
    // Infinities and NaN: the compensation would only turn into NaN.
    sum_ = t;
    return;
  }
  if (std::abs(sum_) >= std::abs(v)) {
    compensation_ += (sum_ - t) + v;
  } else {
    compensation_ += (v - t) + sum_;
  }
  sum_ = t;
}

void ExactSum::Add(const ExactSum& other) {
  Add(other.sum_);
  Add(other.compensation_);
}

MedianDifference BootstrapMedianDifference(absl::Span<const double> with,
                                           absl::Span<const double> without,
                                           double level, int resamples,
                                           uint64_t seed) {
  assert(!with.empty() && !without.empty());
  MedianDifference result;
  if (with.empty() || without.empty()) {
    result.difference = result.low = result.high =
        std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  result.difference = PercentileCont(with, 50) - PercentileCont(without, 50);
  result.low = result.high = result.difference;
  if (resamples <= 0) return result;

  const Rank with_rank = RankOf(static_cast<int64_t>(with.size()), 50);
  const Rank without_rank = RankOf(static_cast<int64_t>(without.size()), 50);
  Xoshiro256 rng(seed);
  std::vector<uint32_t> with_counts(with.size());
  std::vector<uint32_t> without_counts(without.size());
  std::vector<double> differences(resamples);
  for (double& difference : differences) {
    const double with_median =
        ResampledPercentile(with, with_rank, rng, with_counts);
    const double without_median =
        ResampledPercentile(without, without_rank, rng, without_counts);
    difference = with_median - without_median;
  }
  std::sort(differences.begin(), differences.end());
  level = std::clamp(level, 0.0, 1.0);
  result.low = PercentileCont(differences, (1 - level) / 2 * 100);
  result.high = PercentileCont(differences, (1 + level) / 2 * 100);
  return result;
}

double Jaccard(absl::Span<const int32_t> a, absl::Span<const int32_t> b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0;
  size_t j = 0;
  size_t common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) /
         static_cast<double>(a.size() + b.size() - common);
}

}  // namespace compdata::engine
