#include "core/engine/snapshot_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/ascii.h"
#include "common/normalize.h"
#include "core/engine/privacy.h"

namespace compdata::engine {

SnapshotBuilder::SnapshotBuilder() : s_(std::make_unique<Snapshot>()) {}

SnapshotBuilder::SnapshotBuilder(const Snapshot& previous)
    : s_(std::make_unique<Snapshot>(previous)), incremental_(true) {
  for (int32_t i = 0; i < static_cast<int32_t>(s_->roles.size()); ++i) {
    role_index_[s_->roles[i].id] = i;
  }
  for (int32_t i = 0; i < static_cast<int32_t>(s_->skills.size()); ++i) {
    skill_index_[s_->skills[i].id] = i;
  }
  for (int32_t i = 0; i < static_cast<int32_t>(s_->metro_ids.size()); ++i) {
    metro_index_[s_->metro_ids[i]] = i;
  }
  dead_.resize(s_->parts.size());
}

void SnapshotBuilder::ReplaceReference() {
  Snapshot& s = *s_;
  for (const Role& r : s.roles) previous_role_ids_.push_back(r.id);
  for (const SkillEntry& k : s.skills) previous_skill_ids_.push_back(k.id);
  previous_metro_ids_ = s.metro_ids;
  s.roles.clear();
  s.roles_by_slug.clear();
  s.levels.clear();
  s.transitions.clear();
  s.skills.clear();
  s.metros.clear();
  s.metro_ids.clear();
  s.role_by_key.clear();
  s.skill_by_key.clear();
  s.metro_by_key.clear();
  role_index_.clear();
  skill_index_.clear();
  metro_index_.clear();
  reference_replaced_ = true;
}

namespace {

// Whether `now` starts with `before`.
bool Extends(const std::vector<int64_t>& before,
             const std::vector<int64_t>& now) {
  return now.size() >= before.size() &&
         std::equal(before.begin(), before.end(), now.begin());
}

}  // namespace

bool SnapshotBuilder::KeepsRecordIndexes() const {
  if (!reference_replaced_) return true;
  std::vector<int64_t> roles, skills;
  for (const Role& r : s_->roles) roles.push_back(r.id);
  for (const SkillEntry& k : s_->skills) skills.push_back(k.id);
  return Extends(previous_role_ids_, roles) &&
         Extends(previous_skill_ids_, skills) &&
         Extends(previous_metro_ids_, s_->metro_ids);
}

int32_t SnapshotBuilder::Lookup(
    const absl::flat_hash_map<int64_t, int32_t>& ids, int64_t id) {
  auto it = ids.find(id);
  return it == ids.end() ? -1 : it->second;
}

void SnapshotBuilder::AddRole(int64_t id, Role role) {
  // The id given is the role's: a later version finds the role by it.
  role.id = id;
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
  s_->metro_ids.push_back(id);
}

void SnapshotBuilder::ReplaceOfficial(
    std::vector<std::pair<int64_t, OfficialStatistic>> rows,
    const std::vector<std::pair<int64_t, int64_t>>& row_role_links) {
  absl::flat_hash_map<int64_t, int32_t> row_index;
  std::vector<OfficialStatistic> statistics;
  statistics.reserve(rows.size());
  for (auto& [id, row] : rows) {
    row_index[id] = static_cast<int32_t>(statistics.size());
    statistics.push_back(std::move(row));
  }
  std::vector<std::pair<int32_t, int32_t>> links;
  for (const auto& [row_id, role_id] : row_role_links) {
    const int32_t row = Lookup(row_index, row_id);
    const int32_t role = Lookup(role_index_, role_id);
    if (row < 0 || role < 0) {
      ++skipped_;
      continue;
    }
    links.emplace_back(row, role);
  }
  s_->official = std::make_shared<const OfficialStatistics>(
      IndexOfficialStatistics(std::move(statistics), links, s_->roles.size()));
}

int32_t SnapshotBuilder::CompanyIndex(absl::string_view name) {
  if (name.empty()) return -1;
  // Looked up by view first: nearly every record names a company seen
  // before, and building a key string for each costs an allocation.
  if (auto found = s_->company_by_name.find(name);
      found != s_->company_by_name.end()) {
    return found->second;
  }
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
  if (auto found = s_->currency_by_code.find(code);
      found != s_->currency_by_code.end()) {
    return found->second;
  }
  auto [it, inserted] = s_->currency_by_code.try_emplace(
      std::string(code), static_cast<int16_t>(s_->currencies.size()));
  if (inserted) s_->currencies.emplace_back(code);
  return it->second;
}

void SnapshotBuilder::Reserve(int64_t postings, int64_t reports,
                              int64_t posting_skills) {
  const auto at_least_0 = [](int64_t n) {
    return static_cast<size_t>(std::max<int64_t>(n, 0));
  };
  part_.Reserve(at_least_0(postings), at_least_0(reports),
                at_least_0(posting_skills));
}

int64_t SnapshotBuilder::AddPosting(int64_t posting_id, const Posting& p) {
  const int32_t role = Lookup(role_index_, p.role_id);
  if (role < 0) {
    ++skipped_;
    return -1;
  }
  if (incremental_) RemovePosting(posting_id);
  const uint32_t index = part_.AddPosting(
      posting_id,
      PartBuilder::Posting{
          role, p.metro_id == 0 ? -1 : Lookup(metro_index_, p.metro_id),
          CompanyIndex(p.company), static_cast<int8_t>(p.seniority), p.remote,
          CurrencyIndex(p.currency), p.pay, p.posted_at, p.expires_at});
  if (posting_index_built_) IndexPosting(posting_id, index);
  return index;
}

// A posting added after skills began: into the index as it stands (the
// dense array while the id falls in its range, else the hash map).
void SnapshotBuilder::IndexPosting(int64_t posting_id, uint32_t index) {
  const int64_t at = posting_id - dense_base_;
  if (!dense_index_.empty() && at >= 0 &&
      at < static_cast<int64_t>(dense_index_.size())) {
    dense_index_[at] = index;
    return;
  }
  for (size_t i = 0; i < dense_index_.size(); ++i) {
    if (dense_index_[i] != std::numeric_limits<uint32_t>::max()) {
      posting_index_[dense_base_ + static_cast<int64_t>(i)] = dense_index_[i];
    }
  }
  std::vector<uint32_t>().swap(dense_index_);
  posting_index_[posting_id] = index;
}

int64_t SnapshotBuilder::PostingIndex(int64_t posting_id) {
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  if (!posting_index_built_) {
    posting_index_built_ = true;
    const std::vector<int64_t>& ids = part_.posting_ids();
    if (!ids.empty()) {
      const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
      if (static_cast<uint64_t>(*hi - *lo) < 4 * ids.size() + 1024) {
        dense_base_ = *lo;
        dense_index_.assign(static_cast<size_t>(*hi - *lo + 1), kNone);
        for (uint32_t i = 0; i < ids.size(); ++i) {
          dense_index_[ids[i] - dense_base_] = i;
        }
      } else {
        posting_index_.reserve(ids.size());
        for (uint32_t i = 0; i < ids.size(); ++i) posting_index_[ids[i]] = i;
      }
    }
  }
  if (!dense_index_.empty()) {
    const int64_t at = posting_id - dense_base_;
    if (at < 0 || at >= static_cast<int64_t>(dense_index_.size())) return -1;
    return dense_index_[at] == kNone ? -1 : dense_index_[at];
  }
  auto it = posting_index_.find(posting_id);
  return it == posting_index_.end() ? -1 : it->second;
}

void SnapshotBuilder::AddPostingSkill(int64_t posting_id, int64_t skill_id) {
  const int64_t posting = PostingIndex(posting_id);
  const int32_t skill = Lookup(skill_index_, skill_id);
  if (posting < 0 || skill < 0) return void(++skipped_);
  part_.AddPostingSkill(static_cast<uint32_t>(posting), skill);
}

void SnapshotBuilder::AddReport(int64_t report_id, const Report& r) {
  const int32_t role = Lookup(role_index_, r.role_id);
  if (role < 0) return void(++skipped_);
  if (incremental_) RemoveReport(report_id);
  PartBuilder::Report x{role,
                        r.metro_id == 0 ? -1 : Lookup(metro_index_, r.metro_id),
                        CompanyIndex(r.company),
                        static_cast<int8_t>(r.seniority),
                        r.remote,
                        CurrencyIndex(r.currency),
                        r.reported_at};
  // D3: total = base + bonus + equity, summed exactly in cents as PostgreSQL
  // does in numeric. D10: every component, the total included, enters the
  // snapshot banded, so nothing downstream can see a reported value.
  const int64_t base = std::llround(r.base * 100);
  const int64_t bonus = std::llround(r.bonus * 100);
  const int64_t equity = std::llround(r.equity * 100);
  const int64_t cents[kComponents] = {base, bonus, equity,
                                      base + bonus + equity};
  for (int c = 0; c < kComponents; ++c) {
    x.pay[c] = BandedCents(cents[c]) / 100.0;
  }
  part_.AddReport(report_id, x);
}

DeadRecords& SnapshotBuilder::DeadOf(size_t part) {
  if (dead_[part] == nullptr) {
    const Snapshot::Part& p = s_->parts[part];
    dead_[part] = p.dead ? std::make_shared<DeadRecords>(*p.dead)
                         : std::make_shared<DeadRecords>();
  }
  return *dead_[part];
}

void SnapshotBuilder::Remove(Source source, int64_t id) {
  const bool posting = source == Source::kPostings;
  for (size_t k = 0; k < s_->parts.size(); ++k) {
    const RecordPart& part = *s_->parts[k].records;
    const int64_t i = posting ? part.FindPosting(id) : part.FindReport(id);
    if (i < 0) continue;
    const DeadRecords* seen =
        dead_[k] ? dead_[k].get() : s_->parts[k].dead_or_null();
    const auto record = static_cast<uint32_t>(i);
    if (seen != nullptr &&
        (posting ? seen->Posting(record) : seen->Report(record))) {
      continue;
    }
    DeadRecords& dead = DeadOf(k);
    std::vector<bool>& marks = posting ? dead.postings : dead.reports;
    if (marks.empty()) {
      marks.assign(posting ? part.postings.size() : part.reports.size(), false);
    }
    marks[record] = true;
    ++(posting ? dead.dead_postings : dead.dead_reports);
    return;  // a record is live in one part at most
  }
}

namespace {

int64_t LiveSize(const Snapshot::Part& p) {
  int64_t n = static_cast<int64_t>(p.records->postings.size() +
                                   p.records->reports.size());
  if (p.dead) n -= p.dead->dead_postings + p.dead->dead_reports;
  return n;
}

void SortReferenceData(Snapshot& s) {
  s.roles_by_slug.resize(s.roles.size());
  for (int32_t i = 0; i < static_cast<int32_t>(s.roles.size()); ++i) {
    s.roles_by_slug[i] = i;
  }
  std::sort(
      s.roles_by_slug.begin(), s.roles_by_slug.end(),
      [&](int32_t a, int32_t b) { return s.roles[a].slug < s.roles[b].slug; });
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

// Beyond this many parts the last two are merged whatever their sizes, so a
// query never visits more.
constexpr size_t kMaxParts = 24;
// Merges build parts of up to a sixteenth of the live records (and at least
// this many): a merge holds its inputs and its output at once, so memory
// peaks at most that fraction above steady while changes apply.
constexpr int64_t kMinMergeCap = 1 << 16;

std::shared_ptr<const RecordPart> Rebuild(
    const std::vector<const Snapshot::Part*>& parts, const Snapshot& s) {
  PartBuilder merged;
  for (const Snapshot::Part* p : parts) {
    merged.AddLive(*p->records, p->dead_or_null());
  }
  return merged.Finish(static_cast<int32_t>(s.roles.size()),
                       static_cast<int16_t>(s.currencies.size()));
}

}  // namespace

// Parts stay geometrically sized, as in a log-structured merge: a part
// that has grown to half the live size of the one before it is merged into
// it, up to the cap above. A record is then rebuilt O(log n) times over its
// life, and a query visits O(log n) parts. A part mostly replaced since is
// rebuilt alone, so dead records do not accumulate.
void SnapshotBuilder::MergeSmallParts() {
  std::vector<Snapshot::Part>& parts = s_->parts;
  int64_t live = 0;
  for (const Snapshot::Part& p : parts) live += LiveSize(p);
  const int64_t cap = std::max(kMinMergeCap, live / 16);
  while (parts.size() >= 2) {
    const Snapshot::Part& last = parts[parts.size() - 1];
    const Snapshot::Part& before = parts[parts.size() - 2];
    const bool tier = LiveSize(last) * 2 >= LiveSize(before) &&
                      LiveSize(last) + LiveSize(before) <= cap;
    if (!tier && parts.size() <= kMaxParts) break;
    Snapshot::Part part{Rebuild({&before, &last}, *s_), nullptr};
    parts.pop_back();
    parts.back() = std::move(part);
  }
  for (Snapshot::Part& p : parts) {
    const int64_t held = static_cast<int64_t>(p.records->postings.size() +
                                              p.records->reports.size());
    if (p.dead && LiveSize(p) * 2 < held && held <= 2 * cap) {
      p = Snapshot::Part{Rebuild({&p}, *s_), nullptr};
    }
  }
}

std::shared_ptr<const Snapshot> SnapshotBuilder::Build(
    DataVersion version, std::string change_cursor) {
  Snapshot& s = *s_;
  s.version = version;
  s.change_cursor = std::move(change_cursor);
  if (!incremental_ || reference_replaced_) SortReferenceData(s);
  if (s.currencies.empty()) CurrencyIndex("USD");
  posting_index_.clear();
  std::vector<uint32_t>().swap(dense_index_);
  for (size_t k = 0; k < dead_.size(); ++k) {
    if (dead_[k] != nullptr) s.parts[k].dead = std::move(dead_[k]);
  }
  if (!incremental_ || part_.size() > 0) {
    s.parts.push_back(
        Snapshot::Part{part_.Finish(static_cast<int32_t>(s.roles.size()),
                                    static_cast<int16_t>(s.currencies.size())),
                       nullptr});
  }
  if (incremental_) MergeSmallParts();
  return std::shared_ptr<const Snapshot>(s_.release());
}

}  // namespace compdata::engine
