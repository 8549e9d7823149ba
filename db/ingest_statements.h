#ifndef COMPDATA_DB_INGEST_STATEMENTS_H_
#define COMPDATA_DB_INGEST_STATEMENTS_H_

// SQL of the write path. Bulk records (postings, reports) go through COPY
// into a per-session staging table, then one INSERT ... ON CONFLICT per
// batch; reference data is small and upserted row by row.

#include <string_view>

#include "db/statements.h"

namespace compdata::db {

// --- staging ----------------------------------------------------------------
// Session-local tables, created once per connection (SessionSetup in
// statements.h) and emptied at every commit.
inline constexpr std::string_view kCreateStagingSql =
    "CREATE TEMP TABLE IF NOT EXISTS staging_postings ("
    " source text, source_id text, role_id text, title text, company text,"
    " metro_id text, remote text, seniority text, currency text,"
    " pay_period text, pay_min text, pay_max text, annual_min text,"
    " annual_max text, posted_at text, expires_at text, skill_ids text"
    ") ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS staging_reports ("
    " source text, source_id text, role_id text, seniority text,"
    " years_of_experience text, company text, metro_id text, remote text,"
    " currency text, pay_period text, base text, annual_base text, bonus text,"
    " equity_per_year text, reported_at text"
    ") ON COMMIT DELETE ROWS;"
    "CREATE TEMP TABLE IF NOT EXISTS ingest_result ("
    " id bigint, source text, source_id text, inserted boolean"
    ") ON COMMIT DELETE ROWS";

// xmax = 0 on a returned row means INSERT, otherwise the conflict UPDATE.
inline constexpr Statement kUpsertStagedPostings{
    "upsert_staged_postings",
    "WITH up AS ("
    " INSERT INTO job_postings AS j (source, source_id, role_id, title,"
    "  company, metro_id, remote, seniority, currency, pay_period, pay_min,"
    "  pay_max, annual_min, annual_max, posted_at, expires_at)"
    " SELECT source, source_id, role_id::bigint, title, company,"
    "  NULLIF(metro_id, '')::bigint, remote::boolean, NULLIF(seniority, ''),"
    "  NULLIF(currency, ''), NULLIF(pay_period, ''), NULLIF(pay_min, "
    "'')::numeric,"
    "  NULLIF(pay_max, '')::numeric, NULLIF(annual_min, '')::numeric,"
    "  NULLIF(annual_max, '')::numeric, posted_at::timestamptz,"
    "  NULLIF(expires_at, '')::timestamptz"
    " FROM staging_postings"
    " ON CONFLICT (source, source_id) DO UPDATE SET"
    "  role_id = EXCLUDED.role_id, title = EXCLUDED.title,"
    "  company = EXCLUDED.company, metro_id = EXCLUDED.metro_id,"
    "  remote = EXCLUDED.remote, seniority = EXCLUDED.seniority,"
    "  currency = EXCLUDED.currency, pay_period = EXCLUDED.pay_period,"
    "  pay_min = EXCLUDED.pay_min, pay_max = EXCLUDED.pay_max,"
    "  annual_min = EXCLUDED.annual_min, annual_max = EXCLUDED.annual_max,"
    "  posted_at = EXCLUDED.posted_at, expires_at = EXCLUDED.expires_at,"
    "  updated_at = now()"
    " RETURNING j.id, j.source, j.source_id, (j.xmax = 0) AS inserted)"
    "INSERT INTO ingest_result SELECT * FROM up"};
inline constexpr Statement kDeleteUpdatedPostingSkills{
    "delete_updated_posting_skills",
    "DELETE FROM posting_skills ps USING ingest_result r"
    " WHERE ps.posting_id = r.id AND NOT r.inserted"};
inline constexpr Statement kInsertStagedPostingSkills{
    "insert_staged_posting_skills",
    "INSERT INTO posting_skills (posting_id, skill_id)"
    " SELECT r.id, unnest(s.skill_ids::bigint[]) FROM ingest_result r"
    " JOIN staging_postings s USING (source, source_id)"};
inline constexpr Statement kUpsertStagedReports{
    "upsert_staged_reports",
    "WITH up AS ("
    " INSERT INTO salary_reports AS s (source, source_id, role_id, seniority,"
    "  years_of_experience, company, metro_id, remote, currency, pay_period,"
    "  base, annual_base, bonus, equity_per_year, reported_at)"
    " SELECT source, source_id, role_id::bigint, NULLIF(seniority, ''),"
    "  NULLIF(years_of_experience, '')::numeric, company,"
    "  NULLIF(metro_id, '')::bigint, remote::boolean, currency, pay_period,"
    "  base::numeric, annual_base::numeric, bonus::numeric,"
    "  equity_per_year::numeric, reported_at::timestamptz"
    " FROM staging_reports"
    " ON CONFLICT (source, source_id) DO UPDATE SET"
    "  role_id = EXCLUDED.role_id, seniority = EXCLUDED.seniority,"
    "  years_of_experience = EXCLUDED.years_of_experience,"
    "  company = EXCLUDED.company, metro_id = EXCLUDED.metro_id,"
    "  remote = EXCLUDED.remote, currency = EXCLUDED.currency,"
    "  pay_period = EXCLUDED.pay_period, base = EXCLUDED.base,"
    "  annual_base = EXCLUDED.annual_base, bonus = EXCLUDED.bonus,"
    "  equity_per_year = EXCLUDED.equity_per_year,"
    "  reported_at = EXCLUDED.reported_at, updated_at = now()"
    " RETURNING s.id, s.source, s.source_id, (s.xmax = 0) AS inserted)"
    "INSERT INTO ingest_result SELECT * FROM up"};
inline constexpr Statement kCountIngestResult{
    "count_ingest_result",
    "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT "
    "inserted) FROM ingest_result"};

// --- metros seen for the first time -----------------------------------------
// $1 slug, $2 name, $3 alias key.
inline constexpr Statement kEnsureMetro{
    "ensure_metro",
    "WITH m AS (INSERT INTO metros (slug, name) VALUES ($1, $2)"
    " ON CONFLICT (slug) DO NOTHING RETURNING id)"
    "SELECT id FROM m UNION ALL SELECT metro_id FROM metro_aliases"
    " WHERE alias_key = $3 UNION ALL SELECT id FROM metros WHERE slug = $1"
    " LIMIT 1"};

// --- reference data ---------------------------------------------------------
inline constexpr Statement kUpsertRole{
    "upsert_role",
    "INSERT INTO roles AS r (slug, title, family, summary) VALUES ($1, $2, $3, "
    "$4)"
    " ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title,"
    " family = EXCLUDED.family, summary = EXCLUDED.summary, updated_at = now()"
    " RETURNING r.id, (r.xmax = 0) AS inserted"};
inline constexpr Statement kDeleteRoleDetails{
    "delete_role_details",
    "WITH a AS (DELETE FROM role_aliases WHERE role_id = $1),"
    " p AS (DELETE FROM role_profile_items WHERE role_id = $1)"
    " DELETE FROM role_attribute_scores WHERE role_id = $1"};
inline constexpr Statement kInsertRoleAlias{
    "insert_role_alias",
    "INSERT INTO role_aliases (alias_key, alias, role_id) VALUES ($1, $2, $3)"};
inline constexpr Statement kInsertRoleProfileItem{
    "insert_role_profile_item",
    "INSERT INTO role_profile_items (role_id, kind, position, item)"
    " VALUES ($1, $2, $3, $4)"};
inline constexpr Statement kInsertRoleAttributeScore{
    "insert_role_attribute_score",
    "INSERT INTO role_attribute_scores (role_id, attribute, display_name,"
    " position, score) VALUES ($1, $2, $3, $4, $5)"};
inline constexpr Statement kUpsertSkill{
    "upsert_skill",
    "INSERT INTO skills AS s (slug, display_name, category, description)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO UPDATE SET"
    " display_name = EXCLUDED.display_name, category = EXCLUDED.category,"
    " description = EXCLUDED.description"
    " RETURNING s.id, (s.xmax = 0) AS inserted"};
inline constexpr Statement kDeleteSkillAliases{
    "delete_skill_aliases", "DELETE FROM skill_aliases WHERE skill_id = $1"};
inline constexpr Statement kInsertSkillAlias{
    "insert_skill_alias",
    "INSERT INTO skill_aliases (alias_key, alias, skill_id) VALUES ($1, $2, "
    "$3)"};
inline constexpr Statement kUpsertRoleLevel{
    "upsert_role_level",
    "INSERT INTO role_levels AS l (role_id, level, seniority, title, summary)"
    " VALUES ($1, $2, NULLIF($3, ''), $4, $5)"
    " ON CONFLICT (role_id, level) DO UPDATE SET seniority = "
    "EXCLUDED.seniority,"
    " title = EXCLUDED.title, summary = EXCLUDED.summary"
    " RETURNING (l.xmax = 0) AS inserted"};
inline constexpr Statement kUpsertRoleTransition{
    "upsert_role_transition",
    "INSERT INTO role_transitions AS t (from_role_id, to_role_id, kind, weight)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (from_role_id, to_role_id) DO UPDATE"
    " SET kind = EXCLUDED.kind, weight = EXCLUDED.weight"
    " RETURNING (t.xmax = 0) AS inserted"};

// --- reference index (what ingest validates names against) -----------------
inline constexpr Statement kReferenceNames{
    "reference_names",
    "SELECT 'role', id, slug, title FROM roles"
    " UNION ALL SELECT 'role', role_id, NULL, alias FROM role_aliases"
    " UNION ALL SELECT 'skill', id, slug, display_name FROM skills"
    " UNION ALL SELECT 'skill', skill_id, NULL, alias FROM skill_aliases"
    " UNION ALL SELECT 'metro', id, slug, name FROM metros"
    " UNION ALL SELECT 'metro', metro_id, NULL, alias FROM metro_aliases"};

}  // namespace compdata::db

#endif  // COMPDATA_DB_INGEST_STATEMENTS_H_
