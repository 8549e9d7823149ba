#ifndef COMPDATA_DB_OFFICIAL_WRITER_H_
#define COMPDATA_DB_OFFICIAL_WRITER_H_

#include <pqxx/pqxx>

#include "core/ingest/official_import.h"
#include "db/pool.h"

namespace compdata::db {

// ImportOfficialStatistics' writer on PostgreSQL: one transaction per
// import, committed whole or rolled back whole. Not retried on a lost
// connection: the caller sees UNAVAILABLE and sends the import again
// (replacing is safe to repeat).
class PgOfficialTableWriter final : public ingest::OfficialTableWriter {
 public:
  explicit PgOfficialTableWriter(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<ingest::NameIndex> LoadRoleIndex() override;
  absl::StatusOr<ingest::OfficialImportCounts> Replace(
      const ingest::OfficialImport& import) override;

 private:
  ConnectionPool* const pool_;
};

// The import's writes inside the caller's transaction: the table's row
// upserted (locking it), its earlier rows deleted, the new rows and links
// inserted. Any failure throws (libpqxx) and the transaction rolls back.
ingest::OfficialImportCounts ReplaceOfficialTable(
    pqxx::work& txn, const ingest::OfficialImport& import);

// The rows ReplaceOfficialTable would replace, read only.
int64_t CountOfficialRows(pqxx::work& txn,
                          const engine::OfficialTableKey& table);

}  // namespace compdata::db

#endif  // COMPDATA_DB_OFFICIAL_WRITER_H_
