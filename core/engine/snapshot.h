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

struct PostingColumns {
  std::vector<int32_t> role;
  std::vector<int32_t> metro;    // -1 = none
  std::vector<int32_t> company;  // index into Snapshot::companies, -1 = none
  std::vector<int8_t> seniority;
  std::vector<uint8_t> remote;
  std::vector<int16_t> currency;        // -1 = no advertised pay
  std::vector<double> pay;              // annualised midpoint (D2)
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

struct Snapshot {
  DataVersion version;

  std::vector<Role> roles;                      // index = role index
  std::vector<std::vector<LevelEntry>> levels;  // per role, ascending
  std::vector<TransitionEntry> transitions;     // descending weight
  std::vector<SkillEntry> skills;
  std::vector<std::string> metros;      // display names
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

  PostingColumns postings;
  ReportColumns reports;
  // Every posting of a role, ascending posted_at (demand figures scan it).
  std::vector<std::vector<uint32_t>> postings_by_role;

  // Pay groups, addressed by GroupIndex(). Postings have one pay value,
  // stored under kBase and used for kBase and kTotal alike.
  std::vector<PayGroup> pay_groups;

  // Every level and remote group of (role, source, currency) merged, for
  // kBase and kTotal only (the common, unfiltered questions): selecting
  // across one array instead of twelve. Values only, ascending.
  struct MergedPay {
    std::vector<double> values;
    ExactSum sum;
  };
  std::vector<MergedPay> merged_pay;
  size_t MergedIndex(int32_t role, Source source, Component component,
                     int16_t currency) const {
    const size_t slot = component == Component::kTotal ? 1 : 0;
    return ((static_cast<size_t>(role) * 2 + static_cast<size_t>(source)) * 2 +
            slot) *
               currencies.size() +
           static_cast<size_t>(currency);
  }

  // Groups are keyed by (role, source, component, currency, seniority,
  // remote): a filter on seniority and remote picks whole groups.
  size_t GroupIndex(int32_t role, Source source, Component component,
                    int16_t currency, int seniority, bool remote) const {
    const size_t per_role =
        2 * kComponents * currencies.size() * kSeniorityLevels * 2;
    return static_cast<size_t>(role) * per_role +
           (((static_cast<size_t>(source) * kComponents +
              static_cast<size_t>(component)) *
                 currencies.size() +
             static_cast<size_t>(currency)) *
                kSeniorityLevels +
            static_cast<size_t>(seniority)) *
               2 +
           (remote ? 1 : 0);
  }
  const PayGroup& Group(int32_t role, Source source, Component component,
                        int16_t currency, int seniority, bool remote) const {
    return pay_groups[GroupIndex(role, source, component, currency, seniority,
                                 remote)];
  }
};

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_SNAPSHOT_H_
