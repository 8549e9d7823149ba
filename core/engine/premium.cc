#include "core/engine/premium.h"

#include <algorithm>
#include <cmath>

#include "common/rng.h"
#include "core/engine/demand.h"

namespace compdata::engine {
namespace {

// Distribution-free 95% interval of a median from order statistics of n
// values: ranks n/2 -+ 1.96 sqrt(n)/2 (1-based), clamped to the sample;
// returned 0-based.
std::pair<int64_t, int64_t> MedianIntervalRanks(int64_t size) {
  const double n = static_cast<double>(size);
  const double half_width = 1.959964 * std::sqrt(n) / 2;
  const int64_t lo = std::max<int64_t>(1, std::floor(n / 2 - half_width));
  const int64_t hi = std::min<int64_t>(size, std::ceil(n / 2 + half_width + 1));
  return {lo - 1, hi - 1};
}

// The postings (positions in pay order) that list one skill, or those that
// do not, as a bitset over all of them: its members' pay in ascending order
// is read by rank without copying it out (the groups of a large role are
// hundreds of thousands of values, and only a few ranks are needed).
class Subset {
 public:
  Subset(const std::vector<PostingPay>& pay, const uint64_t* bits, bool listing)
      : pay_(pay), bits_(bits), listing_(listing) {
    for (size_t w = 0; w < Words(); ++w) size_ += __builtin_popcountll(Word(w));
  }

  int64_t size() const { return size_; }

  // The pay of the member of rank k (0-based), k < size().
  double At(int64_t k) const {
    for (size_t w = 0;; ++w) {
      uint64_t word = Word(w);
      const int64_t in_word = __builtin_popcountll(word);
      if (k >= in_word) {
        k -= in_word;
        continue;
      }
      for (; k > 0; --k) word &= word - 1;  // drop the lowest member
      return pay_[w * 64 + __builtin_ctzll(word)].value;
    }
  }

  Amount Median() const {
    const Rank rank = RankOf(size_, 50);
    const double lo = At(rank.first);
    return InterpolatedAmount(lo, rank.rem == 0 ? lo : At(rank.first + 1),
                              rank);
  }

  std::vector<double> Values() const {
    std::vector<double> out;
    out.reserve(size_);
    for (size_t w = 0; w < Words(); ++w) {
      for (uint64_t word = Word(w); word != 0; word &= word - 1) {
        out.push_back(pay_[w * 64 + __builtin_ctzll(word)].value);
      }
    }
    return out;
  }

 private:
  size_t Words() const { return (pay_.size() + 63) / 64; }
  // Word w of the membership, with the bits past the last posting clear.
  uint64_t Word(size_t w) const {
    uint64_t word = listing_ ? bits_[w] : ~bits_[w];
    const size_t tail = pay_.size() - w * 64;
    if (tail < 64) word &= (uint64_t{1} << tail) - 1;
    return word;
  }

  const std::vector<PostingPay>& pay_;
  const uint64_t* bits_;
  bool listing_;
  int64_t size_ = 0;
};

// Per requested skill, a bitset of the positions in pay order of the
// postings listing it: slot i's words at [i * words, (i + 1) * words).
std::vector<uint64_t> ListingBits(const PostingSkills& listed,
                                  const std::vector<int32_t>& skills,
                                  size_t words) {
  std::vector<int32_t> slot(listed.counts.size(), -1);
  for (size_t i = 0; i < skills.size(); ++i) {
    slot[skills[i]] = static_cast<int32_t>(i);
  }
  std::vector<uint64_t> bits(skills.size() * words, 0);
  for (size_t i = 0; i + 1 < listed.offsets.size(); ++i) {
    for (uint32_t k = listed.offsets[i]; k < listed.offsets[i + 1]; ++k) {
      const int32_t at = slot[listed.skills[k]];
      if (at >= 0) bits[at * words + i / 64] |= uint64_t{1} << (i % 64);
    }
  }
  return bits;
}

Premium PremiumOf(int32_t skill, const Subset& with, const Subset& without,
                  int64_t min_sample, uint64_t seed, bool intervals) {
  Premium r;
  r.skill = skill;
  r.with = with.size();
  r.without = without.size();
  const int64_t postings = r.with + r.without;
  r.share = postings == 0 ? 0 : double(r.with) / double(postings);
  r.quality.postings = postings;
  r.quality.sample_size = postings;
  if (postings == 0) {
    r.quality.suppression = Suppression::kNoData;
  } else if (std::min(r.with, r.without) < std::max<int64_t>(min_sample, 1)) {
    // Each group needs a value: a median of nothing is not computed.
    r.quality.suppression = Suppression::kBelowMinSample;
  }
  if (r.quality.withheld()) return r;
  r.quality.confidence = ConfidenceFor(std::min(r.with, r.without));
  r.median_with = with.Median();
  r.median_without = without.Median();
  r.premium = ShownDifference(r.median_with, r.median_without);
  r.fraction =
      (r.median_with.value - r.median_without.value) / r.median_without.value;
  if (!intervals) return r;
  if (postings <= kBootstrapLimit) {
    const MedianDifference d = BootstrapMedianDifference(
        with.Values(), without.Values(), kIntervalLevel, kBootstrapResamples,
        Mix64(seed ^ Mix64(static_cast<uint64_t>(skill))));
    r.low = d.low;
    r.high = d.high;
    r.method = IntervalMethod::kPercentileBootstrap;
  } else {
    const auto [with_lo, with_hi] = MedianIntervalRanks(r.with);
    const auto [without_lo, without_hi] = MedianIntervalRanks(r.without);
    r.low = AmountOf(
        HalfCents(with.At(with_lo)) - HalfCents(without.At(without_hi)), 1, 2);
    r.high = AmountOf(
        HalfCents(with.At(with_hi)) - HalfCents(without.At(without_lo)), 1, 2);
    r.method = IntervalMethod::kOrderStatistic;
  }
  r.impact = ImpactFor(r.fraction, r.low.value, r.high.value);
  return r;
}

}  // namespace

Impact ImpactFor(double fraction, double low, double high) {
  if (high < 0) return Impact::kNegative;
  if (low > 0 && fraction >= kHighImpact) return Impact::kHigh;
  if (low > 0 && fraction >= kMediumImpact) return Impact::kMedium;
  return Impact::kLow;
}

PostingSkills CollectPostingSkills(const Snapshot& s,
                                   const std::vector<PostingPay>& pay) {
  // The postings' skill lists are read in pay order, at random places of
  // columns far larger than the caches: prefetch the offsets a few postings
  // ahead and the lists nearer, so the misses overlap.
  constexpr size_t kOffsetsAhead = 16;
  constexpr size_t kListAhead = 8;
  const auto columns = [&](size_t i) -> const PostingColumns& {
    return s.parts[pay[i].part].records->postings;
  };
  PostingSkills out;
  out.counts.assign(s.skills.size(), 0);
  out.offsets.reserve(pay.size() + 1);
  out.skills.reserve(pay.size() * 8);
  out.offsets.push_back(0);
  for (size_t i = 0; i < pay.size(); ++i) {
    if (i + kOffsetsAhead < pay.size()) {
      __builtin_prefetch(&columns(i + kOffsetsAhead)
                              .skill_offsets[pay[i + kOffsetsAhead].record]);
    }
    if (i + kListAhead < pay.size()) {
      const PostingColumns& c = columns(i + kListAhead);
      __builtin_prefetch(
          &c.skills[c.skill_offsets[pay[i + kListAhead].record]]);
    }
    const PostingColumns& c = columns(i);
    for (uint32_t k = c.skill_offsets[pay[i].record];
         k < c.skill_offsets[pay[i].record + 1]; ++k) {
      out.skills.push_back(c.skills[k]);
      ++out.counts[c.skills[k]];
    }
    out.offsets.push_back(static_cast<uint32_t>(out.skills.size()));
  }
  return out;
}

std::vector<int32_t> TopSkills(const Snapshot& s, const PostingSkills& listed,
                               int n) {
  std::vector<int32_t> top;
  for (const auto& [skill, count] :
       TopN(Indexed(listed.counts), n,
            [&](int32_t i) { return s.skills[i].slug; })) {
    top.push_back(skill);
  }
  return top;
}

absl::StatusOr<std::vector<Premium>> ComputePremiums(
    const std::vector<PostingPay>& pay, const PostingSkills& listed,
    const std::vector<int32_t>& skills, int64_t min_sample, uint64_t seed,
    absl::FunctionRef<bool()> expired, bool intervals) {
  const size_t words = (pay.size() + 63) / 64;
  const std::vector<uint64_t> bits = ListingBits(listed, skills, words);
  std::vector<Premium> out;
  for (size_t i = 0; i < skills.size(); ++i) {
    if (expired()) {
      return absl::DeadlineExceededError(
          "the deadline passed while computing skill premiums");
    }
    const uint64_t* mine = bits.data() + i * words;
    out.push_back(PremiumOf(skills[i], Subset(pay, mine, true),
                            Subset(pay, mine, false), min_sample, seed,
                            intervals));
  }
  return out;
}

}  // namespace compdata::engine
