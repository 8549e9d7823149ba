#ifndef COMPDATA_CORE_INGEST_BATCH_WRITER_H_
#define COMPDATA_CORE_INGEST_BATCH_WRITER_H_

// Where the ingest protocol writes: db/ implements it on PostgreSQL
// (db/pg_batch_writer.h); the protocol's unit tests use a fake.

#include <vector>

#include "absl/status/statusor.h"
#include "core/engine/model.h"
#include "core/ingest/reference_index.h"
#include "core/ingest/rows.h"

namespace compdata::ingest {

class BatchWriter {
 public:
  virtual ~BatchWriter() = default;

  // Every role, skill and metro name (slug, title, aliases) with its id, as
  // committed when a stream starts.
  virtual absl::StatusOr<ReferenceIndex> LoadReferenceIndex() = 0;

  // One batch in one transaction: committed whole, or an error and nothing
  // written. A dry run does all the work and rolls it back, so it reports
  // the same counts a real write would.
  virtual absl::StatusOr<UpsertCounts> Write(const std::vector<PostingRow>&,
                                             bool dry_run) = 0;
  virtual absl::StatusOr<UpsertCounts> Write(const std::vector<ReportRow>&,
                                             bool dry_run) = 0;
  virtual absl::StatusOr<UpsertCounts> Write(const std::vector<RoleRow>&,
                                             bool dry_run) = 0;
  virtual absl::StatusOr<UpsertCounts> Write(const std::vector<SkillRow>&,
                                             bool dry_run) = 0;
  virtual absl::StatusOr<UpsertCounts> Write(const std::vector<RoleLevelRow>&,
                                             bool dry_run) = 0;
  virtual absl::StatusOr<UpsertCounts> Write(
      const std::vector<RoleTransitionRow>&, bool dry_run) = 0;

  // The data version after the last commit, for a stream's summary.
  virtual absl::StatusOr<engine::DataVersion> CurrentVersion() = 0;
};

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_BATCH_WRITER_H_
