#ifndef COMPDATA_DB_PG_BATCH_WRITER_H_
#define COMPDATA_DB_PG_BATCH_WRITER_H_

#include <vector>

#include "core/ingest/batch_writer.h"
#include "db/pool.h"

namespace compdata::db {

// The ingest protocol's writer on PostgreSQL: each batch is one transaction
// of db/ingest_writer.h's upserts. An upsert is idempotent, so a batch whose
// connection died is sent again once on a fresh one; nothing is reported
// written before COMMIT. Shared by every stream (the pool is thread-safe).
class PgBatchWriter final : public ingest::BatchWriter {
 public:
  explicit PgBatchWriter(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<ingest::ReferenceIndex> LoadReferenceIndex() override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::PostingRow>& rows, bool dry_run) override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::ReportRow>& rows, bool dry_run) override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::RoleRow>& rows, bool dry_run) override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::SkillRow>& rows, bool dry_run) override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::RoleLevelRow>& rows, bool dry_run) override;
  absl::StatusOr<ingest::UpsertCounts> Write(
      const std::vector<ingest::RoleTransitionRow>& rows,
      bool dry_run) override;
  absl::StatusOr<engine::DataVersion> CurrentVersion() override;

 private:
  template <typename Row>
  absl::StatusOr<ingest::UpsertCounts> WriteBatch(
      ingest::UpsertCounts (*write)(pqxx::work&, const std::vector<Row>&),
      const std::vector<Row>& rows, bool dry_run);

  ConnectionPool* const pool_;
};

}  // namespace compdata::db

#endif  // COMPDATA_DB_PG_BATCH_WRITER_H_
