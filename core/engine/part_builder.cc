#include "core/engine/part_builder.h"

#include <algorithm>
#include <thread>

namespace compdata::engine {
namespace {

// Each posting's distinct skills, ascending, in CSR form: a counting sort
// of the (posting, skill) pairs by posting.
void PackPostingSkills(std::vector<std::pair<uint32_t, int32_t>>& pairs,
                       PostingColumns& p) {
  std::vector<uint32_t> offsets(p.size() + 1, 0);
  for (const auto& [posting, skill] : pairs) ++offsets[posting + 1];
  for (size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
  std::vector<int32_t> skills(pairs.size());
  {
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [posting, skill] : pairs) skills[next[posting]++] = skill;
  }
  std::vector<std::pair<uint32_t, int32_t>>().swap(pairs);
  // Sort and deduplicate each posting's run, compacting in place.
  p.skill_offsets.reserve(p.size() + 1);
  p.skill_offsets.push_back(0);
  size_t out = 0;
  for (size_t i = 0; i + 1 < offsets.size(); ++i) {
    const auto begin = skills.begin() + offsets[i];
    const auto end = skills.begin() + offsets[i + 1];
    std::sort(begin, end);
    const auto last = std::unique(begin, end);
    out = std::copy(begin, last, skills.begin() + out) - skills.begin();
    p.skill_offsets.push_back(static_cast<uint32_t>(out));
  }
  skills.resize(out);
  skills.shrink_to_fit();
  p.skills = std::move(skills);
}

// Every posting by role, ascending posted_at (ties by index).
void IndexPostingsByRole(RecordPart& part) {
  const PostingColumns& p = part.postings;
  std::vector<std::pair<int64_t, uint32_t>> order;
  order.reserve(p.size());
  for (uint32_t i = 0; i < p.size(); ++i) order.emplace_back(p.posted_at[i], i);
  std::sort(order.begin(), order.end());
  part.postings_by_role.assign(static_cast<size_t>(part.roles), {});
  for (const auto& [posted, i] : order) {
    part.postings_by_role[p.role[i]].push_back(i);
  }
}

// Record indexes by ascending id; left empty when the records already are
// (a load in physical order mostly is), which costs nothing to search.
std::vector<uint32_t> IdOrder(const std::vector<int64_t>& ids) {
  if (std::is_sorted(ids.begin(), ids.end())) return {};
  std::vector<uint32_t> order(ids.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return ids[a] < ids[b]; });
  return order;
}

// A group's records sorted by value (ties by record), values alongside.
// Sorting (value, record) pairs in one contiguous array is several times
// faster than sorting record indexes through the value column.
void SortGroup(PayGroup& g, const std::vector<double>& pay) {
  std::vector<std::pair<double, uint32_t>> pairs;
  pairs.reserve(g.records.size());
  for (uint32_t rec : g.records) pairs.emplace_back(pay[rec], rec);
  std::sort(pairs.begin(), pairs.end());
  g.values.reserve(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    g.records[i] = pairs[i].second;
    g.values.push_back(pairs[i].first);
    g.sum.Add(pairs[i].first);
  }
}

// Calls f(role, currency, seniority, remote) for every group key of a part
// (each key has one group per source and component).
template <typename F>
void ForEachGroupKey(const RecordPart& part, F f) {
  for (int32_t role = 0; role < part.roles; ++role) {
    for (int16_t cur = 0; cur < part.currencies; ++cur) {
      for (int sen = 0; sen < kSeniorityLevels; ++sen) {
        for (bool remote : {false, true}) f(role, cur, sen, remote);
      }
    }
  }
}

void SortGroups(RecordPart& part, Source source, Component component,
                const std::vector<double>& pay) {
  ForEachGroupKey(part, [&](int32_t role, int16_t cur, int sen, bool remote) {
    SortGroup(part.pay_groups[part.GroupIndex(role, source, component, cur, sen,
                                              remote)],
              pay);
  });
}

// Every record into its (role, source, component, currency, seniority,
// remote) group.
void AssignPayGroups(RecordPart& part) {
  part.pay_groups.assign(static_cast<size_t>(part.roles) * 2 * kComponents *
                             static_cast<size_t>(part.currencies) *
                             kSeniorityLevels * 2,
                         PayGroup());
  const PostingColumns& p = part.postings;
  for (uint32_t i = 0; i < p.size(); ++i) {
    if (p.currency[i] < 0) continue;
    part.pay_groups[part.GroupIndex(p.role[i], Source::kPostings,
                                    Component::kBase, p.currency[i],
                                    p.seniority[i], p.remote[i])]
        .records.push_back(i);
  }
  const ReportColumns& r = part.reports;
  for (int c = 0; c < kComponents; ++c) {
    for (uint32_t i = 0; i < r.size(); ++i) {
      part.pay_groups[part.GroupIndex(r.role[i], Source::kReports,
                                      static_cast<Component>(c), r.currency[i],
                                      r.seniority[i], r.remote[i])]
          .records.push_back(i);
    }
  }
}

// Merged arrays for the unfiltered BASE / TOTAL questions.
void MergePayGroups(RecordPart& part) {
  part.merged_pay.assign(static_cast<size_t>(part.roles) * 2 * 2 *
                             static_cast<size_t>(part.currencies),
                         {});
  for (int32_t role = 0; role < part.roles; ++role) {
    for (int16_t cur = 0; cur < part.currencies; ++cur) {
      for (Source source : {Source::kPostings, Source::kReports}) {
        for (Component c : {Component::kBase, Component::kTotal}) {
          if (source == Source::kPostings && c == Component::kTotal) continue;
          MergedPay& m =
              part.merged_pay[part.MergedIndex(role, source, c, cur)];
          for (int sen = 0; sen < kSeniorityLevels; ++sen) {
            for (bool remote : {false, true}) {
              const PayGroup& g = part.pay_groups[part.GroupIndex(
                  role, source, c, cur, sen, remote)];
              m.values.insert(m.values.end(), g.values.begin(), g.values.end());
              m.sum.Add(g.sum);
            }
          }
          std::sort(m.values.begin(), m.values.end());
          m.values.shrink_to_fit();
        }
      }
    }
  }
}

// The pay of every record of `source` in `part` for `component`, read back
// from its groups (a part keeps pay only there; a posting without
// advertised pay has none and reads 0).
std::vector<double> PayOf(const RecordPart& part, Source source,
                          Component component) {
  std::vector<double> pay(
      source == Source::kPostings ? part.postings.size() : part.reports.size(),
      0);
  ForEachGroupKey(part, [&](int32_t role, int16_t cur, int sen, bool remote) {
    const PayGroup& g = part.Group(role, source, component, cur, sen, remote);
    for (size_t k = 0; k < g.records.size(); ++k) {
      pay[g.records[k]] = g.values[k];
    }
  });
  return pay;
}

// Keeps only the groups that hold values (see RecordPart::group_slot).
void CompactGroups(RecordPart& part) {
  part.group_slot.assign(part.pay_groups.size(), -1);
  std::vector<PayGroup> kept;
  for (size_t i = 0; i < part.pay_groups.size(); ++i) {
    if (part.pay_groups[i].values.empty()) continue;
    part.group_slot[i] = static_cast<int32_t>(kept.size());
    kept.push_back(std::move(part.pay_groups[i]));
  }
  kept.shrink_to_fit();
  part.pay_groups = std::move(kept);
}

// Columns grown by push_back hold up to twice their size: the part keeps
// only what it uses (it lives as long as the data does).
template <typename... Vectors>
void ShrinkAll(Vectors&... v) {
  (v.shrink_to_fit(), ...);
}

void Shrink(RecordPart& part) {
  PostingColumns& p = part.postings;
  ShrinkAll(p.role, p.metro, p.company, p.seniority, p.remote, p.currency,
            p.posted_at, p.expires_at, p.skill_offsets, p.skills);
  ReportColumns& r = part.reports;
  ShrinkAll(r.role, r.metro, r.company, r.seniority, r.remote, r.currency,
            r.reported_at);
}

}  // namespace

PartBuilder::PartBuilder() : p_(std::make_unique<RecordPart>()) {}

void PartBuilder::Reserve(size_t postings, size_t reports,
                          size_t posting_skills) {
  PostingColumns& p = p_->postings;
  for (auto* v : {&p.role, &p.metro, &p.company}) v->reserve(postings);
  p.seniority.reserve(postings);
  p.remote.reserve(postings);
  p.currency.reserve(postings);
  p.posted_at.reserve(postings);
  p.expires_at.reserve(postings);
  posting_ids_.reserve(postings);
  posting_pay_.reserve(postings);
  posting_skills_.reserve(posting_skills);
  ReportColumns& r = p_->reports;
  for (auto* v : {&r.role, &r.metro, &r.company}) v->reserve(reports);
  r.seniority.reserve(reports);
  r.remote.reserve(reports);
  r.currency.reserve(reports);
  r.reported_at.reserve(reports);
  report_ids_.reserve(reports);
  for (auto& v : report_pay_) v.reserve(reports);
}

size_t PartBuilder::size() const {
  return p_->postings.size() + p_->reports.size();
}

uint32_t PartBuilder::AddPosting(int64_t id, const Posting& x) {
  PostingColumns& c = p_->postings;
  const uint32_t index = static_cast<uint32_t>(c.size());
  posting_ids_.push_back(id);
  c.role.push_back(x.role);
  c.metro.push_back(x.metro);
  c.company.push_back(x.company);
  c.seniority.push_back(x.seniority);
  c.remote.push_back(x.remote);
  c.currency.push_back(x.currency);
  posting_pay_.push_back(x.pay);
  c.posted_at.push_back(x.posted_at);
  c.expires_at.push_back(x.expires_at);
  return index;
}

void PartBuilder::AddPostingSkill(uint32_t posting, int32_t skill) {
  posting_skills_.emplace_back(posting, skill);
}

void PartBuilder::AddReport(int64_t id, const Report& x) {
  ReportColumns& c = p_->reports;
  report_ids_.push_back(id);
  c.role.push_back(x.role);
  c.metro.push_back(x.metro);
  c.company.push_back(x.company);
  c.seniority.push_back(x.seniority);
  c.remote.push_back(x.remote);
  c.currency.push_back(x.currency);
  c.reported_at.push_back(x.reported_at);
  for (int k = 0; k < kComponents; ++k) report_pay_[k].push_back(x.pay[k]);
}

void PartBuilder::AddLive(const RecordPart& part, const DeadRecords* dead) {
  const PostingColumns& p = part.postings;
  const std::vector<double> posting_pay =
      PayOf(part, Source::kPostings, Component::kBase);
  for (uint32_t i = 0; i < p.size(); ++i) {
    if (dead != nullptr && dead->Posting(i)) continue;
    const uint32_t index =
        AddPosting(part.posting_ids[i],
                   Posting{p.role[i], p.metro[i], p.company[i], p.seniority[i],
                           p.remote[i] != 0, p.currency[i], posting_pay[i],
                           p.posted_at[i], p.expires_at[i]});
    for (uint32_t k = p.skill_offsets[i]; k < p.skill_offsets[i + 1]; ++k) {
      posting_skills_.emplace_back(index, p.skills[k]);
    }
  }
  std::vector<double> pay[kComponents];
  for (int c = 0; c < kComponents; ++c) {
    pay[c] = PayOf(part, Source::kReports, static_cast<Component>(c));
  }
  const ReportColumns& r = part.reports;
  for (uint32_t i = 0; i < r.size(); ++i) {
    if (dead != nullptr && dead->Report(i)) continue;
    Report x{r.role[i],        r.metro[i],    r.company[i],    r.seniority[i],
             r.remote[i] != 0, r.currency[i], r.reported_at[i]};
    for (int k = 0; k < kComponents; ++k) x.pay[k] = pay[k][i];
    AddReport(part.report_ids[i], x);
  }
}

std::shared_ptr<const RecordPart> PartBuilder::Finish(int32_t roles,
                                                      int16_t currencies) {
  RecordPart& part = *p_;
  part.roles = roles;
  part.currencies = currencies;
  PackPostingSkills(posting_skills_, part.postings);
  Shrink(part);
  part.postings_by_id = IdOrder(posting_ids_);
  part.reports_by_id = IdOrder(report_ids_);
  part.posting_ids = IdColumn(posting_ids_);
  part.report_ids = IdColumn(report_ids_);
  std::vector<int64_t>().swap(posting_ids_);
  std::vector<int64_t>().swap(report_ids_);
  IndexPostingsByRole(part);
  AssignPayGroups(part);
  // Groups are disjoint: half of the sorting runs on a second thread, when
  // there is enough of it to be worth one.
  const auto sort_first_half = [&] {
    SortGroups(part, Source::kPostings, Component::kBase, posting_pay_);
    SortGroups(part, Source::kReports, Component::kBase,
               report_pay_[static_cast<int>(Component::kBase)]);
  };
  std::thread helper;
  if (size() >= 100000) {
    helper = std::thread(sort_first_half);
  } else {
    sort_first_half();
  }
  for (Component c :
       {Component::kBonus, Component::kEquity, Component::kTotal}) {
    SortGroups(part, Source::kReports, c, report_pay_[static_cast<int>(c)]);
  }
  if (helper.joinable()) helper.join();
  MergePayGroups(part);
  CompactGroups(part);
  std::vector<double>().swap(posting_pay_);
  for (auto& v : report_pay_) std::vector<double>().swap(v);
  return std::shared_ptr<const RecordPart>(p_.release());
}

}  // namespace compdata::engine
