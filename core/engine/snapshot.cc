#include "core/engine/snapshot.h"

#include <algorithm>
#include <limits>

namespace compdata::engine {
namespace {

// The record whose id is `id`, searching the ids in `order` (empty: the
// records themselves are in id order).
int64_t FindById(const IdColumn& ids, const std::vector<uint32_t>& order,
                 int64_t id) {
  if (order.empty()) {
    size_t lo = 0, hi = ids.size();
    while (lo < hi) {
      const size_t mid = lo + (hi - lo) / 2;
      if (ids[mid] < id) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == ids.size() || ids[lo] != id) return -1;
    return static_cast<int64_t>(lo);
  }
  auto it = std::lower_bound(
      order.begin(), order.end(), id,
      [&](uint32_t record, int64_t key) { return ids[record] < key; });
  if (it == order.end() || ids[*it] != id) return -1;
  return *it;
}

}  // namespace

IdColumn::IdColumn(const std::vector<int64_t>& ids) {
  if (ids.empty()) return;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  if (static_cast<uint64_t>(*hi - *lo) > std::numeric_limits<uint32_t>::max()) {
    wide_ = ids;
    return;
  }
  base_ = *lo;
  narrow_.reserve(ids.size());
  for (int64_t id : ids) narrow_.push_back(static_cast<uint32_t>(id - base_));
}

const PayGroup& RecordPart::Group(int32_t role, Source source,
                                  Component component, int16_t currency,
                                  int seniority, bool remote) const {
  static const PayGroup* const kEmpty = new PayGroup();
  if (!Covers(role, currency)) return *kEmpty;
  const int32_t slot = group_slot[GroupIndex(role, source, component, currency,
                                             seniority, remote)];
  return slot < 0 ? *kEmpty : pay_groups[slot];
}

const MergedPay& RecordPart::Merged(int32_t role, Source source,
                                    Component component,
                                    int16_t currency) const {
  static const MergedPay* const kEmpty = new MergedPay();
  if (!Covers(role, currency)) return *kEmpty;
  return merged_pay[MergedIndex(role, source, component, currency)];
}

int64_t RecordPart::FindPosting(int64_t id) const {
  return FindById(posting_ids, postings_by_id, id);
}

int64_t RecordPart::FindReport(int64_t id) const {
  return FindById(report_ids, reports_by_id, id);
}

int64_t Snapshot::posting_count() const {
  int64_t n = 0;
  for (const Part& p : parts) {
    n += static_cast<int64_t>(p.records->postings.size()) -
         (p.dead ? p.dead->dead_postings : 0);
  }
  return n;
}

int64_t Snapshot::report_count() const {
  int64_t n = 0;
  for (const Part& p : parts) {
    n += static_cast<int64_t>(p.records->reports.size()) -
         (p.dead ? p.dead->dead_reports : 0);
  }
  return n;
}

}  // namespace compdata::engine
