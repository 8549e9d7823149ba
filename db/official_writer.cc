#include "db/official_writer.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "db/ingest_writer.h"
#include "db/official_statements.h"

namespace compdata::db {
namespace {

const char* KindCode(engine::OfficialKind kind) {
  switch (kind) {
    case engine::OfficialKind::kExact:
      return "exact";
    case engine::OfficialKind::kAtLeast:
      return "at_least";
    case engine::OfficialKind::kNotAvailable:
      break;
  }
  return "not_available";
}

std::string Cents(const engine::OfficialValue& v) {
  return v.kind == engine::OfficialKind::kNotAvailable ? ""
                                                       : absl::StrCat(v.cents);
}

void InsertOccupation(pqxx::work& txn, int64_t table_id,
                      const engine::OfficialOccupation& o) {
  const auto& p = o.percentiles;
  txn.exec_prepared(
      std::string(kInsertOfficialWage.name), table_id, o.code, o.title,
      o.employment.has_value() ? absl::StrCat(*o.employment) : "",
      KindCode(o.mean.kind), Cents(o.mean), KindCode(p[0].kind), Cents(p[0]),
      KindCode(p[1].kind), Cents(p[1]), KindCode(p[2].kind), Cents(p[2]),
      KindCode(p[3].kind), Cents(p[3]), KindCode(p[4].kind), Cents(p[4]));
}

}  // namespace

ingest::OfficialImportCounts ReplaceOfficialTable(
    pqxx::work& txn, const ingest::OfficialImport& import) {
  const engine::OfficialTableKey& key = import.table;
  const int64_t table_id =
      txn.exec_prepared1(std::string(kUpsertOfficialTable.name), key.source,
                         key.reference_period, key.area, import.currency,
                         import.top_coded_cents.has_value()
                             ? absl::StrCat(*import.top_coded_cents)
                             : "")[0]
          .as<int64_t>();
  ingest::OfficialImportCounts counts;
  counts.replaced_rows =
      txn.exec_prepared1(std::string(kDeleteOfficialWages.name), table_id)[0]
          .as<int64_t>();
  for (const engine::OfficialOccupation& o : import.occupations) {
    InsertOccupation(txn, table_id, o);
    ++counts.rows;
  }
  for (const auto& [code, role_id] : import.links) {
    counts.links += txn.exec_prepared(std::string(kInsertOfficialLink.name),
                                      table_id, code, role_id)
                        .affected_rows();
  }
  return counts;
}

int64_t CountOfficialRows(pqxx::work& txn,
                          const engine::OfficialTableKey& table) {
  return txn
      .exec_prepared1(std::string(kCountOfficialWages.name), table.source,
                      table.reference_period, table.area)[0]
      .as<int64_t>();
}

absl::StatusOr<ingest::NameIndex> PgOfficialTableWriter::LoadRoleIndex() {
  ingest::NameIndex roles;
  absl::Status status = pool_->Transact(
      TransactionOptions{absl::InfiniteFuture(), true}, [&](pqxx::work& txn) {
        roles = LoadReferenceIndex(txn).roles;
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return roles;
}

absl::StatusOr<ingest::OfficialImportCounts> PgOfficialTableWriter::Replace(
    const ingest::OfficialImport& import) {
  ingest::OfficialImportCounts counts;
  absl::Status status = pool_->Transact(
      TransactionOptions{absl::InfiniteFuture(), import.dry_run},
      [&](pqxx::work& txn) {
        if (import.dry_run) {
          counts.rows = static_cast<int64_t>(import.occupations.size());
          counts.links = static_cast<int64_t>(import.links.size());
          counts.replaced_rows = CountOfficialRows(txn, import.table);
        } else {
          counts = ReplaceOfficialTable(txn, import);
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return counts;
}

}  // namespace compdata::db
