#ifndef COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_
#define COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/engine/snapshot.h"

namespace compdata::engine {

// Collects the database's rows (reference data first, then records) and
// builds the indexed, immutable Snapshot. Ids are database ids; records that
// name an id not added before are skipped and counted.
class SnapshotBuilder {
 public:
  SnapshotBuilder();

  void AddRole(int64_t id, Role role);
  void AddLevel(int64_t role_id, LevelEntry level);
  void AddTransition(int64_t from_role_id, int64_t to_role_id, std::string kind,
                     double weight);
  void AddSkill(SkillEntry skill);
  void AddMetro(int64_t id, std::string name, absl::string_view slug,
                const std::vector<std::string>& aliases);

  struct Posting {
    int64_t role_id = 0;
    int64_t metro_id = 0;  // 0 = none
    absl::string_view company;
    int seniority = 0;
    bool remote = false;
    absl::string_view currency;  // empty = no advertised pay
    double pay = 0;              // annualised midpoint
    int64_t posted_at = 0;
    int64_t expires_at = kNoExpiry;
  };
  // Returns the posting's index, for AddPostingSkill.
  int64_t AddPosting(int64_t posting_id, const Posting& posting);
  void AddPostingSkill(int64_t posting_id, int64_t skill_id);

  struct Report {
    int64_t role_id = 0;
    int64_t metro_id = 0;
    absl::string_view company;
    int seniority = 0;
    bool remote = false;
    absl::string_view currency;
    double base = 0;  // annualised
    double bonus = 0;
    double equity = 0;
    int64_t reported_at = 0;
  };
  void AddReport(const Report& report);

  int64_t skipped() const { return skipped_; }

  std::shared_ptr<const Snapshot> Build(DataVersion version);

 private:
  int32_t CompanyIndex(absl::string_view name);
  int16_t CurrencyIndex(absl::string_view code);
  int32_t Lookup(const absl::flat_hash_map<int64_t, int32_t>& ids, int64_t id);

  std::unique_ptr<Snapshot> s_;
  absl::flat_hash_map<int64_t, int32_t> role_index_;
  absl::flat_hash_map<int64_t, int32_t> skill_index_;
  absl::flat_hash_map<int64_t, int32_t> metro_index_;
  absl::flat_hash_map<int64_t, uint32_t> posting_index_;
  std::vector<std::vector<int32_t>> posting_skills_;
  // Report pay per component, until the groups are built.
  std::vector<double> report_pay_[kComponents];
  int64_t skipped_ = 0;
};

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_
