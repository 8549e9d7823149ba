#include "db/snapshot_loader.h"

#include <algorithm>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine/snapshot_builder.h"
#include "db/copy_stream.h"
#include "db/data_version.h"
#include "db/official_loader.h"
#include "db/record_lines.h"
#include "db/role_details.h"
#include "db/snapshot_statements.h"

namespace compdata::db {
void LoadReference(pqxx::work& txn, engine::SnapshotBuilder& b) {
  std::vector<std::pair<int64_t, engine::Role>> roles;
  {
    std::vector<engine::Role> list;
    Stream(txn, kSnapshotRolesSql, [&](const CopyLine& f) {
      engine::Role r;
      r.id = f.Int(0);
      r.slug = f.Text(1);
      r.title = f.Text(2);
      r.family = f.Text(3);
      r.summary = f.Text(4);
      list.push_back(std::move(r));
    });
    FillRoleDetails(txn, list);
    for (engine::Role& r : list) b.AddRole(r.id, std::move(r));
  }
  Stream(txn, kSnapshotLevelsSql, [&](const CopyLine& f) {
    b.AddLevel(f.Int(0), engine::LevelEntry{static_cast<int>(f.Int(1)),
                                            static_cast<int>(f.Int(2)),
                                            f.Text(3), f.Text(4)});
  });
  Stream(txn, kSnapshotTransitionsSql, [&](const CopyLine& f) {
    b.AddTransition(f.Int(0), f.Int(1), f.Text(2), f.Double(3));
  });
  Stream(txn, kSnapshotSkillsSql, [&](const CopyLine& f) {
    b.AddSkill(engine::SkillEntry{f.Int(0), f.Text(1), f.Text(2), f.Text(3),
                                  f.Text(4), f.List(5)});
  });
  Stream(txn, kSnapshotMetrosSql, [&](const CopyLine& f) {
    b.AddMetro(f.Int(0), f.Text(2), f.Text(1), f.List(3));
  });
}

namespace {

void LoadRecords(pqxx::work& txn, engine::SnapshotBuilder& b) {
  RecordLines lines(&b);
  Stream(txn, absl::StrCat("(", kSnapshotPostingsSelect, ")"),
         [&](const CopyLine& f) { lines.Posting(f); });
  Stream(txn, absl::StrCat("(", kSnapshotReportsSelect, ")"),
         [&](const CopyLine& f) { lines.Report(f); });
}

// posting_skills is the largest table (several rows per posting): it is
// streamed on a second connection while the first reads everything else,
// both inside the same exported snapshot, so the image stays consistent.
absl::Status LoadPostingSkills(ConnectionPool& pool,
                               const std::string& snapshot_id,
                               std::vector<std::pair<int64_t, int64_t>>* out) {
  // The whole table lands here: growing it by doubling would copy it over
  // and over.
  std::string estimate;
  return pool.Transact(
      TransactionOptions{absl::InfiniteFuture(), false}, [&](pqxx::work& txn) {
        txn.exec(std::string(kSnapshotIsolationSql));
        txn.exec(
            absl::StrCat("SET TRANSACTION SNAPSHOT ", txn.quote(snapshot_id)));
        txn.exec(std::string(kSnapshotNoTimeoutSql));
        Stream(
            txn, absl::StrCat("(", kSnapshotPostingSkillsSelect, ")"),
            [&](const CopyLine& f) { out->emplace_back(f.Int(0), f.Int(1)); });
        return absl::OkStatus();
      });
}

}  // namespace

absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadSnapshot(
    ConnectionPool& pool) {
  std::shared_ptr<const engine::Snapshot> snapshot;
  absl::Status status = pool.Transact(
      TransactionOptions{absl::InfiniteFuture(), true}, [&](pqxx::work& txn) {
        // Every query below sees the same committed state.
        txn.exec(std::string(kSnapshotIsolationSql));
        txn.exec(std::string(kSnapshotNoTimeoutSql));
        const std::string snapshot_id =
            txn.exec1(std::string(kExportSnapshotSql))[0].as<std::string>();
        // Room ahead for what is coming: growing by doubling would copy
        // the largest arrays over and over.
        // Estimates run a little under or over; an array that outgrows its
        // room is copied whole once more, so leave some slack.
        const pqxx::row row = txn.exec1(std::string(kRecordEstimatesSql));
        int64_t estimates[3];
        for (int i = 0; i < 3; ++i) {
          estimates[i] =
              std::max<int64_t>(0, row[i].as<int64_t>()) / 16 * 17 + 1024;
        }
        std::vector<std::pair<int64_t, int64_t>> posting_skills;
        posting_skills.reserve(static_cast<size_t>(estimates[2]));
        absl::Status skills_status;
        // A pool of one connection reads the table after the rest instead.
        const bool parallel = pool.options().max_connections >= 2;
        std::thread skills([&] {
          if (parallel) {
            skills_status =
                LoadPostingSkills(pool, snapshot_id, &posting_skills);
          }
        });
        const engine::DataVersion version = ReadDataVersion(txn);
        std::string cursor =
            txn.exec1(std::string(kChangeCursorSql))[0].as<std::string>();
        engine::SnapshotBuilder builder;
        builder.Reserve(estimates[0], estimates[1], estimates[2]);
        try {
          LoadReference(txn, builder);
          LoadOfficial(txn, builder);
          LoadRecords(txn, builder);
        } catch (...) {
          skills.join();
          throw;
        }
        skills.join();
        if (!skills_status.ok()) return skills_status;
        if (!parallel) {
          Stream(txn, absl::StrCat("(", kSnapshotPostingSkillsSelect, ")"),
                 [&](const CopyLine& f) {
                   posting_skills.emplace_back(f.Int(0), f.Int(1));
                 });
        }
        for (const auto& [posting, skill] : posting_skills) {
          builder.AddPostingSkill(posting, skill);
        }
        std::vector<std::pair<int64_t, int64_t>>().swap(posting_skills);
        snapshot = builder.Build(version, std::move(cursor));
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return snapshot;
}

}  // namespace compdata::db
