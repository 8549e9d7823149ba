#include "db/migrator.h"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "db/pg_errors.h"
#include "db/statements.h"

namespace compdata::db {
namespace {

// "compdata" in ASCII: the advisory lock key every migrator agrees on.
constexpr int64_t kMigrationLockKey = 0x636f6d7064617461;

struct Applied {
  std::string name;
  std::string checksum;
};

absl::StatusOr<MigrationReport> Run(pqxx::connection& conn,
                                    const std::vector<Migration>& migrations) {
  MigrationReport report;
  {
    pqxx::work txn(conn);
    txn.exec(std::string(kCreateSchemaMigrationsSql));
    txn.commit();
  }
  std::map<int, Applied> applied;
  {
    pqxx::work txn(conn);
    for (const auto& row : txn.exec(std::string(kAppliedMigrationsSql))) {
      applied[row[0].as<int>()] =
          Applied{row[1].as<std::string>(), row[2].as<std::string>()};
    }
    txn.commit();
  }
  for (const auto& [version, row] : applied) {
    auto it = std::find_if(
        migrations.begin(), migrations.end(),
        [v = version](const Migration& m) { return m.version == v; });
    if (it == migrations.end()) {
      report.unknown.push_back(version);
      continue;
    }
    pqxx::work txn(conn);
    const std::string checksum =
        txn.exec_params1(std::string(kMigrationChecksumSql),
                         std::string(it->sql))[0]
            .as<std::string>();
    txn.commit();
    if (checksum != row.checksum) {
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "migration ", version, " (", row.name,
              ") was changed after it was applied; add a new migration "
              "instead of editing an applied one")),
          kReasonDatabaseError);
    }
  }
  for (const Migration& m : migrations) {
    if (applied.count(m.version)) continue;
    pqxx::work txn(conn);
    txn.exec(std::string(m.sql));
    txn.exec_params(std::string(kRecordMigrationSql), m.version,
                    std::string(m.name), std::string(m.sql));
    txn.commit();
    report.applied.push_back(m.version);
  }
  pqxx::work txn(conn);
  report.current_version =
      txn.exec1(std::string(kCurrentMigrationVersionSql))[0].as<int>();
  txn.commit();
  return report;
}

}  // namespace

absl::StatusOr<MigrationReport> ApplyMigrations(
    const std::string& url, const std::vector<Migration>& migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version <= migrations[i - 1].version) {
      return absl::InvalidArgumentError(
          "migrations must be ordered by version");
    }
  }
  try {
    pqxx::connection conn(url);
    {
      pqxx::nontransaction lock(conn);
      lock.exec_params(std::string(kMigrationLockSql), kMigrationLockKey);
    }
    // The lock is per session: closing the connection releases it even when
    // a migration fails, so no explicit unlock is needed on error paths.
    absl::StatusOr<MigrationReport> report = Run(conn, migrations);
    pqxx::nontransaction unlock(conn);
    unlock.exec_params(std::string(kMigrationUnlockSql), kMigrationLockKey);
    return report;
  } catch (...) {
    return StatusFromCurrentException();
  }
}

}  // namespace compdata::db
