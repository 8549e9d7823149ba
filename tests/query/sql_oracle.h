#ifndef COMPDATA_TESTS_QUERY_SQL_ORACLE_H_
#define COMPDATA_TESTS_QUERY_SQL_ORACLE_H_

// The independent oracle of the read tests: every expected figure is a
// PostgreSQL query over the raw rows the ingest path wrote, following the
// definitions D1-D9 of common.proto (percentile_cont for percentiles, numeric
// avg for the mean, D9 for "open").

#include <array>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "compdata/v1/common.pb.h"

namespace compdata::testing::query {

// A SalaryFilter as the tests build it (unset = does not filter).
struct Filter {
  std::vector<v1::SeniorityLevel> seniority;
  std::vector<std::string> metros;  // canonical metro names, any case
  v1::RemoteFilter remote = v1::REMOTE_FILTER_UNSPECIFIED;
  std::vector<std::string> companies;  // any case
  std::optional<absl::Time> start;     // inclusive
  std::optional<absl::Time> end;       // exclusive; unset = now
  v1::PayComponent component = v1::PAY_COMPONENT_UNSPECIFIED;
  v1::DataSource source = v1::DATA_SOURCE_UNSPECIFIED;
  std::string currency;  // "" = USD

  v1::SalaryFilter ToProto() const;
  std::string DebugString() const;
  std::string EffectiveCurrency() const {
    return currency.empty() ? "USD" : currency;
  }
};

// Figures of one pay statistic.
struct PayFigures {
  int64_t n = 0;
  int64_t postings = 0;
  int64_t reports = 0;
  double min = 0;
  double max = 0;
  double mean = 0;
  std::vector<double> percentiles;  // in the order asked
};

struct NamedCount {
  std::string name;          // company, metro name or skill slug
  std::string display_name;  // skills only
  int64_t count = 0;
};

// Demand figures (D9) of one role: postings open at the window's end.
struct DemandFigures {
  int64_t open = 0;
  int64_t remote = 0;
  int64_t stated_level = 0;           // open postings with a seniority
  std::array<int64_t, 5> by_level{};  // ENTRY..PRINCIPAL
  // Complete lists, descending count, ties by name / slug (byte order).
  std::vector<NamedCount> companies;
  std::vector<NamedCount> metros;
  std::vector<NamedCount> skills;
};

// Where an offer falls in a pay sample (EvaluateOffer): the offer as
// compared (cents; its band's midpoint, D10, when the sample holds any
// report) and the observations below and equal to it, of n.
struct RankFigures {
  int64_t compared_cents = 0;
  int64_t below = 0;
  int64_t equal = 0;
  int64_t n = 0;
  int64_t reports = 0;
  double mid_rank = 0;  // 100 (below + equal / 2) / n in float8; 0 if n = 0
};

// One row of role_transitions, by role slugs.
struct TransitionRow {
  std::string from;
  std::string to;
  std::string kind;
  double weight = 0;
};

class SqlOracle {
 public:
  explicit SqlOracle(const std::string& url);

  // Pay statistic of `role` (slug) under `filter` (D1-D5, D7 counts).
  PayFigures Pay(const std::string& role, const Filter& filter,
                 const std::vector<double>& percentiles);

  // Demand figures of `role` under the non-pay fields of `filter`.
  DemandFigures Demand(const std::string& role, const Filter& filter);

  // Open postings of every role (or of roles of `family`) matching the
  // non-pay fields of `filter`.
  int64_t TrackedPostings(const Filter& filter, const std::string& family);

  // Pay figures of the role's postings with pay in the window that list
  // (`with` = true) or do not list `skill_slug` (GetSkillPremiums groups).
  PayFigures SkillGroup(const std::string& role, const Filter& filter,
                        const std::string& skill_slug, bool with);

  // Per calendar month (UTC, "YYYY-MM") of posted_at / reported_at: the
  // figures (p25, p50, p75) of the records matching `filter` in
  // [first_month, end of last_month).
  std::vector<std::pair<std::string, PayFigures>> Monthly(
      const std::string& role, const Filter& filter, absl::Time first_month,
      absl::Time after_last_month);

  // An annual offer of `offer_cents` in the sample Pay(role, filter) reads.
  RankFigures OfferRank(const std::string& role, const Filter& filter,
                        int64_t offer_cents);

  // Every move between roles.
  std::vector<TransitionRow> Transitions();

  pqxx::result Query(const std::string& sql);
  int64_t Count(const std::string& sql);

 private:
  // SELECT v, src FROM <observations of role under filter>.
  std::string ObservationsSql(const std::string& role, const Filter& filter);
  // WHERE conditions on the non-pay fields; `alias` is p or s.
  std::string CommonConditions(const Filter& filter, const std::string& alias);
  std::string OpenPostingsSql(const std::string& role_condition,
                              const Filter& filter);
  PayFigures Aggregate(const std::string& observations_sql,
                       const std::vector<double>& percentiles);

  pqxx::connection conn_;
};

// SQL literal of an instant (exact for whole seconds).
std::string SqlTime(absl::Time t);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_SQL_ORACLE_H_
