#include "bench/query/sql_baseline.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <pqxx/pqxx>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/pay_bands_sql.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;
using Txn = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

constexpr const char* kLevels[] = {"entry", "mid", "senior", "staff",
                                   "principal"};

// Pay observations (D1-D3, D5, D9) of the roles in $1 (bigint[]): a
// posting's annualised midpoint, a report's base + bonus + equity at the
// midpoint of its pay band (D10), in USD,
// dated before now; `extra` narrows both sides (e.g. "AND remote").
std::string ObservationsCte(const std::string& extra) {
  return absl::StrCat(
      "WITH obs AS ("
      " SELECT role_id, seniority, false AS reported,"
      "        ((annual_min + annual_max) / 2)::float8 AS pay"
      "   FROM job_postings"
      "  WHERE role_id = ANY($1::bigint[]) AND currency = 'USD'"
      "    AND annual_min IS NOT NULL AND posted_at < now() ",
      extra,
      " UNION ALL"
      " SELECT role_id, seniority, true, b.rep::float8"
      "   FROM salary_reports JOIN ",
      testing::kPayBandsSql,
      " b ON round((annual_base + bonus + equity_per_year) * 100)"
      "        BETWEEN b.lo AND b.hi - 1"
      "  WHERE role_id = ANY($1::bigint[]) AND currency = 'USD'"
      "    AND reported_at < now() ",
      extra, ") ");
}

// Open now (D9): posted_at <= now < expires_at (or no expiry); `t` is a
// table prefix such as "p.".
std::string Open(const std::string& t = "") {
  return absl::StrCat(t, "posted_at <= now() AND (", t,
                      "expires_at IS NULL OR now() < ", t, "expires_at)");
}

std::string DistributionSql(const SqlFilter& filter) {
  std::string extra;
  if (!filter.seniority.empty()) {
    absl::StrAppend(&extra, "AND seniority = '", filter.seniority, "' ");
  }
  if (filter.remote_only) absl::StrAppend(&extra, "AND remote ");
  return absl::StrCat(ObservationsCte(extra),
                      "SELECT count(*), count(*) FILTER (WHERE NOT reported),"
                      "       count(*) FILTER (WHERE reported),"
                      "       percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9])"
                      "         WITHIN GROUP (ORDER BY pay),"
                      "       avg(pay::numeric), min(pay), max(pay)"
                      "  FROM obs");
}

// Pay summary per role and median per (role, level) in one pass.
std::string ComparePaySql() {
  return absl::StrCat(
      ObservationsCte(""),
      "SELECT role_id, seniority, GROUPING(seniority) AS per_role, count(*),"
      "       count(*) FILTER (WHERE reported), avg(pay::numeric),"
      "       percentile_cont(ARRAY[0.25, 0.5, 0.75])"
      "         WITHIN GROUP (ORDER BY pay)"
      "  FROM obs GROUP BY GROUPING SETS ((role_id), (role_id, seniority))");
}

std::string CompareDemandSql() {
  return absl::StrCat(
      "SELECT role_id, count(*), count(*) FILTER (WHERE remote),"
      "       count(*) FILTER (WHERE seniority = 'entry'),"
      "       count(*) FILTER (WHERE seniority = 'mid'),"
      "       count(*) FILTER (WHERE seniority = 'senior'),"
      "       count(*) FILTER (WHERE seniority = 'staff'),"
      "       count(*) FILTER (WHERE seniority = 'principal')"
      "  FROM job_postings WHERE role_id = ANY($1::bigint[]) AND ",
      Open(), " GROUP BY role_id");
}

std::string TrackedSql() {
  return absl::StrCat("SELECT count(*) FROM job_postings WHERE ", Open());
}

// Top $2 of `key` per role by open postings, descending count, ties by key.
std::string TopSql(const std::string& key, const std::string& from) {
  return absl::StrCat(
      "SELECT role_id, k, n FROM ("
      " SELECT p.role_id, ",
      key,
      " AS k, count(*) AS n,"
      "        row_number() OVER (PARTITION BY p.role_id"
      "                           ORDER BY count(*) DESC, ",
      key, ") AS rank", "   FROM ", from,
      "  WHERE p.role_id = ANY($1::bigint[]) AND ", Open("p."),
      "  GROUP BY p.role_id, ", key,
      ") t WHERE rank <= $2 ORDER BY role_id, rank");
}

std::vector<double> ParseFloatArray(const pqxx::field& f) {
  std::vector<double> out;
  if (f.is_null()) return out;
  absl::string_view s = f.c_str();
  absl::ConsumePrefix(&s, "{");
  absl::ConsumeSuffix(&s, "}");
  for (absl::string_view part : absl::StrSplit(s, ',')) {
    double v = 0;
    if (absl::SimpleAtod(part, &v)) out.push_back(v);
  }
  return out;
}

double AsDouble(const pqxx::field& f) {
  return f.is_null() ? 0 : f.as<double>();
}

std::string IdArray(const std::vector<int64_t>& ids) {
  return absl::StrCat("{", absl::StrJoin(ids, ","), "}");
}

}  // namespace

struct SqlBaseline::Impl {
  pqxx::connection conn;
  explicit Impl(const std::string& url) : conn(url) {}

  // Warm-up run (its answer kept), then `reps` timed runs.
  template <typename Answer>
  absl::StatusOr<Answer> Time(const std::function<Answer(Txn&)>& run, int reps,
                              SqlTiming* timing) {
    try {
      Answer answer;
      {
        Txn txn(conn);
        answer = run(txn);
        txn.commit();
      }
      timing->ms.clear();
      for (int i = 0; i < reps; ++i) {
        const auto start = Clock::now();
        Txn txn(conn);
        run(txn);
        txn.commit();
        timing->ms.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - start)
                .count());
      }
      std::sort(timing->ms.begin(), timing->ms.end());
      return answer;
    } catch (const std::exception& e) {
      return absl::InternalError(e.what());
    }
  }
};

double SqlTiming::median_ms() const {
  if (ms.empty()) return 0;
  const size_t n = ms.size();
  return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
}

SqlBaseline::SqlBaseline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqlBaseline::~SqlBaseline() = default;

absl::StatusOr<std::unique_ptr<SqlBaseline>> SqlBaseline::Connect(
    const std::string& url, const std::string& work_mem) {
  try {
    auto impl = std::make_unique<Impl>(url);
    if (!work_mem.empty()) {
      pqxx::nontransaction(impl->conn)
          .exec(absl::StrCat("SET work_mem = ", impl->conn.quote(work_mem)));
    }
    return std::unique_ptr<SqlBaseline>(new SqlBaseline(std::move(impl)));
  } catch (const std::exception& e) {
    return absl::UnavailableError(e.what());
  }
}

std::string SqlBaseline::Settings() {
  try {
    pqxx::nontransaction txn(impl_->conn);
    std::vector<std::string> parts;
    for (const char* name :
         {"work_mem", "max_parallel_workers_per_gather", "shared_buffers"}) {
      parts.push_back(absl::StrCat(
          name, "=", txn.exec(absl::StrCat("SHOW ", name))[0][0].c_str()));
    }
    return absl::StrJoin(parts, " ");
  } catch (const std::exception& e) {
    return e.what();
  }
}

absl::StatusOr<SqlDistribution> SqlBaseline::Distribution(
    int64_t role_id, const SqlFilter& filter, int reps, SqlTiming* timing) {
  const std::string sql = DistributionSql(filter);
  const std::string ids = IdArray({role_id});
  return impl_->Time<SqlDistribution>(
      [&](Txn& txn) {
        const pqxx::row row = txn.exec_params1(sql, ids);
        SqlDistribution d;
        d.count = row[0].as<int64_t>();
        d.postings = row[1].as<int64_t>();
        d.reports = row[2].as<int64_t>();
        d.percentiles = ParseFloatArray(row[3]);
        d.mean = AsDouble(row[4]);
        d.min = AsDouble(row[5]);
        d.max = AsDouble(row[6]);
        return d;
      },
      reps, timing);
}

absl::StatusOr<SqlComparison> SqlBaseline::Compare(
    const std::vector<int64_t>& role_ids, int top_n, int reps,
    SqlTiming* timing) {
  const std::string pay = ComparePaySql();
  const std::string demand = CompareDemandSql();
  const std::string tracked = TrackedSql();
  const std::string companies = TopSql("p.company", "job_postings p");
  const std::string metros =
      TopSql("m.name", "job_postings p JOIN metros m ON m.id = p.metro_id");
  const std::string skills =
      TopSql("s.slug",
             "job_postings p JOIN posting_skills ps ON ps.posting_id = p.id"
             " JOIN skills s ON s.id = ps.skill_id");
  const std::string ids = IdArray(role_ids);
  auto index_of = [&](const pqxx::field& f) -> size_t {
    const int64_t id = f.as<int64_t>();
    return std::find(role_ids.begin(), role_ids.end(), id) - role_ids.begin();
  };
  // Skill overlap and verdicts are arithmetic on these answers (no SQL).
  return impl_->Time<SqlComparison>(
      [&](Txn& txn) {
        SqlComparison c;
        c.roles.resize(role_ids.size());
        for (const pqxx::row& row : txn.exec_params(pay, ids)) {
          SqlRoleComparison& r = c.roles.at(index_of(row[0]));
          const std::vector<double> q = ParseFloatArray(row[6]);
          if (row[2].as<int>() == 1) {  // per role
            r.count = row[3].as<int64_t>();
            r.reports = row[4].as<int64_t>();
            r.mean = AsDouble(row[5]);
            if (q.size() == 3) {
              r.p25 = q[0];
              r.median = q[1];
              r.p75 = q[2];
            }
          } else if (!row[1].is_null() && q.size() == 3) {
            r.level_median[row[1].c_str()] = q[1];
          }
        }
        for (const pqxx::row& row : txn.exec_params(demand, ids)) {
          SqlRoleComparison& r = c.roles.at(index_of(row[0]));
          r.open = row[1].as<int64_t>();
          r.open_remote = row[2].as<int64_t>();
          for (int l = 0; l < 5; ++l) {
            r.open_by_level[kLevels[l]] = row[3 + l].as<int64_t>();
          }
        }
        c.tracked = txn.exec1(tracked)[0].as<int64_t>();
        for (const auto& [sql, member] :
             {std::pair{&companies, &SqlRoleComparison::top_companies},
              std::pair{&metros, &SqlRoleComparison::top_metros},
              std::pair{&skills, &SqlRoleComparison::top_skills}}) {
          for (const pqxx::row& row : txn.exec_params(*sql, ids, top_n)) {
            (c.roles.at(index_of(row[0])).*member)
                .emplace_back(row[1].as<std::string>(), row[2].as<int64_t>());
          }
        }
        return c;
      },
      reps, timing);
}

}  // namespace compdata::bench
