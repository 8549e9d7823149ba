#include "core/engine/snapshot_builder.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "absl/strings/ascii.h"
#include "common/normalize.h"
#include "core/engine/privacy.h"

namespace compdata::engine {

SnapshotBuilder::SnapshotBuilder() : s_(std::make_unique<Snapshot>()) {}

int32_t SnapshotBuilder::Lookup(
    const absl::flat_hash_map<int64_t, int32_t>& ids, int64_t id) {
  auto it = ids.find(id);
  return it == ids.end() ? -1 : it->second;
}

void SnapshotBuilder::AddRole(int64_t id, Role role) {
  const int32_t index = static_cast<int32_t>(s_->roles.size());
  role_index_[id] = index;
  s_->role_by_key.try_emplace(NormalizeKey(role.slug), index);
  s_->role_by_key.try_emplace(NormalizeKey(role.title), index);
  for (const std::string& a : role.aliases) {
    s_->role_by_key.try_emplace(NormalizeKey(a), index);
  }
  s_->roles.push_back(std::move(role));
  s_->levels.emplace_back();
}

void SnapshotBuilder::AddLevel(int64_t role_id, LevelEntry level) {
  const int32_t role = Lookup(role_index_, role_id);
  if (role < 0) return void(++skipped_);
  s_->levels[role].push_back(std::move(level));
}

void SnapshotBuilder::AddTransition(int64_t from_role_id, int64_t to_role_id,
                                    std::string kind, double weight) {
  const int32_t from = Lookup(role_index_, from_role_id);
  const int32_t to = Lookup(role_index_, to_role_id);
  if (from < 0 || to < 0) return void(++skipped_);
  s_->transitions.push_back(TransitionEntry{from, to, std::move(kind), weight});
}

void SnapshotBuilder::AddSkill(SkillEntry skill) {
  const int32_t index = static_cast<int32_t>(s_->skills.size());
  skill_index_[skill.id] = index;
  s_->skill_by_key.try_emplace(NormalizeKey(skill.slug), index);
  s_->skill_by_key.try_emplace(NormalizeKey(skill.display_name), index);
  for (const std::string& a : skill.aliases) {
    s_->skill_by_key.try_emplace(NormalizeKey(a), index);
  }
  s_->skills.push_back(std::move(skill));
}

void SnapshotBuilder::AddMetro(int64_t id, std::string name,
                               absl::string_view slug,
                               const std::vector<std::string>& aliases) {
  const int32_t index = static_cast<int32_t>(s_->metros.size());
  metro_index_[id] = index;
  s_->metro_by_key.try_emplace(NormalizeKey(slug), index);
  s_->metro_by_key.try_emplace(NormalizeKey(name), index);
  for (const std::string& a : aliases) {
    s_->metro_by_key.try_emplace(NormalizeKey(a), index);
  }
  s_->metros.push_back(std::move(name));
}

int32_t SnapshotBuilder::CompanyIndex(absl::string_view name) {
  if (name.empty()) return -1;
  auto [it, inserted] = s_->company_by_name.try_emplace(
      std::string(name), static_cast<int32_t>(s_->companies.size()));
  if (inserted) {
    s_->companies.emplace_back(name);
    std::vector<int32_t>& spellings =
        s_->companies_by_lower[absl::AsciiStrToLower(name)];
    spellings.push_back(it->second);
    s_->company_group.push_back(spellings.front());
  }
  return it->second;
}

int16_t SnapshotBuilder::CurrencyIndex(absl::string_view code) {
  if (code.empty()) return -1;
  auto [it, inserted] = s_->currency_by_code.try_emplace(
      std::string(code), static_cast<int16_t>(s_->currencies.size()));
  if (inserted) s_->currencies.emplace_back(code);
  return it->second;
}

int64_t SnapshotBuilder::AddPosting(int64_t posting_id, const Posting& p) {
  const int32_t role = Lookup(role_index_, p.role_id);
  if (role < 0) {
    ++skipped_;
    return -1;
  }
  PostingColumns& c = s_->postings;
  const uint32_t index = static_cast<uint32_t>(c.size());
  posting_index_[posting_id] = index;
  c.role.push_back(role);
  c.metro.push_back(p.metro_id == 0 ? -1 : Lookup(metro_index_, p.metro_id));
  c.company.push_back(CompanyIndex(p.company));
  c.seniority.push_back(static_cast<int8_t>(p.seniority));
  c.remote.push_back(p.remote);
  c.currency.push_back(CurrencyIndex(p.currency));
  c.pay.push_back(p.pay);
  c.posted_at.push_back(p.posted_at);
  c.expires_at.push_back(p.expires_at);
  posting_skills_.emplace_back();
  return index;
}

void SnapshotBuilder::AddPostingSkill(int64_t posting_id, int64_t skill_id) {
  auto posting = posting_index_.find(posting_id);
  const int32_t skill = Lookup(skill_index_, skill_id);
  if (posting == posting_index_.end() || skill < 0) return void(++skipped_);
  posting_skills_[posting->second].push_back(skill);
}

void SnapshotBuilder::AddReport(const Report& r) {
  const int32_t role = Lookup(role_index_, r.role_id);
  if (role < 0) return void(++skipped_);
  ReportColumns& c = s_->reports;
  c.role.push_back(role);
  c.metro.push_back(r.metro_id == 0 ? -1 : Lookup(metro_index_, r.metro_id));
  c.company.push_back(CompanyIndex(r.company));
  c.seniority.push_back(static_cast<int8_t>(r.seniority));
  c.remote.push_back(r.remote);
  c.currency.push_back(CurrencyIndex(r.currency));
  c.reported_at.push_back(r.reported_at);
  // D3: total = base + bonus + equity, summed exactly in cents as PostgreSQL
  // does in numeric. D10: every component, the total included, enters the
  // snapshot banded, so nothing downstream can see a reported value.
  const int64_t base = std::llround(r.base * 100);
  const int64_t bonus = std::llround(r.bonus * 100);
  const int64_t equity = std::llround(r.equity * 100);
  const auto add = [&](Component component, int64_t cents) {
    report_pay_[static_cast<int>(component)].push_back(BandedCents(cents) /
                                                       100.0);
  };
  add(Component::kBase, base);
  add(Component::kBonus, bonus);
  add(Component::kEquity, equity);
  add(Component::kTotal, base + bonus + equity);
}

namespace {

void SortReferenceData(Snapshot& s) {
  if (s.currencies.empty()) s.currencies.push_back("USD");
  std::sort(s.transitions.begin(), s.transitions.end(),
            [](const TransitionEntry& a, const TransitionEntry& b) {
              return a.weight > b.weight;
            });
  for (auto& ladder : s.levels) {
    std::sort(ladder.begin(), ladder.end(),
              [](const LevelEntry& a, const LevelEntry& b) {
                return a.level < b.level;
              });
  }
}

// Each posting's distinct skills, in CSR form; the lists are freed as they go.
void PackPostingSkills(std::vector<std::vector<int32_t>>& lists,
                       PostingColumns& p) {
  p.skill_offsets.reserve(p.size() + 1);
  p.skill_offsets.push_back(0);
  for (auto& list : lists) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    p.skills.insert(p.skills.end(), list.begin(), list.end());
    p.skill_offsets.push_back(static_cast<uint32_t>(p.skills.size()));
    std::vector<int32_t>().swap(list);
  }
  lists.clear();
}

// Every posting by role, ascending posted_at (ties by index).
void IndexPostingsByRole(Snapshot& s) {
  const PostingColumns& p = s.postings;
  std::vector<std::pair<int64_t, uint32_t>> order;
  order.reserve(p.size());
  for (uint32_t i = 0; i < p.size(); ++i) order.emplace_back(p.posted_at[i], i);
  std::sort(order.begin(), order.end());
  s.postings_by_role.assign(s.roles.size(), {});
  for (const auto& [posted, i] : order) {
    s.postings_by_role[p.role[i]].push_back(i);
  }
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

void SortGroups(Snapshot& s, Source source, Component component,
                const std::vector<double>& pay) {
  for (int32_t role = 0; role < static_cast<int32_t>(s.roles.size()); ++role) {
    for (int16_t cur = 0; cur < static_cast<int16_t>(s.currencies.size());
         ++cur) {
      for (int sen = 0; sen < kSeniorityLevels; ++sen) {
        for (bool remote : {false, true}) {
          SortGroup(s.pay_groups[s.GroupIndex(role, source, component, cur, sen,
                                              remote)],
                    pay);
        }
      }
    }
  }
}

// Every record into its (role, source, component, currency, seniority,
// remote) group.
void AssignPayGroups(Snapshot& s) {
  s.pay_groups.assign(s.roles.size() * 2 * kComponents * s.currencies.size() *
                          kSeniorityLevels * 2,
                      PayGroup());
  const PostingColumns& p = s.postings;
  for (uint32_t i = 0; i < p.size(); ++i) {
    if (p.currency[i] < 0) continue;
    s.pay_groups[s.GroupIndex(p.role[i], Source::kPostings, Component::kBase,
                              p.currency[i], p.seniority[i], p.remote[i])]
        .records.push_back(i);
  }
  const ReportColumns& r = s.reports;
  for (int c = 0; c < kComponents; ++c) {
    for (uint32_t i = 0; i < r.size(); ++i) {
      s.pay_groups[s.GroupIndex(r.role[i], Source::kReports,
                                static_cast<Component>(c), r.currency[i],
                                r.seniority[i], r.remote[i])]
          .records.push_back(i);
    }
  }
}

// Merged arrays for the unfiltered BASE / TOTAL questions.
void MergePayGroups(Snapshot& s) {
  s.merged_pay.assign(s.roles.size() * 2 * 2 * s.currencies.size(), {});
  for (int32_t role = 0; role < static_cast<int32_t>(s.roles.size()); ++role) {
    for (int16_t cur = 0; cur < static_cast<int16_t>(s.currencies.size());
         ++cur) {
      for (Source source : {Source::kPostings, Source::kReports}) {
        for (Component c : {Component::kBase, Component::kTotal}) {
          if (source == Source::kPostings && c == Component::kTotal) continue;
          Snapshot::MergedPay& m =
              s.merged_pay[s.MergedIndex(role, source, c, cur)];
          for (int sen = 0; sen < kSeniorityLevels; ++sen) {
            for (bool remote : {false, true}) {
              const PayGroup& g =
                  s.pay_groups[s.GroupIndex(role, source, c, cur, sen, remote)];
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

}  // namespace

std::shared_ptr<const Snapshot> SnapshotBuilder::Build(DataVersion version) {
  Snapshot& s = *s_;
  s.version = version;
  SortReferenceData(s);
  PackPostingSkills(posting_skills_, s.postings);
  posting_index_.clear();
  IndexPostingsByRole(s);
  AssignPayGroups(s);
  // Groups are disjoint: half of the sorting runs on a second thread.
  std::thread helper([&] {
    SortGroups(s, Source::kPostings, Component::kBase, s.postings.pay);
    SortGroups(s, Source::kReports, Component::kBase,
               report_pay_[static_cast<int>(Component::kBase)]);
  });
  for (Component c :
       {Component::kBonus, Component::kEquity, Component::kTotal}) {
    SortGroups(s, Source::kReports, c, report_pay_[static_cast<int>(c)]);
  }
  helper.join();
  MergePayGroups(s);
  for (auto& v : report_pay_) std::vector<double>().swap(v);
  return std::shared_ptr<const Snapshot>(s_.release());
}

}  // namespace compdata::engine
