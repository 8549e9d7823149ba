#ifndef COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_
#define COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "core/engine/part_builder.h"
#include "core/engine/snapshot.h"

namespace compdata::engine {

// Collects the database's rows (reference data first, then records) and
// builds the indexed, immutable Snapshot. Ids are database ids; records that
// name an id not added before are skipped and counted.
//
// Built from a previous snapshot, it makes the next version: reference data
// and record parts are shared, the records added form a new part and replace
// the live record with the same id wherever it is, and small parts are
// merged so that a snapshot holds O(log n) parts.
class SnapshotBuilder {
 public:
  SnapshotBuilder();
  explicit SnapshotBuilder(const Snapshot& previous);

  // From a previous snapshot: its reference data is dropped and read anew
  // through the Add* calls below (before any record). Record parts are kept
  // when KeepsRecordIndexes() holds afterwards.
  void ReplaceReference();
  // Whether every role, skill and metro of the previous snapshot still has
  // its index (later ones only appended): the parts' indexes stay valid.
  bool KeepsRecordIndexes() const;

  void AddRole(int64_t id, Role role);
  void AddLevel(int64_t role_id, LevelEntry level);
  void AddTransition(int64_t from_role_id, int64_t to_role_id, std::string kind,
                     double weight);
  void AddSkill(SkillEntry skill);
  void AddMetro(int64_t id, std::string name, absl::string_view slug,
                const std::vector<std::string>& aliases);

  // Every official row and its links to roles (database ids), replacing
  // those of the previous snapshot; after the reference data. Without this
  // call the previous snapshot's are kept.
  void ReplaceOfficial(
      std::vector<std::pair<int64_t, OfficialStatistic>> rows,
      const std::vector<std::pair<int64_t, int64_t>>& row_role_links);

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
  void AddReport(int64_t report_id, const Report& report);

  // A record deleted since the previous version (no-op if not held).
  void RemovePosting(int64_t posting_id) {
    Remove(Source::kPostings, posting_id);
  }
  void RemoveReport(int64_t report_id) { Remove(Source::kReports, report_id); }

  // Room for about this many records (estimates are fine: the part keeps
  // only what it uses).
  void Reserve(int64_t postings, int64_t reports, int64_t posting_skills);

  int64_t skipped() const { return skipped_; }

  // `change_cursor`: where the database stood (see Snapshot).
  std::shared_ptr<const Snapshot> Build(DataVersion version,
                                        std::string change_cursor = "");

 private:
  int32_t CompanyIndex(absl::string_view name);
  int16_t CurrencyIndex(absl::string_view code);
  int32_t Lookup(const absl::flat_hash_map<int64_t, int32_t>& ids, int64_t id);
  DeadRecords& DeadOf(size_t part);
  void Remove(Source source, int64_t id);
  void MergeSmallParts();

  std::unique_ptr<Snapshot> s_;
  const bool incremental_ = false;
  absl::flat_hash_map<int64_t, int32_t> role_index_;
  absl::flat_hash_map<int64_t, int32_t> skill_index_;
  absl::flat_hash_map<int64_t, int32_t> metro_index_;
  // Posting id -> index in the new part, built when the first skill comes
  // (every posting is added by then): a dense array over the id range when
  // ids are dense, as after a bulk load, else a hash map.
  int64_t PostingIndex(int64_t posting_id);
  void IndexPosting(int64_t posting_id, uint32_t index);
  bool posting_index_built_ = false;
  int64_t dense_base_ = 0;
  std::vector<uint32_t> dense_index_;
  absl::flat_hash_map<int64_t, uint32_t> posting_index_;
  PartBuilder part_;
  // This version's dead records of the previous parts, copied on first
  // write (null = unchanged, shared with the previous version).
  std::vector<std::shared_ptr<DeadRecords>> dead_;
  // The previous snapshot's reference ids by index, once replaced.
  std::vector<int64_t> previous_role_ids_, previous_skill_ids_,
      previous_metro_ids_;
  bool reference_replaced_ = false;
  int64_t skipped_ = 0;
};

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_SNAPSHOT_BUILDER_H_
