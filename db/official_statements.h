#ifndef COMPDATA_DB_OFFICIAL_STATEMENTS_H_
#define COMPDATA_DB_OFFICIAL_STATEMENTS_H_

// SQL of official statistics (0004_official_statistics.sql): the import's
// writes and the snapshot's reads. A table holds hundreds of rows, so they
// are written one statement each, inside the import's one transaction.

#include <string_view>

#include "absl/strings/string_view.h"
#include "db/statements.h"

namespace compdata::db {

// --- import -----------------------------------------------------------------
// $1 source, $2 reference_period, $3 area, $4 currency, $5 top-coded cents
// ('' = none). Locks the table's row, so concurrent imports of one table
// take turns; returns its id.
inline constexpr Statement kUpsertOfficialTable{
    "upsert_official_table",
    "INSERT INTO official_tables AS t (source, reference_period, area,"
    " currency, top_coded_cents) VALUES ($1, $2, $3, $4,"
    " NULLIF($5, '')::bigint)"
    " ON CONFLICT (source, reference_period, area) DO UPDATE SET"
    " currency = EXCLUDED.currency,"
    " top_coded_cents = EXCLUDED.top_coded_cents, imported_at = now()"
    " RETURNING t.id"};
// $1 table id; the number of rows deleted (their links go with them).
inline constexpr Statement kDeleteOfficialWages{
    "delete_official_wages",
    "WITH gone AS (DELETE FROM official_wages WHERE table_id = $1"
    " RETURNING 1) SELECT count(*) FROM gone"};
// $1 table id, $2 code, $3 title, $4 employment ('' = not available), then
// kind and cents ('' = none) of the mean, p10, p25, p50, p75 and p90.
inline constexpr Statement kInsertOfficialWage{
    "insert_official_wage",
    "INSERT INTO official_wages (table_id, occupation_code,"
    " occupation_title, employment, mean_kind, mean_cents, p10_kind,"
    " p10_cents, p25_kind, p25_cents, p50_kind, p50_cents, p75_kind,"
    " p75_cents, p90_kind, p90_cents) VALUES ($1, $2, $3,"
    " NULLIF($4, '')::bigint, $5, NULLIF($6, '')::bigint, $7,"
    " NULLIF($8, '')::bigint, $9, NULLIF($10, '')::bigint, $11,"
    " NULLIF($12, '')::bigint, $13, NULLIF($14, '')::bigint, $15,"
    " NULLIF($16, '')::bigint)"};
// $1 table id, $2 occupation code, $3 role id.
inline constexpr Statement kInsertOfficialLink{
    "insert_official_link",
    "INSERT INTO official_wage_roles (wage_id, role_id)"
    " SELECT id, $3 FROM official_wages"
    " WHERE table_id = $1 AND occupation_code = $2"
    " ON CONFLICT DO NOTHING"};
// $1 source, $2 reference_period, $3 area: the rows an import would
// replace (a dry run reads it).
inline constexpr Statement kCountOfficialWages{
    "count_official_wages",
    "SELECT count(*) FROM official_wages w"
    " JOIN official_tables t ON t.id = w.table_id"
    " WHERE t.source = $1 AND t.reference_period = $2 AND t.area = $3"};

// --- snapshot (COPY text, like snapshot_statements.h) -----------------------
// Each figure as "kind:cents" (cents 0 when not available), employment -1
// when not available: 14 columns, within CopyLine's limit.
inline constexpr absl::string_view kSnapshotOfficialWagesSql =
    "(SELECT w.id, t.source, t.reference_period, t.area, t.currency,"
    " w.occupation_code, w.occupation_title, coalesce(w.employment, -1),"
    " w.mean_kind || ':' || coalesce(w.mean_cents, 0),"
    " w.p10_kind || ':' || coalesce(w.p10_cents, 0),"
    " w.p25_kind || ':' || coalesce(w.p25_cents, 0),"
    " w.p50_kind || ':' || coalesce(w.p50_cents, 0),"
    " w.p75_kind || ':' || coalesce(w.p75_cents, 0),"
    " w.p90_kind || ':' || coalesce(w.p90_cents, 0)"
    " FROM official_wages w JOIN official_tables t ON t.id = w.table_id)";
inline constexpr absl::string_view kSnapshotOfficialLinksSql =
    "(SELECT wage_id, role_id FROM official_wage_roles)";

}  // namespace compdata::db

#endif  // COMPDATA_DB_OFFICIAL_STATEMENTS_H_
