#ifndef COMPDATA_CORE_ENGINE_PAY_SAMPLE_H_
#define COMPDATA_CORE_ENGINE_PAY_SAMPLE_H_

#include <optional>
#include <vector>

#include "absl/types/span.h"
#include "core/engine/filters.h"
#include "core/engine/money.h"
#include "core/engine/snapshot.h"

namespace compdata::engine {

struct PayQuery {
  int32_t role = 0;
  RecordFilter filter;
  Component component = Component::kTotal;
  bool postings = true;
  bool reports = true;
  int16_t currency = -1;  // -1: a currency no record has (empty sample)
};

// The pay values a query selects, as ascending arrays (views into the
// snapshot's groups when only seniority narrows them, filtered copies
// otherwise), with counts per source and their exact sum.
class PaySample {
 public:
  PaySample() = default;
  PaySample(PaySample&&) = default;
  PaySample& operator=(PaySample&&) = default;

  int64_t count() const { return postings + reports; }
  absl::Span<const absl::Span<const double>> arrays() const { return arrays_; }
  // count() > 0 for each.
  Amount Percentile(double p) const;
  Amount Min() const;
  Amount Max() const;
  Amount Mean() const { return MeanAmount(sum.half_cents(), count()); }

  void AddView(absl::Span<const double> values);
  void AddOwned(std::vector<double> values);

  int64_t postings = 0;
  int64_t reports = 0;
  ExactSum sum;

 private:
  std::vector<absl::Span<const double>> arrays_;
  std::vector<std::vector<double>> owned_;
};

PaySample CollectPay(const Snapshot& s, const PayQuery& q);

// Each matching record's pay with its date (postings: posted_at; reports:
// reported_at), ascending pay, for per-month statistics.
struct DatedValue {
  double value;
  int64_t date;
  bool report;
};
std::vector<DatedValue> CollectDatedPay(const Snapshot& s, const PayQuery& q);

// The role's postings with pay that match the query, ascending by pay, with
// their record indexes (skill premiums split them by skill).
struct PostingPay {
  double value;
  uint32_t part;  // index into Snapshot::parts
  uint32_t record;
};
std::vector<PostingPay> CollectPostingPay(const Snapshot& s, const PayQuery& q);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PAY_SAMPLE_H_
