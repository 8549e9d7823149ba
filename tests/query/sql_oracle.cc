#include "tests/query/sql_oracle.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/support/pay_bands_sql.h"

namespace compdata::testing::query {
namespace {

const char* const kLevelCodes[] = {"",       "entry", "mid",
                                   "senior", "staff", "principal"};

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(
      absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

std::string Fraction(double p) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.17g", p / 100.0);
  return buf;
}

std::vector<double> ParseFloatArray(const std::string& text) {
  std::vector<double> out;
  std::string body = text;
  if (body.size() >= 2 && body.front() == '{') body = body.substr(1);
  if (!body.empty() && body.back() == '}') body.pop_back();
  if (body.empty()) return out;
  for (absl::string_view part : absl::StrSplit(body, ',')) {
    out.push_back(std::strtod(std::string(part).c_str(), nullptr));
  }
  return out;
}

double ParseNumber(const pqxx::field& f) {
  return f.is_null() ? 0.0 : std::strtod(f.c_str(), nullptr);
}

void SortByCountThenName(std::vector<NamedCount>* list) {
  std::sort(list->begin(), list->end(),
            [](const NamedCount& a, const NamedCount& b) {
              if (a.count != b.count) return a.count > b.count;
              return a.name < b.name;
            });
}

}  // namespace

std::string SqlTime(absl::Time t) {
  return absl::StrCat("to_timestamp(", absl::ToUnixSeconds(t), ")");
}

v1::SalaryFilter Filter::ToProto() const {
  v1::SalaryFilter f;
  for (auto level : seniority) f.add_seniority_levels(level);
  for (const auto& m : metros) f.add_metros(m);
  f.set_remote(remote);
  for (const auto& c : companies) f.add_companies(c);
  if (start.has_value()) {
    *f.mutable_time_window()->mutable_start_time() = ToTimestamp(*start);
  }
  if (end.has_value()) {
    *f.mutable_time_window()->mutable_end_time() = ToTimestamp(*end);
  }
  f.set_pay_component(component);
  f.set_data_source(source);
  f.set_currency(currency);
  return f;
}

std::string Filter::DebugString() const {
  std::string out = ToProto().ShortDebugString();
  return out.empty() ? "{}" : out;
}

SqlOracle::SqlOracle(const std::string& url) : conn_(url) {}

pqxx::result SqlOracle::Query(const std::string& sql) {
  pqxx::read_transaction txn(conn_);
  return txn.exec(sql);
}

int64_t SqlOracle::Count(const std::string& sql) {
  pqxx::result r = Query(sql);
  return r.at(0).at(0).as<int64_t>();
}

std::string SqlOracle::CommonConditions(const Filter& filter,
                                        const std::string& alias) {
  std::vector<std::string> conditions;
  if (!filter.seniority.empty()) {
    std::vector<std::string> codes;
    for (auto level : filter.seniority) {
      codes.push_back(conn_.quote(std::string(kLevelCodes[level])));
    }
    conditions.push_back(absl::StrCat(alias, ".seniority IN (",
                                      absl::StrJoin(codes, ", "), ")"));
  }
  if (!filter.metros.empty()) {
    std::vector<std::string> names;
    for (const auto& m : filter.metros) {
      names.push_back(conn_.quote(absl::AsciiStrToLower(m)));
    }
    conditions.push_back(
        absl::StrCat("lower(m.name) IN (", absl::StrJoin(names, ", "), ")"));
  }
  if (filter.remote == v1::REMOTE_FILTER_REMOTE_ONLY) {
    conditions.push_back(alias + ".remote");
  } else if (filter.remote == v1::REMOTE_FILTER_ON_SITE_ONLY) {
    conditions.push_back("NOT " + alias + ".remote");
  }
  if (!filter.companies.empty()) {
    std::vector<std::string> names;
    for (const auto& c : filter.companies) {
      names.push_back(conn_.quote(absl::AsciiStrToLower(c)));
    }
    conditions.push_back(absl::StrCat("lower(", alias, ".company) IN (",
                                      absl::StrJoin(names, ", "), ")"));
  }
  if (conditions.empty()) return "TRUE";
  return absl::StrJoin(conditions, " AND ");
}

std::string SqlOracle::ObservationsSql(const std::string& role,
                                       const Filter& filter) {
  const std::string currency = conn_.quote(filter.EffectiveCurrency());
  auto window = [&](const std::string& column) {
    std::string w = "TRUE";
    if (filter.start.has_value()) {
      absl::StrAppend(&w, " AND ", column, " >= ", SqlTime(*filter.start));
    }
    if (filter.end.has_value()) {
      absl::StrAppend(&w, " AND ", column, " < ", SqlTime(*filter.end));
    }
    return w;
  };
  const bool reports_only_component =
      filter.component == v1::PAY_COMPONENT_BONUS ||
      filter.component == v1::PAY_COMPONENT_EQUITY;
  std::vector<std::string> parts;
  if (filter.source != v1::DATA_SOURCE_REPORTS && !reports_only_component) {
    parts.push_back(absl::StrCat(
        "SELECT ((p.annual_min + p.annual_max) / 2) AS v, 'p'::text AS src, "
        "p.posted_at AS t FROM job_postings p JOIN roles r ON r.id = "
        "p.role_id LEFT JOIN metros m ON m.id = p.metro_id WHERE r.slug = ",
        conn_.quote(role),
        " AND p.annual_min IS NOT NULL AND p.currency = ", currency, " AND ",
        CommonConditions(filter, "p"), " AND ", window("p.posted_at")));
  }
  if (filter.source != v1::DATA_SOURCE_POSTINGS) {
    std::string value = "s.annual_base + s.bonus + s.equity_per_year";
    if (filter.component == v1::PAY_COMPONENT_BASE) value = "s.annual_base";
    if (filter.component == v1::PAY_COMPONENT_BONUS) value = "s.bonus";
    if (filter.component == v1::PAY_COMPONENT_EQUITY) {
      value = "s.equity_per_year";
    }
    // D10: a report enters at the midpoint of its pay band, computed here
    // from the documented recurrence, independently of the engine's table.
    const std::string cents = absl::StrCat("round((", value, ") * 100)");
    parts.push_back(absl::StrCat(
        "SELECT b.rep AS v, 'r'::text AS src, s.reported_at AS t FROM "
        "salary_reports s JOIN roles r ON r.id = s.role_id LEFT JOIN metros m "
        "ON m.id = s.metro_id JOIN ",
        kPayBandsSql, " b ON ", cents, " >= b.lo AND ", cents,
        " < b.hi WHERE r.slug = ", conn_.quote(role),
        " AND s.currency = ", currency, " AND ", CommonConditions(filter, "s"),
        " AND ", window("s.reported_at")));
  }
  if (parts.empty()) {
    return "SELECT 0::numeric AS v, ''::text AS src, now() AS t WHERE FALSE";
  }
  return absl::StrJoin(parts, " UNION ALL ");
}

PayFigures SqlOracle::Aggregate(const std::string& observations_sql,
                                const std::vector<double>& percentiles) {
  std::vector<std::string> fractions;
  for (double p : percentiles) fractions.push_back(Fraction(p));
  if (fractions.empty()) fractions.push_back("0.5");
  const std::string sql = absl::StrCat(
      "WITH obs AS (", observations_sql,
      ") SELECT count(*), count(*) FILTER (WHERE src = 'p'), count(*) FILTER "
      "(WHERE src = 'r'), min(v)::text, max(v)::text, avg(v)::text, "
      "percentile_cont(ARRAY[",
      absl::StrJoin(fractions, ", "),
      "]::float8[]) WITHIN GROUP (ORDER BY v::float8)::text FROM obs");
  pqxx::result r = Query(sql);
  PayFigures f;
  const pqxx::row row = r.at(0);
  f.n = row[0].as<int64_t>();
  f.postings = row[1].as<int64_t>();
  f.reports = row[2].as<int64_t>();
  if (f.n > 0) {
    f.min = ParseNumber(row[3]);
    f.max = ParseNumber(row[4]);
    f.mean = ParseNumber(row[5]);
    f.percentiles = ParseFloatArray(row[6].c_str());
    f.percentiles.resize(percentiles.size());
  }
  return f;
}

PayFigures SqlOracle::Pay(const std::string& role, const Filter& filter,
                          const std::vector<double>& percentiles) {
  return Aggregate(ObservationsSql(role, filter), percentiles);
}

RankFigures SqlOracle::OfferRank(const std::string& role, const Filter& filter,
                                 int64_t offer_cents) {
  // The offer's band from the documented recurrence, as the reports' are.
  const std::string cents = absl::StrCat(offer_cents);
  const std::string sql = absl::StrCat(
      "WITH obs AS (", ObservationsSql(role, filter),
      "), o AS (SELECT CASE WHEN EXISTS (SELECT 1 FROM obs WHERE src = 'r') "
      "THEN (SELECT b.rep FROM ",
      kPayBandsSql, " b WHERE ", cents, " >= b.lo AND ", cents,
      " < b.hi) ELSE ", cents,
      "::numeric / 100 END AS x) SELECT round(o.x * 100)::bigint, "
      "count(obs.v) FILTER (WHERE obs.v < o.x), count(obs.v) FILTER (WHERE "
      "obs.v = o.x), count(obs.v), count(obs.v) FILTER (WHERE obs.src = "
      "'r'), ((100 * (2 * count(obs.v) FILTER (WHERE obs.v < o.x) + "
      "count(obs.v) FILTER (WHERE obs.v = o.x)))::float8 / nullif(2 * "
      "count(obs.v), 0)::float8)::text FROM o LEFT JOIN obs ON TRUE GROUP BY "
      "o.x");
  const pqxx::row row = Query(sql).at(0);
  RankFigures f;
  f.compared_cents = row[0].as<int64_t>();
  f.below = row[1].as<int64_t>();
  f.equal = row[2].as<int64_t>();
  f.n = row[3].as<int64_t>();
  f.reports = row[4].as<int64_t>();
  f.mid_rank = ParseNumber(row[5]);
  return f;
}

std::vector<TransitionRow> SqlOracle::Transitions() {
  std::vector<TransitionRow> out;
  for (const pqxx::row& row :
       Query("SELECT f.slug, t.slug, x.kind, x.weight FROM role_transitions x "
             "JOIN roles f ON f.id = x.from_role_id JOIN roles t ON t.id = "
             "x.to_role_id")) {
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                   row[2].as<std::string>(), row[3].as<double>()});
  }
  return out;
}

std::string SqlOracle::OpenPostingsSql(const std::string& role_condition,
                                       const Filter& filter) {
  const std::string at =
      filter.end.has_value() ? SqlTime(*filter.end) : std::string("now()");
  return absl::StrCat(
      "SELECT p.id, p.remote, coalesce(p.seniority, '') AS seniority, "
      "p.company, coalesce(m.name, '') AS metro FROM job_postings p JOIN "
      "roles r ON r.id = p.role_id LEFT JOIN metros m ON m.id = p.metro_id "
      "WHERE ",
      role_condition, " AND ", CommonConditions(filter, "p"),
      " AND p.posted_at <= ", at, " AND (p.expires_at IS NULL OR ", at,
      " < p.expires_at)");
}

DemandFigures SqlOracle::Demand(const std::string& role, const Filter& filter) {
  const std::string open =
      OpenPostingsSql("r.slug = " + conn_.quote(role), filter);
  DemandFigures d;
  std::map<std::string, int64_t> companies, metros;
  for (const pqxx::row& row : Query(open)) {
    ++d.open;
    if (row[1].as<bool>()) ++d.remote;
    const std::string level = row[2].as<std::string>();
    for (int i = 1; i <= 5; ++i) {
      if (level == kLevelCodes[i]) {
        ++d.by_level[i - 1];
        ++d.stated_level;
      }
    }
    ++companies[row[3].as<std::string>()];
    const std::string metro = row[4].as<std::string>();
    if (!metro.empty()) ++metros[metro];
  }
  for (const auto& [name, count] : companies) {
    d.companies.push_back({name, "", count});
  }
  for (const auto& [name, count] : metros)
    d.metros.push_back({name, "", count});
  const std::string skills_sql = absl::StrCat(
      "WITH open AS (", open,
      ") SELECT s.slug, s.display_name, count(DISTINCT o.id) FROM open o JOIN "
      "posting_skills ps ON ps.posting_id = o.id JOIN skills s ON s.id = "
      "ps.skill_id GROUP BY s.slug, s.display_name");
  for (const pqxx::row& row : Query(skills_sql)) {
    d.skills.push_back({row[0].as<std::string>(), row[1].as<std::string>(),
                        row[2].as<int64_t>()});
  }
  SortByCountThenName(&d.companies);
  SortByCountThenName(&d.metros);
  SortByCountThenName(&d.skills);
  return d;
}

int64_t SqlOracle::TrackedPostings(const Filter& filter,
                                   const std::string& family) {
  const std::string role_condition =
      family.empty()
          ? std::string("TRUE")
          : "lower(r.family) = " + conn_.quote(absl::AsciiStrToLower(family));
  return Count(absl::StrCat("SELECT count(*) FROM (",
                            OpenPostingsSql(role_condition, filter), ") o"));
}

PayFigures SqlOracle::SkillGroup(const std::string& role, const Filter& filter,
                                 const std::string& skill_slug, bool with) {
  std::string window = "TRUE";
  if (filter.start.has_value()) {
    absl::StrAppend(&window, " AND p.posted_at >= ", SqlTime(*filter.start));
  }
  if (filter.end.has_value()) {
    absl::StrAppend(&window, " AND p.posted_at < ", SqlTime(*filter.end));
  }
  const std::string observations = absl::StrCat(
      "SELECT ((p.annual_min + p.annual_max) / 2) AS v, 'p'::text AS src FROM "
      "job_postings p JOIN roles r ON r.id = p.role_id LEFT JOIN metros m ON "
      "m.id = p.metro_id WHERE r.slug = ",
      conn_.quote(role), " AND p.annual_min IS NOT NULL AND p.currency = ",
      conn_.quote(filter.EffectiveCurrency()), " AND ",
      CommonConditions(filter, "p"), " AND ", window, " AND ",
      with ? "" : "NOT ",
      "EXISTS (SELECT 1 FROM posting_skills ps JOIN skills k ON k.id = "
      "ps.skill_id WHERE ps.posting_id = p.id AND k.slug = ",
      conn_.quote(skill_slug), ")");
  return Aggregate(observations, {50});
}

std::vector<std::pair<std::string, PayFigures>> SqlOracle::Monthly(
    const std::string& role, const Filter& filter, absl::Time first_month,
    absl::Time after_last_month) {
  Filter windowed = filter;
  windowed.start = first_month;
  windowed.end = after_last_month;
  const std::string sql = absl::StrCat(
      "WITH obs AS (", ObservationsSql(role, windowed),
      ") SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*), "
      "count(*) FILTER (WHERE src = 'p'), count(*) FILTER (WHERE src = 'r'), "
      "percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER "
      "BY v::float8)::text FROM obs GROUP BY 1 ORDER BY 1");
  std::vector<std::pair<std::string, PayFigures>> out;
  for (const pqxx::row& row : Query(sql)) {
    PayFigures f;
    f.n = row[1].as<int64_t>();
    f.postings = row[2].as<int64_t>();
    f.reports = row[3].as<int64_t>();
    f.percentiles = ParseFloatArray(row[4].c_str());
    out.emplace_back(row[0].as<std::string>(), f);
  }
  return out;
}

}  // namespace compdata::testing::query
