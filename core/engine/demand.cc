#include "core/engine/demand.h"

#include <limits>

#include "absl/container/flat_hash_map.h"

namespace compdata::engine {

namespace {

// Calls visit(columns, i) for every posting of `role` open at `at` that the
// filter's record fields accept.
template <typename Visit>
void ForEachOpenPosting(const Snapshot& s, int32_t role, const RecordFilter& f,
                        int64_t at, Visit visit) {
  for (const Snapshot::Part& part : s.parts) {
    const RecordPart& r = *part.records;
    if (role >= r.roles) continue;
    const DeadRecords* dead = part.dead_or_null();
    const PostingColumns& c = r.postings;
    for (uint32_t i : r.postings_by_role[role]) {
      // postings_by_role is ascending by posted_at: nothing later is open.
      if (c.posted_at[i] > at) break;
      if ((dead != nullptr && dead->Posting(i)) || !IsOpen(c, i, at) ||
          !f.AcceptsAttributes(c.seniority[i], c.metro[i], c.company[i],
                               c.remote[i])) {
        continue;
      }
      visit(c, i);
    }
  }
}

void CountPosting(const PostingColumns& c, uint32_t i, Demand* d) {
  ++d->open;
  d->remote += c.remote[i];
  ++d->by_seniority[c.seniority[i]];
}

}  // namespace

Demand CountDemand(const Snapshot& s, int32_t role, const RecordFilter& f,
                   int64_t at) {
  Demand d;
  ForEachOpenPosting(s, role, f, at, [&](const PostingColumns& c, uint32_t i) {
    CountPosting(c, i, &d);
  });
  return d;
}

Demand CollectDemand(const Snapshot& s, int32_t role, const RecordFilter& f,
                     int64_t at) {
  Demand d;
  d.by_skill.assign(s.skills.size(), 0);
  std::vector<int64_t> by_metro(s.metros.size(), 0);
  absl::flat_hash_map<int32_t, int64_t> companies;
  ForEachOpenPosting(s, role, f, at, [&](const PostingColumns& c, uint32_t i) {
    CountPosting(c, i, &d);
    if (c.metro[i] >= 0) ++by_metro[c.metro[i]];
    if (c.company[i] >= 0) ++companies[s.company_group[c.company[i]]];
    for (uint32_t k = c.skill_offsets[i]; k < c.skill_offsets[i + 1]; ++k) {
      ++d.by_skill[c.skills[k]];
    }
  });
  const int all = std::numeric_limits<int>::max();
  d.ranked_skills = TopN(Indexed(d.by_skill), all,
                         [&](int32_t i) { return s.skills[i].slug; });
  d.ranked_metros =
      TopN(Indexed(by_metro), all, [&](int32_t i) { return s.metros[i]; });
  d.ranked_companies = TopN({companies.begin(), companies.end()}, all,
                            [&](int32_t i) { return s.companies[i]; });
  return d;
}

std::vector<std::pair<int32_t, int64_t>> Indexed(
    const std::vector<int64_t>& counts) {
  std::vector<std::pair<int32_t, int64_t>> out;
  out.reserve(counts.size());
  for (size_t i = 0; i < counts.size(); ++i) {
    out.emplace_back(static_cast<int32_t>(i), counts[i]);
  }
  return out;
}

}  // namespace compdata::engine
