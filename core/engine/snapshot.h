#ifndef COMPDATA_CORE_ENGINE_SNAPSHOT_H_
#define COMPDATA_CORE_ENGINE_SNAPSHOT_H_

// The immutable in-memory image of the database that every read answers
// from. Records are stored column-wise; pay values are pre-sorted per group
// (role, source, component, currency, seniority, remote), so a percentile
// never needs a sort at request time.

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/engine/model.h"
#include "core/engine/official.h"
#include "core/engine/stats.h"

namespace compdata::engine {

// Numbering of the API's SeniorityLevel: 0 = not stated.
inline constexpr int kSeniorityLevels = 6;
enum class Component { kBase = 0, kBonus = 1, kEquity = 2, kTotal = 3 };
inline constexpr int kComponents = 4;
enum class Source { kPostings = 0, kReports = 1 };

inline constexpr int64_t kNoExpiry = std::numeric_limits<int64_t>::max();

struct LevelEntry {
  int level = 0;
  int seniority = 0;  // 0 = none
  std::string title;
  std::string summary;
};

struct TransitionEntry {
  int32_t from = 0;  // role index
  int32_t to = 0;
  std::string kind;  // "advancement" | "lateral" | "switch"
  double weight = 0;
};

struct SkillEntry {
  int64_t id = 0;
  std::string slug;
  std::string display_name;
  std::string category;
  std::string description;
  std::vector<std::string> aliases;
};

// Pay values of one group in ascending order, with the record each came
// from (an index into the source's columns) and their exact sum.
struct PayGroup {
  std::vector<double> values;
  std::vector<uint32_t> records;
  ExactSum sum;
};

// A posting's pay (the annualised midpoint, D2) is held only in its pay
// group, like a report's.
struct PostingColumns {
  std::vector<int32_t> role;
  std::vector<int32_t> metro;    // -1 = none
  std::vector<int32_t> company;  // index into Snapshot::companies, -1 = none
  std::vector<int8_t> seniority;
  std::vector<uint8_t> remote;
  std::vector<int16_t> currency;        // -1 = no advertised pay
  std::vector<int64_t> posted_at;       // unix microseconds
  std::vector<int64_t> expires_at;      // unix microseconds, kNoExpiry = none
  std::vector<uint32_t> skill_offsets;  // size() + 1 entries
  std::vector<int32_t> skills;          // skill indexes, per posting ascending
  size_t size() const { return role.size(); }
};

struct ReportColumns {
  std::vector<int32_t> role;
  std::vector<int32_t> metro;
  std::vector<int32_t> company;
  std::vector<int8_t> seniority;
  std::vector<uint8_t> remote;
  std::vector<int16_t> currency;
  std::vector<int64_t> reported_at;  // unix microseconds
  size_t size() const { return role.size(); }
};

// Database ids of a part's records: 32-bit offsets from the smallest when
// they span less than 2^32 (identity ids nearly always do), else whole.
class IdColumn {
 public:
  IdColumn() = default;
  explicit IdColumn(const std::vector<int64_t>& ids);
  int64_t operator[](size_t i) const {
    return wide_.empty() ? base_ + narrow_[i] : wide_[i];
  }
  size_t size() const { return wide_.empty() ? narrow_.size() : wide_.size(); }

 private:
  int64_t base_ = 0;
  std::vector<uint32_t> narrow_;
  std::vector<int64_t> wide_;
};

// Pay values of one group of one part for the unfiltered BASE / TOTAL
// questions: every level and remote group merged. Values only, ascending.
struct MergedPay {
  std::vector<double> values;
  ExactSum sum;
};

// An immutable batch of records with everything a query needs to read them:
// columns, database ids, pre-sorted pay groups. A snapshot is a list of
// parts; a change to the database adds a part holding the changed rows and
// marks their old versions dead (see Snapshot::Part), so a write costs in
// proportion to the change, and parts are shared between versions.
struct RecordPart {
  PostingColumns postings;
  ReportColumns reports;
  // Database ids, per record; and the record indexes in ascending id order
  // (to find a record by id when a change retracts it).
  IdColumn posting_ids;
  IdColumn report_ids;
  std::vector<uint32_t> postings_by_id;
  std::vector<uint32_t> reports_by_id;
  // Every posting of a role, ascending posted_at (demand figures scan it).
  std::vector<std::vector<uint32_t>> postings_by_role;

  // Dimensions the groups were built for: roles and currencies added later
  // have no records here.
  int32_t roles = 0;
  int16_t currencies = 0;
  // Pay groups, keyed by (role, source, component, currency, seniority,
  // remote): a filter on seniority and remote picks whole groups. Postings
  // have one pay value, stored under kBase and used for kBase and kTotal.
  // Only the groups that hold values are kept (a small part has values in
  // few of them): group_slot, by GroupIndex, gives the place of each in
  // pay_groups, or -1.
  std::vector<int32_t> group_slot;
  std::vector<PayGroup> pay_groups;
  // Per (role, source, BASE or TOTAL, currency).
  std::vector<MergedPay> merged_pay;

  size_t GroupIndex(int32_t role, Source source, Component component,
                    int16_t currency, int seniority, bool remote) const {
    const size_t per_role = 2 * kComponents * static_cast<size_t>(currencies) *
                            kSeniorityLevels * 2;
    return static_cast<size_t>(role) * per_role +
           (((static_cast<size_t>(source) * kComponents +
              static_cast<size_t>(component)) *
                 static_cast<size_t>(currencies) +
             static_cast<size_t>(currency)) *
                kSeniorityLevels +
            static_cast<size_t>(seniority)) *
               2 +
           (remote ? 1 : 0);
  }
  size_t MergedIndex(int32_t role, Source source, Component component,
                     int16_t currency) const {
    const size_t slot = component == Component::kTotal ? 1 : 0;
    return ((static_cast<size_t>(role) * 2 + static_cast<size_t>(source)) * 2 +
            slot) *
               static_cast<size_t>(currencies) +
           static_cast<size_t>(currency);
  }
  bool Covers(int32_t role, int16_t currency) const {
    return role < roles && currency < currencies;
  }
  const PayGroup& Group(int32_t role, Source source, Component component,
                        int16_t currency, int seniority, bool remote) const;
  const MergedPay& Merged(int32_t role, Source source, Component component,
                          int16_t currency) const;
  // The record with this database id, or -1.
  int64_t FindPosting(int64_t id) const;
  int64_t FindReport(int64_t id) const;
};

// Records of a part that a later version replaced or deleted.
struct DeadRecords {
  std::vector<bool> postings;  // empty = none dead
  std::vector<bool> reports;
  int64_t dead_postings = 0;
  int64_t dead_reports = 0;
  bool Posting(uint32_t i) const { return !postings.empty() && postings[i]; }
  bool Report(uint32_t i) const { return !reports.empty() && reports[i]; }
  bool any() const { return dead_postings + dead_reports > 0; }
};

struct Snapshot {
  DataVersion version;
  // Where the database stood when this version was read (opaque to the
  // engine: the loader's change cursor), so the next version can be read as
  // the changes since.
  std::string change_cursor;

  // Roles, skills and metros are indexed in database id order: ids only
  // grow, so reference data added later extends the indexes the record
  // parts already hold instead of moving them.
  std::vector<Role> roles;                      // index = role index
  std::vector<int32_t> roles_by_slug;           // role indexes, slug order
  std::vector<std::vector<LevelEntry>> levels;  // per role, ascending
  std::vector<TransitionEntry> transitions;     // descending weight
  std::vector<SkillEntry> skills;
  std::vector<std::string> metros;      // display names
  std::vector<int64_t> metro_ids;       // database ids, by metro index
  std::vector<std::string> companies;   // distinct company names
  std::vector<std::string> currencies;  // ISO codes seen

  // Name lookups (NormalizeKey of slug, title, alias -> index).
  absl::flat_hash_map<std::string, int32_t> role_by_key;
  absl::flat_hash_map<std::string, int32_t> skill_by_key;
  absl::flat_hash_map<std::string, int32_t> metro_by_key;
  absl::flat_hash_map<std::string, int32_t> company_by_name;
  // Lower-cased name -> every company spelled that way (filters match
  // names case-insensitively).
  absl::flat_hash_map<std::string, std::vector<int32_t>> companies_by_lower;
  // Company index -> the first spelling of its lower-cased name: top lists
  // count a company once, however it is spelled, as filters match it.
  std::vector<int32_t> company_group;
  absl::flat_hash_map<std::string, int16_t> currency_by_code;

  // The records, oldest part first. A part is shared by every version that
  // holds it; `dead` (null = none) is this version's view of which of its
  // records were replaced since.
  struct Part {
    std::shared_ptr<const RecordPart> records;
    std::shared_ptr<const DeadRecords> dead;
    const DeadRecords* dead_or_null() const { return dead.get(); }
  };
  std::vector<Part> parts;

  // Official statistics and their links to roles (official.h); null = none
  // imported. Shared between versions until an import changes them.
  std::shared_ptr<const OfficialStatistics> official;

  // Live records.
  int64_t posting_count() const;
  int64_t report_count() const;
};

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_SNAPSHOT_H_
