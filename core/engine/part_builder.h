#ifndef COMPDATA_CORE_ENGINE_PART_BUILDER_H_
#define COMPDATA_CORE_ENGINE_PART_BUILDER_H_

#include <memory>
#include <vector>

#include "core/engine/snapshot.h"

namespace compdata::engine {

// Collects records already resolved to snapshot indexes and builds one
// immutable RecordPart: skills packed, ids indexed, pay groups sorted.
class PartBuilder {
 public:
  PartBuilder();

  struct Posting {
    int32_t role = 0;
    int32_t metro = -1;
    int32_t company = -1;
    int8_t seniority = 0;
    bool remote = false;
    int16_t currency = -1;  // -1 = no advertised pay
    double pay = 0;
    int64_t posted_at = 0;
    int64_t expires_at = kNoExpiry;
  };
  // Returns the posting's index in the part, for AddPostingSkill.
  uint32_t AddPosting(int64_t id, const Posting& posting);
  void AddPostingSkill(uint32_t posting, int32_t skill);

  struct Report {
    int32_t role = 0;
    int32_t metro = -1;
    int32_t company = -1;
    int8_t seniority = 0;
    bool remote = false;
    int16_t currency = 0;
    int64_t reported_at = 0;
    double pay[kComponents] = {0, 0, 0, 0};  // as every statistic sees it
  };
  void AddReport(int64_t id, const Report& report);

  // Every record of `part` that `dead` (may be null) does not mark.
  void AddLive(const RecordPart& part, const DeadRecords* dead);

  size_t size() const;
  const std::vector<int64_t>& posting_ids() const { return posting_ids_; }
  // Room for this many records, when known ahead.
  void Reserve(size_t postings, size_t reports, size_t posting_skills);

  std::shared_ptr<const RecordPart> Finish(int32_t roles, int16_t currencies);

 private:
  std::unique_ptr<RecordPart> p_;
  // (posting, skill) as added; packed per posting by Finish. One flat
  // array instead of a vector per posting: millions of small allocations
  // were most of a full load's time.
  std::vector<std::pair<uint32_t, int32_t>> posting_skills_;
  // Pay until the groups are built.
  std::vector<double> posting_pay_;
  // Ids until the part holds them compactly.
  std::vector<int64_t> posting_ids_, report_ids_;
  std::vector<double> report_pay_[kComponents];
};

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_PART_BUILDER_H_
