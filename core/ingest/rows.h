#ifndef COMPDATA_CORE_INGEST_ROWS_H_
#define COMPDATA_CORE_INGEST_ROWS_H_

// Validated, normalised records, ready for the database writer. Amounts are
// cents; enums are the codes stored in the database.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace compdata::ingest {

struct PostingPay {
  std::string currency;
  std::string pay_period;  // "hour" ... "year"
  int64_t min_cents = 0;
  int64_t max_cents = 0;
  int64_t annual_min_cents = 0;
  int64_t annual_max_cents = 0;
};

struct PostingRow {
  std::string source;
  std::string source_id;
  int64_t role_id = 0;
  std::string title;
  std::string company;
  std::optional<int64_t> metro_id;
  std::string new_metro;  // a metro not yet known: created by the writer
  bool remote = false;
  std::string seniority;  // "" = not stated
  std::optional<PostingPay> pay;
  absl::Time posted_at;
  std::optional<absl::Time> expires_at;
  std::vector<int64_t> skill_ids;  // distinct
};

struct ReportRow {
  std::string source;
  std::string source_id;
  int64_t role_id = 0;
  std::string seniority;
  std::optional<double> years_of_experience;
  std::string company;
  std::optional<int64_t> metro_id;
  std::string new_metro;
  bool remote = false;
  std::string currency;
  std::string pay_period;
  int64_t base_cents = 0;
  int64_t annual_base_cents = 0;
  int64_t bonus_cents = 0;
  int64_t equity_cents = 0;
  absl::Time reported_at;
};

struct AttributeScoreRow {
  std::string attribute;
  std::string display_name;
  double score = 0;
};

struct RoleRow {
  std::string slug;
  std::string title;
  std::string family;
  std::string summary;
  std::vector<std::string> aliases;
  std::vector<std::string> responsibilities;
  std::vector<std::string> decision_ownership;
  std::vector<std::string> stakeholders;
  std::vector<std::string> performance_measures;
  std::vector<AttributeScoreRow> attribute_scores;
};

struct SkillRow {
  std::string slug;
  std::string display_name;
  std::string category;
  std::string description;
  std::vector<std::string> aliases;
};

struct RoleLevelRow {
  int64_t role_id = 0;
  int level = 0;
  std::string seniority;
  std::string title;
  std::string summary;
};

struct RoleTransitionRow {
  int64_t from_role_id = 0;
  int64_t to_role_id = 0;
  std::string kind;  // "advancement" | "lateral" | "switch"
  double weight = 0;
};

// What one batch write did.
struct UpsertCounts {
  int64_t inserted = 0;
  int64_t updated = 0;
};

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_ROWS_H_
