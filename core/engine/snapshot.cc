#include "core/engine/snapshot.h"

#include <algorithm>

namespace compdata::engine {
namespace {

// The record whose id is `id`, searching the ids in `order` (empty: the
// records themselves are in id order).
int64_t FindById(const std::vector<int64_t>& ids,
                 const std::vector<uint32_t>& order, int64_t id) {
  if (order.empty()) {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) return -1;
    return it - ids.begin();
  }
  auto it = std::lower_bound(
      order.begin(), order.end(), id,
      [&](uint32_t record, int64_t key) { return ids[record] < key; });
  if (it == order.end() || ids[*it] != id) return -1;
  return *it;
}

}  // namespace

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
