#ifndef COMPDATA_CORE_ENGINE_FILTERS_H_
#define COMPDATA_CORE_ENGINE_FILTERS_H_

#include <cstdint>
#include <limits>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "core/engine/snapshot.h"

namespace compdata::engine {

enum class RemoteMode { kAny, kRemoteOnly, kOnSiteOnly };

// The record-level part of SalaryFilter, resolved to snapshot indexes.
struct RecordFilter {
  std::vector<bool> seniority;  // indexed by level; empty = every level
  bool any_metro = true;
  absl::flat_hash_set<int32_t> metros;
  RemoteMode remote = RemoteMode::kAny;
  bool any_company = true;
  absl::flat_hash_set<int32_t> companies;
  // Record date window [start, end), unix microseconds.
  int64_t start = std::numeric_limits<int64_t>::min();
  int64_t end = std::numeric_limits<int64_t>::max();

  bool AcceptsSeniority(int level) const {
    return seniority.empty() || seniority[level];
  }
  bool AcceptsRemote(bool remote_record) const {
    return remote == RemoteMode::kAny ||
           (remote == RemoteMode::kRemoteOnly) == remote_record;
  }
  // Whether only seniority and remote narrow the records: the pay groups
  // are keyed by both, so whole pre-sorted groups answer.
  bool OnlyGroupKeys() const {
    return any_metro && any_company &&
           start == std::numeric_limits<int64_t>::min() &&
           end == std::numeric_limits<int64_t>::max();
  }
  // Everything but the date.
  bool AcceptsAttributes(int level, int32_t metro, int32_t company,
                         bool remote_record) const {
    if (!AcceptsSeniority(level)) return false;
    if (!any_metro && !metros.contains(metro)) return false;
    if (!any_company && !companies.contains(company)) return false;
    if (remote == RemoteMode::kRemoteOnly && !remote_record) return false;
    if (remote == RemoteMode::kOnSiteOnly && remote_record) return false;
    return true;
  }
};

inline bool AcceptsPosting(const RecordPart& part, const RecordFilter& f,
                           uint32_t i) {
  const PostingColumns& c = part.postings;
  return c.posted_at[i] >= f.start && c.posted_at[i] < f.end &&
         f.AcceptsAttributes(c.seniority[i], c.metro[i], c.company[i],
                             c.remote[i]);
}

inline bool AcceptsReport(const RecordPart& part, const RecordFilter& f,
                          uint32_t i) {
  const ReportColumns& c = part.reports;
  return c.reported_at[i] >= f.start && c.reported_at[i] < f.end &&
         f.AcceptsAttributes(c.seniority[i], c.metro[i], c.company[i],
                             c.remote[i]);
}

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_FILTERS_H_
