#include "db/pg_batch_writer.h"

#include "db/data_version.h"
#include "db/ingest_writer.h"

namespace compdata::db {
namespace {

constexpr char kDryRunMessage[] = "compdata: dry run rollback";

// Safe to repeat: reads and idempotent upserts.
constexpr TransactionOptions kRepeatable{absl::InfiniteFuture(), true};

// A dry run's work returns this so the pool rolls its transaction back.
absl::Status DryRunRollback() { return absl::AbortedError(kDryRunMessage); }
bool IsDryRunRollback(const absl::Status& status) {
  return absl::IsAborted(status) && status.message() == kDryRunMessage;
}

// What `read` returns, read in one repeatable transaction.
template <typename T, typename Read>
absl::StatusOr<T> ReadOnce(ConnectionPool& pool, Read read) {
  T value;
  absl::Status status = pool.Transact(kRepeatable, [&](pqxx::work& txn) {
    value = read(txn);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return value;
}

}  // namespace

template <typename Row>
absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::WriteBatch(
    ingest::UpsertCounts (*write)(pqxx::work&, const std::vector<Row>&),
    const std::vector<Row>& rows, bool dry_run) {
  ingest::UpsertCounts counts;
  absl::Status status = pool_->Transact(kRepeatable, [&](pqxx::work& txn) {
    counts = write(txn, rows);
    return dry_run ? DryRunRollback() : absl::OkStatus();
  });
  if (!status.ok() && !IsDryRunRollback(status)) return status;
  return counts;
}

absl::StatusOr<ingest::ReferenceIndex> PgBatchWriter::LoadReferenceIndex() {
  return ReadOnce<ingest::ReferenceIndex>(*pool_, db::LoadReferenceIndex);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::PostingRow>& rows, bool dry_run) {
  return WriteBatch(&WritePostings, rows, dry_run);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::ReportRow>& rows, bool dry_run) {
  return WriteBatch(&WriteReports, rows, dry_run);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::RoleRow>& rows, bool dry_run) {
  return WriteBatch(&WriteRoles, rows, dry_run);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::SkillRow>& rows, bool dry_run) {
  return WriteBatch(&WriteSkills, rows, dry_run);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::RoleLevelRow>& rows, bool dry_run) {
  return WriteBatch(&WriteRoleLevels, rows, dry_run);
}

absl::StatusOr<ingest::UpsertCounts> PgBatchWriter::Write(
    const std::vector<ingest::RoleTransitionRow>& rows, bool dry_run) {
  return WriteBatch(&WriteRoleTransitions, rows, dry_run);
}

absl::StatusOr<engine::DataVersion> PgBatchWriter::CurrentVersion() {
  return ReadOnce<engine::DataVersion>(*pool_, ReadDataVersion);
}

}  // namespace compdata::db
