#include "db/ingest_writer.h"

#include <array>
#include <pqxx/stream_to>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "common/normalize.h"
#include "core/ingest/pay.h"
#include "db/ingest_statements.h"

namespace compdata::db {
namespace {

using ingest::CentsToDecimal;
using ingest::UpsertCounts;

std::string Rfc3339(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

std::string OptionalId(const std::optional<int64_t>& id) {
  return id.has_value() ? absl::StrCat(*id) : "";
}

// Lower-kebab slug from a metro name; empty keys are rejected upstream.
std::string MetroSlug(const std::string& key) {
  std::string slug;
  for (char c : key) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(c);
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "metro" : slug.substr(0, 64);
}

// Ids of metros named for the first time in this batch, created as needed.
absl::flat_hash_map<std::string, int64_t> EnsureMetros(
    pqxx::work& txn, const absl::flat_hash_set<std::string>& names) {
  absl::flat_hash_map<std::string, int64_t> ids;
  for (const std::string& name : names) {
    const std::string key = NormalizeKey(name);
    pqxx::row row = txn.exec_prepared1(std::string(kEnsureMetro.name),
                                       MetroSlug(key), name, key);
    ids[name] = row[0].as<int64_t>();
  }
  return ids;
}

template <typename Row>
absl::flat_hash_map<std::string, int64_t> NewMetros(
    pqxx::work& txn, const std::vector<Row>& rows) {
  absl::flat_hash_set<std::string> names;
  for (const Row& r : rows) {
    if (!r.new_metro.empty()) names.insert(r.new_metro);
  }
  return names.empty() ? absl::flat_hash_map<std::string, int64_t>{}
                       : EnsureMetros(txn, names);
}

template <typename Row>
std::string MetroId(const Row& row,
                    const absl::flat_hash_map<std::string, int64_t>& created) {
  if (!row.new_metro.empty()) return absl::StrCat(created.at(row.new_metro));
  return OptionalId(row.metro_id);
}

UpsertCounts CountResult(pqxx::work& txn) {
  pqxx::row row = txn.exec_prepared1(std::string(kCountIngestResult.name));
  return UpsertCounts{row[0].as<int64_t>(), row[1].as<int64_t>()};
}

bool IsInserted(const pqxx::row& row, int column) {
  return row[column].as<bool>();
}

void Count(bool inserted, UpsertCounts* counts) {
  ++(inserted ? counts->inserted : counts->updated);
}

// Inserts each alias once per key; a key equal to another entry's alias
// violates the primary key and fails the batch (validation checks first).
template <typename Statement>
void InsertAliases(pqxx::work& txn, const Statement& statement, int64_t id,
                   const std::vector<std::string>& aliases) {
  absl::flat_hash_set<std::string> keys;
  for (const std::string& alias : aliases) {
    std::string key = NormalizeKey(alias);
    if (keys.insert(key).second) {
      txn.exec_prepared(std::string(statement.name), key, alias, id);
    }
  }
}

}  // namespace

UpsertCounts WritePostings(pqxx::work& txn,
                           const std::vector<ingest::PostingRow>& rows) {
  if (rows.empty()) return {};
  const auto metros = NewMetros(txn, rows);
  {
    pqxx::stream_to copy(txn, "staging_postings");
    std::array<std::string, 17> f;
    for (const ingest::PostingRow& r : rows) {
      f[0] = r.source;
      f[1] = r.source_id;
      f[2] = absl::StrCat(r.role_id);
      f[3] = r.title;
      f[4] = r.company;
      f[5] = MetroId(r, metros);
      f[6] = r.remote ? "t" : "f";
      f[7] = r.seniority;
      if (r.pay.has_value()) {
        f[8] = r.pay->currency;
        f[9] = r.pay->pay_period;
        f[10] = CentsToDecimal(r.pay->min_cents);
        f[11] = CentsToDecimal(r.pay->max_cents);
        f[12] = CentsToDecimal(r.pay->annual_min_cents);
        f[13] = CentsToDecimal(r.pay->annual_max_cents);
      } else {
        for (int i = 8; i <= 13; ++i) f[i].clear();
      }
      f[14] = Rfc3339(r.posted_at);
      f[15] = r.expires_at.has_value() ? Rfc3339(*r.expires_at) : "";
      f[16] = absl::StrCat("{", absl::StrJoin(r.skill_ids, ","), "}");
      copy << f;
    }
    copy.complete();
  }
  txn.exec_prepared(std::string(kUpsertStagedPostings.name));
  txn.exec_prepared(std::string(kDeleteUpdatedPostingSkills.name));
  txn.exec_prepared(std::string(kInsertStagedPostingSkills.name));
  return CountResult(txn);
}

UpsertCounts WriteReports(pqxx::work& txn,
                          const std::vector<ingest::ReportRow>& rows) {
  if (rows.empty()) return {};
  const auto metros = NewMetros(txn, rows);
  {
    pqxx::stream_to copy(txn, "staging_reports");
    std::array<std::string, 15> f;
    for (const ingest::ReportRow& r : rows) {
      f[0] = r.source;
      f[1] = r.source_id;
      f[2] = absl::StrCat(r.role_id);
      f[3] = r.seniority;
      f[4] = r.years_of_experience.has_value()
                 ? absl::StrCat(*r.years_of_experience)
                 : "";
      f[5] = r.company;
      f[6] = MetroId(r, metros);
      f[7] = r.remote ? "t" : "f";
      f[8] = r.currency;
      f[9] = r.pay_period;
      f[10] = CentsToDecimal(r.base_cents);
      f[11] = CentsToDecimal(r.annual_base_cents);
      f[12] = CentsToDecimal(r.bonus_cents);
      f[13] = CentsToDecimal(r.equity_cents);
      f[14] = Rfc3339(r.reported_at);
      copy << f;
    }
    copy.complete();
  }
  txn.exec_prepared(std::string(kUpsertStagedReports.name));
  return CountResult(txn);
}

UpsertCounts WriteRoles(pqxx::work& txn,
                        const std::vector<ingest::RoleRow>& rows) {
  UpsertCounts counts;
  for (const ingest::RoleRow& r : rows) {
    pqxx::row up = txn.exec_prepared1(std::string(kUpsertRole.name), r.slug,
                                      r.title, r.family, r.summary);
    const int64_t id = up[0].as<int64_t>();
    Count(IsInserted(up, 1), &counts);
    txn.exec_prepared(std::string(kDeleteRoleDetails.name), id);
    InsertAliases(txn, kInsertRoleAlias, id, r.aliases);
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {
        {"responsibility", &r.responsibilities},
        {"decision_ownership", &r.decision_ownership},
        {"stakeholder", &r.stakeholders},
        {"performance_measure", &r.performance_measures},
    };
    for (const auto& [kind, items] : lists) {
      for (size_t i = 0; i < items->size(); ++i) {
        txn.exec_prepared(std::string(kInsertRoleProfileItem.name), id, kind,
                          static_cast<int>(i), (*items)[i]);
      }
    }
    for (size_t i = 0; i < r.attribute_scores.size(); ++i) {
      const auto& a = r.attribute_scores[i];
      txn.exec_prepared(std::string(kInsertRoleAttributeScore.name), id,
                        a.attribute, a.display_name, static_cast<int>(i),
                        a.score);
    }
  }
  return counts;
}

UpsertCounts WriteSkills(pqxx::work& txn,
                         const std::vector<ingest::SkillRow>& rows) {
  UpsertCounts counts;
  for (const ingest::SkillRow& s : rows) {
    pqxx::row up =
        txn.exec_prepared1(std::string(kUpsertSkill.name), s.slug,
                           s.display_name, s.category, s.description);
    const int64_t id = up[0].as<int64_t>();
    Count(IsInserted(up, 1), &counts);
    txn.exec_prepared(std::string(kDeleteSkillAliases.name), id);
    InsertAliases(txn, kInsertSkillAlias, id, s.aliases);
  }
  return counts;
}

UpsertCounts WriteRoleLevels(pqxx::work& txn,
                             const std::vector<ingest::RoleLevelRow>& rows) {
  UpsertCounts counts;
  for (const ingest::RoleLevelRow& l : rows) {
    pqxx::row up =
        txn.exec_prepared1(std::string(kUpsertRoleLevel.name), l.role_id,
                           l.level, l.seniority, l.title, l.summary);
    Count(IsInserted(up, 0), &counts);
  }
  return counts;
}

UpsertCounts WriteRoleTransitions(
    pqxx::work& txn, const std::vector<ingest::RoleTransitionRow>& rows) {
  UpsertCounts counts;
  for (const ingest::RoleTransitionRow& t : rows) {
    pqxx::row up =
        txn.exec_prepared1(std::string(kUpsertRoleTransition.name),
                           t.from_role_id, t.to_role_id, t.kind, t.weight);
    Count(IsInserted(up, 0), &counts);
  }
  return counts;
}

ingest::ReferenceIndex LoadReferenceIndex(pqxx::work& txn) {
  ingest::ReferenceIndex index;
  for (const auto& row : txn.exec_prepared(std::string(kReferenceNames.name))) {
    const std::string kind = row[0].as<std::string>();
    const int64_t id = row[1].as<int64_t>();
    const std::string name = row[3].as<std::string>();
    ingest::NameIndex& names = kind == "role"    ? index.roles
                               : kind == "skill" ? index.skills
                                                 : index.metros;
    if (!row[2].is_null()) {
      const std::string slug = row[2].as<std::string>();
      names.Add(id, slug);
      if (kind == "role") index.role_slugs[slug] = id;
      if (kind == "skill") index.skill_slugs[slug] = id;
    }
    names.Add(id, name);
  }
  return index;
}

}  // namespace compdata::db
