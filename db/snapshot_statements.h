#ifndef COMPDATA_DB_SNAPSHOT_STATEMENTS_H_
#define COMPDATA_DB_SNAPSHOT_STATEMENTS_H_

// Queries the snapshot loader streams out with COPY (text format): times
// as unix microseconds, amounts as whole cents, seniority as its ordinal
// (= the API's SeniorityLevel number), so parsing is integer-only. Record
// tables come in physical order: no answer depends on it, and an ORDER BY
// would cost a server-side sort of every row at each load.

#include "absl/strings/string_view.h"

namespace compdata::db {

inline constexpr absl::string_view kSnapshotIsolationSql =
    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
inline constexpr absl::string_view kSnapshotNoTimeoutSql =
    "SET LOCAL statement_timeout = 0";
inline constexpr absl::string_view kExportSnapshotSql =
    "SELECT pg_export_snapshot()";

inline constexpr absl::string_view kSnapshotRolesSql =
    "(SELECT id, slug, title, family, summary FROM roles ORDER BY id)";
inline constexpr absl::string_view kSnapshotLevelsSql =
    "(SELECT l.role_id, l.level, coalesce(s.ordinal, 0), l.title, l.summary"
    " FROM role_levels l LEFT JOIN seniority_levels s ON s.code = l.seniority)";
inline constexpr absl::string_view kSnapshotTransitionsSql =
    "(SELECT from_role_id, to_role_id, kind, weight FROM role_transitions)";
inline constexpr absl::string_view kSnapshotSkillsSql =
    "(SELECT s.id, s.slug, s.display_name, s.category, s.description,"
    " coalesce(string_agg(a.alias, E'\\x1f' ORDER BY a.alias), '')"
    " FROM skills s LEFT JOIN skill_aliases a ON a.skill_id = s.id"
    " GROUP BY s.id ORDER BY s.id)";
inline constexpr absl::string_view kSnapshotMetrosSql =
    "(SELECT m.id, m.slug, m.name,"
    " coalesce(string_agg(a.alias, E'\\x1f' ORDER BY a.alias), '')"
    " FROM metros m LEFT JOIN metro_aliases a ON a.metro_id = m.id"
    " GROUP BY m.id ORDER BY m.id)";
// Pay as (annual_min + annual_max) in cents: the midpoint is half of it.
inline constexpr absl::string_view kSnapshotPostingsSelect =
    "SELECT p.id, p.role_id, coalesce(p.metro_id, 0), p.company,"
    " coalesce(s.ordinal, 0), p.remote::int, coalesce(p.currency, ''),"
    " coalesce(((p.annual_min + p.annual_max) * 100)::bigint, 0),"
    " (extract(epoch FROM p.posted_at) * 1000000)::bigint,"
    " coalesce((extract(epoch FROM p.expires_at) * 1000000)::bigint, -1)"
    " FROM job_postings p LEFT JOIN seniority_levels s ON s.code = "
    "p.seniority";
inline constexpr absl::string_view kSnapshotPostingSkillsSelect =
    "SELECT ps.posting_id, ps.skill_id FROM posting_skills ps";
inline constexpr absl::string_view kSnapshotReportsSelect =
    "SELECT r.id, r.role_id, coalesce(r.metro_id, 0), r.company,"
    " coalesce(s.ordinal, 0), r.remote::int, r.currency,"
    " (r.annual_base * 100)::bigint, (r.bonus * 100)::bigint,"
    " (r.equity_per_year * 100)::bigint,"
    " (extract(epoch FROM r.reported_at) * 1000000)::bigint"
    " FROM salary_reports r"
    " LEFT JOIN seniority_levels s ON s.code = r.seniority";

// The planner's row estimates of the record tables (-1: never analysed),
// for reserving room before a full load.
inline constexpr absl::string_view kRecordEstimatesSql =
    "SELECT coalesce(max(reltuples) FILTER (WHERE relname = 'job_postings'),"
    " 0)::bigint, coalesce(max(reltuples) FILTER (WHERE relname ="
    " 'salary_reports'), 0)::bigint, coalesce(max(reltuples) FILTER (WHERE"
    " relname = 'posting_skills'), 0)::bigint FROM pg_class WHERE relname IN"
    " ('job_postings', 'salary_reports', 'posting_skills')"
    " AND relnamespace = 'public'::regnamespace";

// --- the change feed (0003_change_feed.sql) ---------------------------------
// Where the database stands for this transaction: the next load reads the
// changes since.
inline constexpr absl::string_view kChangeCursorSql =
    "SELECT pg_current_snapshot()::text";
// Rows written by transactions a cursor did not see. $CURSOR is replaced by
// the quoted cursor and $COLUMN by a change_txid column; the first
// condition lets the index narrow the scan.
inline constexpr absl::string_view kChangedSinceSql =
    "$COLUMN >= pg_snapshot_xmin($CURSOR::pg_snapshot)"
    " AND NOT pg_visible_in_snapshot($COLUMN, $CURSOR::pg_snapshot)";
// What changed since: reference data (read whole), a truncation (a full
// load instead), official statistics (read whole,
// 0004_official_statistics.sql).
inline constexpr absl::string_view kChangeScopeSql =
    "SELECT coalesce(bool_or(reference), false),"
    " coalesce(bool_or(truncated), false),"
    " coalesce(bool_or(official), false) FROM data_changes WHERE ";
inline constexpr absl::string_view kChangedRecordsWhere = " WHERE ";
inline constexpr absl::string_view kChangedPostingSkillsJoin =
    " JOIN job_postings p ON p.id = ps.posting_id WHERE ";
inline constexpr absl::string_view kDeletedRecordsSelect =
    "SELECT (kind = 'posting')::int, record_id FROM deleted_records WHERE ";

}  // namespace compdata::db

#endif  // COMPDATA_DB_SNAPSHOT_STATEMENTS_H_
