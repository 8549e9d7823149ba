#ifndef COMPDATA_DB_STATEMENTS_H_
#define COMPDATA_DB_STATEMENTS_H_

// Every SQL statement compdata runs, by name. Pool connections prepare all of
// them on connect; callers execute them with txn.exec_prepared(kX.name, ...).

#include <string_view>
#include <vector>

namespace compdata::db {

struct Statement {
  std::string_view name;
  std::string_view sql;
};

// SQL each pool connection runs once, right after connecting (session
// state such as the write path's staging tables).
const std::vector<std::string_view>& SessionSetup();

// --- data version -----------------------------------------------------------
inline constexpr Statement kDataVersion{
    "data_version",
    "SELECT version, "
    "floor(extract(epoch FROM changed_at) * 1000000)::bigint AS changed_us "
    "FROM data_state"};

// --- roles ------------------------------------------------------------------
// $1 role ids as a Postgres array literal ('{1,2}').
inline constexpr Statement kRoleAliases{
    "role_aliases",
    "SELECT role_id, alias FROM role_aliases WHERE role_id = ANY($1::bigint[]) "
    "ORDER BY role_id, alias"};
inline constexpr Statement kRoleProfileItems{
    "role_profile_items",
    "SELECT role_id, kind, item FROM role_profile_items "
    "WHERE role_id = ANY($1::bigint[]) ORDER BY role_id, kind, position"};
inline constexpr Statement kRoleAttributeScores{
    "role_attribute_scores",
    "SELECT role_id, attribute, score, display_name FROM role_attribute_scores "
    "WHERE role_id = ANY($1::bigint[]) ORDER BY role_id, position"};

// --- migrations (run on the migrator's own connection, not prepared) --------
inline constexpr std::string_view kMigrationLockSql =
    "SELECT pg_advisory_lock($1)";
inline constexpr std::string_view kMigrationUnlockSql =
    "SELECT pg_advisory_unlock($1)";
inline constexpr std::string_view kCreateSchemaMigrationsSql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";
inline constexpr std::string_view kAppliedMigrationsSql =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
inline constexpr std::string_view kMigrationChecksumSql =
    "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')";
inline constexpr std::string_view kRecordMigrationSql =
    "INSERT INTO schema_migrations (version, name, checksum) "
    "VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'))";

inline constexpr std::string_view kCurrentMigrationVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";

const std::vector<Statement>& AllStatements();

}  // namespace compdata::db

#endif  // COMPDATA_DB_STATEMENTS_H_
