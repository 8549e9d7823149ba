#include "core/engine/pay_sample.h"

#include <algorithm>

namespace compdata::engine {
namespace {

// Postings carry one pay value, stored under kBase; it serves BASE and TOTAL.
Component PostingComponent(Component c) {
  return c == Component::kTotal ? Component::kBase : c;
}

// Visits every group of every part the query reads, with the part's dead
// records (null = none).
template <typename Visit>
void ForEachGroup(const Snapshot& s, const PayQuery& q, Visit visit) {
  if (q.currency < 0) return;
  for (uint32_t k = 0; k < s.parts.size(); ++k) {
    const RecordPart& part = *s.parts[k].records;
    if (!part.Covers(q.role, q.currency)) continue;
    const DeadRecords* dead = s.parts[k].dead_or_null();
    for (int level = 0; level < kSeniorityLevels; ++level) {
      if (!q.filter.AcceptsSeniority(level)) continue;
      for (bool remote : {false, true}) {
        if (!q.filter.AcceptsRemote(remote)) continue;
        if (q.postings && (q.component == Component::kBase ||
                           q.component == Component::kTotal)) {
          visit(k, part, dead, Source::kPostings,
                part.Group(q.role, Source::kPostings,
                           PostingComponent(q.component), q.currency, level,
                           remote));
        }
        if (q.reports) {
          visit(k, part, dead, Source::kReports,
                part.Group(q.role, Source::kReports, q.component, q.currency,
                           level, remote));
        }
      }
    }
  }
}

bool Accepts(const RecordPart& part, const DeadRecords* dead,
             const RecordFilter& f, Source source, uint32_t record) {
  if (source == Source::kPostings) {
    return (dead == nullptr || !dead->Posting(record)) &&
           AcceptsPosting(part, f, record);
  }
  return (dead == nullptr || !dead->Report(record)) &&
         AcceptsReport(part, f, record);
}

}  // namespace

void PaySample::AddView(absl::Span<const double> values) {
  if (!values.empty()) arrays_.push_back(values);
}

void PaySample::AddOwned(std::vector<double> values) {
  if (values.empty()) return;
  owned_.push_back(std::move(values));
  arrays_.push_back(owned_.back());
}

Amount PaySample::Percentile(double p) const {
  if (arrays_.size() == 1) return PercentileAmount(arrays_[0], p);
  const Rank rank = RankOf(TotalSize(arrays_), p);
  const auto [lo, hi] = NeighboursOfSorted(arrays_, rank);
  return InterpolatedAmount(lo, hi, rank);
}

Amount PaySample::Min() const {
  double m = arrays_[0].front();
  for (const auto& a : arrays_) m = std::min(m, a.front());
  return StoredAmount(m);
}

Amount PaySample::Max() const {
  double m = arrays_[0].back();
  for (const auto& a : arrays_) m = std::max(m, a.back());
  return StoredAmount(m);
}

namespace {

// A part's merged arrays, for a query that nothing narrows within the role.
void AddMerged(const RecordPart& part, const PayQuery& q, PaySample& sample) {
  if (q.postings) {
    const MergedPay& m =
        part.Merged(q.role, Source::kPostings, Component::kBase, q.currency);
    sample.AddView(m.values);
    sample.sum.Add(m.sum);
    sample.postings += static_cast<int64_t>(m.values.size());
  }
  if (q.reports) {
    const MergedPay& m =
        part.Merged(q.role, Source::kReports, q.component, q.currency);
    sample.AddView(m.values);
    sample.sum.Add(m.sum);
    sample.reports += static_cast<int64_t>(m.values.size());
  }
}

// One group: whole when only its keys narrow it and none of its source's
// records are dead, else record by record.
void AddGroup(const RecordPart& part, const DeadRecords* dead, Source source,
              const PayGroup& g, const PayQuery& q, PaySample& sample) {
  int64_t& counter =
      source == Source::kPostings ? sample.postings : sample.reports;
  const bool any_dead =
      dead != nullptr && (source == Source::kPostings ? dead->dead_postings > 0
                                                      : dead->dead_reports > 0);
  if (q.filter.OnlyGroupKeys() && !any_dead) {
    sample.AddView(g.values);
    sample.sum.Add(g.sum);
    counter += static_cast<int64_t>(g.values.size());
    return;
  }
  std::vector<double> kept;
  for (size_t i = 0; i < g.records.size(); ++i) {
    if (!Accepts(part, dead, q.filter, source, g.records[i])) continue;
    kept.push_back(g.values[i]);
    sample.sum.Add(g.values[i]);
  }
  counter += static_cast<int64_t>(kept.size());
  sample.AddOwned(std::move(kept));
}

}  // namespace

PaySample CollectPay(const Snapshot& s, const PayQuery& q) {
  PaySample sample;
  const bool whole_role =
      (q.component == Component::kBase || q.component == Component::kTotal) &&
      q.filter.seniority.empty() && q.filter.remote == RemoteMode::kAny &&
      q.filter.OnlyGroupKeys();
  std::vector<bool> merged(s.parts.size(), false);
  for (uint32_t k = 0; k < s.parts.size() && q.currency >= 0; ++k) {
    const RecordPart& part = *s.parts[k].records;
    const DeadRecords* dead = s.parts[k].dead_or_null();
    if (whole_role && part.Covers(q.role, q.currency) &&
        (dead == nullptr || !dead->any())) {
      AddMerged(part, q, sample);
      merged[k] = true;
    }
  }
  ForEachGroup(s, q,
               [&](uint32_t k, const RecordPart& part, const DeadRecords* dead,
                   Source source, const PayGroup& g) {
                 if (!merged[k]) AddGroup(part, dead, source, g, q, sample);
               });
  return sample;
}

namespace {

// Merges ascending runs into one ascending vector, in rounds of pairs: each
// value moves log2(runs) times instead of once for every run after its own.
// Stable: equal values keep the order of their runs.
template <typename T, typename Less>
void MergeRuns(std::vector<std::vector<T>>& runs, Less less,
               std::vector<T>* out) {
  while (runs.size() > 1) {
    std::vector<std::vector<T>> next;
    for (size_t i = 0; i + 1 < runs.size(); i += 2) {
      std::vector<T> merged(runs[i].size() + runs[i + 1].size());
      std::merge(runs[i].begin(), runs[i].end(), runs[i + 1].begin(),
                 runs[i + 1].end(), merged.begin(), less);
      next.push_back(std::move(merged));
    }
    if (runs.size() % 2 == 1) next.push_back(std::move(runs.back()));
    runs = std::move(next);
  }
  if (!runs.empty()) *out = std::move(runs.front());
}

}  // namespace

std::vector<DatedValue> CollectDatedPay(const Snapshot& s, const PayQuery& q) {
  std::vector<std::vector<DatedValue>> runs;
  ForEachGroup(s, q,
               [&](uint32_t, const RecordPart& part, const DeadRecords* dead,
                   Source source, const PayGroup& g) {
                 std::vector<DatedValue> run;
                 const bool report = source == Source::kReports;
                 for (size_t i = 0; i < g.records.size(); ++i) {
                   const uint32_t r = g.records[i];
                   if (!Accepts(part, dead, q.filter, source, r)) continue;
                   run.push_back(DatedValue{g.values[i],
                                            report ? part.reports.reported_at[r]
                                                   : part.postings.posted_at[r],
                                            report});
                 }
                 runs.push_back(std::move(run));
               });
  std::vector<DatedValue> out;
  MergeRuns(
      runs,
      [](const DatedValue& a, const DatedValue& b) {
        return a.value < b.value;
      },
      &out);
  return out;
}

std::vector<PostingPay> CollectPostingPay(const Snapshot& s,
                                          const PayQuery& q) {
  PayQuery postings_only = q;
  postings_only.reports = false;
  std::vector<std::vector<PostingPay>> runs;
  ForEachGroup(
      s, postings_only,
      [&](uint32_t k, const RecordPart& part, const DeadRecords* dead,
          Source source, const PayGroup& g) {
        std::vector<PostingPay> run;
        run.reserve(g.records.size());
        // Groups are per seniority and remote already: with no
        // other filter every live record is taken, and the
        // columns (in record order, far from these) are not read.
        const bool all = dead == nullptr && q.filter.OnlyGroupKeys();
        for (size_t i = 0; i < g.records.size(); ++i) {
          if (all || Accepts(part, dead, q.filter, source, g.records[i])) {
            run.push_back(PostingPay{g.values[i], k, g.records[i]});
          }
        }
        runs.push_back(std::move(run));
      });
  std::vector<PostingPay> out;
  MergeRuns(
      runs,
      [](const PostingPay& a, const PostingPay& b) {
        return a.value < b.value;
      },
      &out);
  return out;
}

}  // namespace compdata::engine
