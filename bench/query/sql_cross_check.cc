#include "bench/query/sql_cross_check.h"

#include <cmath>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "compdata/v1/compensation_service.grpc.pb.h"

namespace compdata::bench {
namespace {

double ToDouble(const google::type::Money& m) {
  return m.units() + m.nanos() / 1e9;
}

// ---------------------------------------------------------------------------
// Cross-checks of the RPC answers against SQL (warnings, not errors)
// ---------------------------------------------------------------------------

void Check(std::vector<std::string>* issues, const std::string& what,
           double rpc, double sql, double tolerance) {
  if (std::fabs(rpc - sql) > tolerance) {
    issues->push_back(absl::StrFormat("%s rpc %.2f sql %.2f", what, rpc, sql));
  }
}

std::vector<std::string> CheckDistribution(const std::string& bytes,
                                           const SqlDistribution& sql) {
  std::vector<std::string> issues;
  v1::GetSalaryDistributionResponse r;
  if (!r.ParseFromString(bytes)) return {"response does not parse"};
  const v1::PayDistribution& d = r.distribution();
  Check(&issues, "count", static_cast<double>(d.count()),
        static_cast<double>(sql.count), 0);
  Check(&issues, "report_count",
        static_cast<double>(r.quality().report_count()),
        static_cast<double>(sql.reports), 0);
  for (int i = 0;
       i < d.percentiles_size() && i < static_cast<int>(sql.percentiles.size());
       ++i) {
    Check(&issues, absl::StrCat("p", d.percentiles(i).percentile()),
          ToDouble(d.percentiles(i).value()), sql.percentiles[i], 0.011);
  }
  Check(&issues, "mean", ToDouble(d.mean()), sql.mean, 0.011);
  Check(&issues, "min", ToDouble(d.min()), sql.min, 0.011);
  Check(&issues, "max", ToDouble(d.max()), sql.max, 0.011);
  return issues;
}

std::vector<std::string> CheckCompare(const std::string& bytes,
                                      const SqlComparison& sql) {
  std::vector<std::string> issues;
  v1::CompareRolesResponse r;
  if (!r.ParseFromString(bytes)) return {"response does not parse"};
  Check(&issues, "total_tracked_postings",
        static_cast<double>(r.total_tracked_postings()),
        static_cast<double>(sql.tracked), 0);
  for (int i = 0; i < r.roles_size() && i < static_cast<int>(sql.roles.size());
       ++i) {
    const v1::RoleComparison& rc = r.roles(i);
    const SqlRoleComparison& s = sql.roles[i];
    const std::string p = rc.role().slug() + " ";
    Check(&issues, p + "sample_size",
          static_cast<double>(rc.pay().quality().sample_size()),
          static_cast<double>(s.count), 0);
    Check(&issues, p + "median", ToDouble(rc.pay().median()), s.median, 0.011);
    Check(&issues, p + "mean", ToDouble(rc.pay().mean()), s.mean, 0.011);
    Check(&issues, p + "p25", ToDouble(rc.pay().average_range().low()), s.p25,
          0.011);
    Check(&issues, p + "p75", ToDouble(rc.pay().p75()), s.p75, 0.011);
    Check(&issues, p + "open_positions",
          static_cast<double>(rc.open_positions()), static_cast<double>(s.open),
          0);
    for (const v1::LevelPay& lp : rc.pay_by_level()) {
      const int level = static_cast<int>(lp.seniority_level());
      static const char* kLevels[] = {"",       "entry", "mid",
                                      "senior", "staff", "principal"};
      if (level < 1 || level > 5) continue;
      auto it = s.level_median.find(kLevels[level]);
      if (it != s.level_median.end()) {
        Check(&issues, p + kLevels[level] + " median", ToDouble(lp.median()),
              it->second, 0.011);
      }
    }
    auto check_top =
        [&](const std::string& what, auto names,
            const std::vector<std::pair<std::string, int64_t>>& expected) {
          if (names != expected) {
            issues.push_back(
                absl::StrCat(p, what, " differ (first rpc ",
                             names.empty() ? "-" : names[0].first, ", sql ",
                             expected.empty() ? "-" : expected[0].first, ")"));
          }
        };
    std::vector<std::pair<std::string, int64_t>> companies, metros, skills;
    for (const auto& c : rc.top_companies()) {
      companies.emplace_back(c.company(), c.posting_count());
    }
    for (const auto& m : rc.top_metros()) {
      metros.emplace_back(m.metro(), m.posting_count());
    }
    for (const auto& k : rc.top_skills()) {
      skills.emplace_back(k.skill().slug(), k.posting_count());
    }
    check_top("top_companies", companies, s.top_companies);
    check_top("top_metros", metros, s.top_metros);
    check_top("top_skills", skills, s.top_skills);
  }
  return issues;
}

}  // namespace

bool RunSqlCrossChecks(SqlBaseline* sql, int64_t role_a_id, int64_t role_b_id,
                       int reps, std::vector<Scenario>* scenarios,
                       std::vector<std::string>* check_lines) {
  bool ok = true;
  for (Scenario& s : *scenarios) {
    std::vector<std::string> issues;
    if (s.kind == Kind::kDistribution) {
      auto d = sql->Distribution(role_a_id, s.sql_filter, reps, &s.sql);
      s.sql_ok = d.ok();
      if (!d.ok()) {
        std::fprintf(stderr, "SQL %s: %s\n", s.name.c_str(),
                     d.status().ToString().c_str());
        ok = false;
        continue;
      }
      check_lines->push_back(absl::StrFormat(
          "sql %-44s n=%lld (%lld postings, %lld reports) median %.2f", s.name,
          static_cast<long long>(d->count), static_cast<long long>(d->postings),
          static_cast<long long>(d->reports),
          d->percentiles.size() > 2 ? d->percentiles[2] : NAN));
      if (s.served) issues = CheckDistribution(s.probe_response, *d);
    } else if (s.kind == Kind::kCompare) {
      auto c = sql->Compare({role_a_id, role_b_id}, 8, reps, &s.sql);
      s.sql_ok = c.ok();
      if (!c.ok()) {
        std::fprintf(stderr, "SQL %s: %s\n", s.name.c_str(),
                     c.status().ToString().c_str());
        ok = false;
        continue;
      }
      for (const SqlRoleComparison& r : c->roles) {
        check_lines->push_back(absl::StrFormat(
            "sql %-44s n=%lld median %.2f open %lld of %lld tracked, top "
            "skill %s",
            s.name, static_cast<long long>(r.count), r.median,
            static_cast<long long>(r.open), static_cast<long long>(c->tracked),
            r.top_skills.empty() ? "-" : r.top_skills[0].first));
      }
      if (s.served) issues = CheckCompare(s.probe_response, *c);
    }
    if (s.served &&
        (s.kind == Kind::kDistribution || s.kind == Kind::kCompare)) {
      check_lines->push_back(
          issues.empty()
              ? absl::StrCat("check ", s.name, ": RPC answer equals SQL")
              : absl::StrCat("check ", s.name,
                             ": WARNING RPC differs from SQL: ",
                             absl::StrJoin(issues, "; ")));
    }
  }
  return ok;
}

}  // namespace compdata::bench
