#include "db/change_loader.h"

#include <pqxx/pqxx>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "core/engine/snapshot_builder.h"
#include "db/copy_stream.h"
#include "db/data_version.h"
#include "db/official_loader.h"
#include "db/record_lines.h"
#include "db/snapshot_loader.h"
#include "db/snapshot_statements.h"

namespace compdata::db {
namespace {

std::string ChangedSince(pqxx::work& txn, absl::string_view column,
                         const std::string& cursor) {
  const std::string quoted = txn.quote(cursor);
  return absl::StrReplaceAll(kChangedSinceSql,
                             {{"$COLUMN", column}, {"$CURSOR", quoted}});
}

// Deletes first, then every changed row in its latest state: a record
// updated since is retracted where it was and added anew.
void ReadChangedRecords(pqxx::work& txn, const std::string& since,
                        engine::SnapshotBuilder& builder) {
  Stream(txn,
         absl::StrCat("(", kDeletedRecordsSelect,
                      ChangedSince(txn, "change_txid", since), ")"),
         [&](const CopyLine& f) {
           if (f.Int(0) != 0) {
             builder.RemovePosting(f.Int(1));
           } else {
             builder.RemoveReport(f.Int(1));
           }
         });
  RecordLines lines(&builder);
  Stream(txn,
         absl::StrCat("(", kSnapshotPostingsSelect, kChangedRecordsWhere,
                      ChangedSince(txn, "p.change_txid", since), ")"),
         [&](const CopyLine& f) { lines.Posting(f); });
  Stream(
      txn,
      absl::StrCat("(", kSnapshotPostingSkillsSelect, kChangedPostingSkillsJoin,
                   ChangedSince(txn, "p.change_txid", since), ")"),
      [&](const CopyLine& f) { builder.AddPostingSkill(f.Int(0), f.Int(1)); });
  Stream(txn,
         absl::StrCat("(", kSnapshotReportsSelect, kChangedRecordsWhere,
                      ChangedSince(txn, "r.change_txid", since), ")"),
         [&](const CopyLine& f) { lines.Report(f); });
}

}  // namespace

absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadChanges(
    ConnectionPool& pool, const engine::Snapshot& previous) {
  if (previous.change_cursor.empty()) {
    return absl::FailedPreconditionError("the snapshot has no change cursor");
  }
  const std::string& since = previous.change_cursor;
  std::shared_ptr<const engine::Snapshot> next;
  bool needs_full_load = false;
  absl::Status status = pool.Transact(
      TransactionOptions{absl::InfiniteFuture(), true}, [&](pqxx::work& txn) {
        txn.exec(std::string(kSnapshotIsolationSql));
        txn.exec(std::string(kSnapshotNoTimeoutSql));
        const pqxx::row scope = txn.exec1(
            absl::StrCat(kChangeScopeSql, ChangedSince(txn, "txid", since)));
        const bool reference = scope[0].as<bool>();
        if (scope[1].as<bool>()) {
          needs_full_load = true;
          return absl::OkStatus();
        }
        const engine::DataVersion version = ReadDataVersion(txn);
        std::string cursor =
            txn.exec1(std::string(kChangeCursorSql))[0].as<std::string>();
        engine::SnapshotBuilder builder(previous);
        if (reference) {
          // Reference tables are small: read whole, as a full load would.
          builder.ReplaceReference();
          LoadReference(txn, builder);
          if (!builder.KeepsRecordIndexes()) {
            needs_full_load = true;
            return absl::OkStatus();
          }
        }
        // Official rows are few: read whole, and only when they changed.
        if (scope[2].as<bool>()) LoadOfficial(txn, builder);
        ReadChangedRecords(txn, since, builder);
        next = builder.Build(version, std::move(cursor));
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  if (needs_full_load) {
    return absl::FailedPreconditionError(
        "a record table was truncated or reference data was deleted");
  }
  return next;
}

}  // namespace compdata::db
