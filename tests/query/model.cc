#include "tests/query/model.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "core/engine/privacy.h"

namespace compdata::testing::query {
namespace {

bool InList(const std::vector<std::string>& list, const std::string& value) {
  if (list.empty()) return true;
  if (value.empty()) return false;
  const std::string key = absl::AsciiStrToLower(value);
  for (const auto& item : list) {
    if (absl::AsciiStrToLower(item) == key) return true;
  }
  return false;
}

// The non-pay fields (seniority, metros, remote, companies).
template <typename Model>
bool MatchesCommon(const Model& m, const Filter& f) {
  if (!f.seniority.empty() && std::find(f.seniority.begin(), f.seniority.end(),
                                        static_cast<v1::SeniorityLevel>(
                                            m.level)) == f.seniority.end()) {
    return false;
  }
  if (!f.metros.empty() && !InList(f.metros, m.metro)) return false;
  if (f.remote == v1::REMOTE_FILTER_REMOTE_ONLY && !m.remote) return false;
  if (f.remote == v1::REMOTE_FILTER_ON_SITE_ONLY && m.remote) return false;
  if (!f.companies.empty() && !InList(f.companies, m.company)) return false;
  return true;
}

bool InWindow(absl::Time t, const Filter& f) {
  if (f.start.has_value() && t < *f.start) return false;
  if (f.end.has_value() && t >= *f.end) return false;
  return true;
}

bool Close(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

std::string CompareLists(const char* what, const std::vector<NamedCount>& a,
                         const std::vector<NamedCount>& b) {
  if (a.size() != b.size()) {
    return absl::StrCat(what, ": ", a.size(), " vs ", b.size(), " entries; ");
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].count != b[i].count) {
      return absl::StrCat(what, "[", i, "]: ", a[i].name, "=", a[i].count,
                          " vs ", b[i].name, "=", b[i].count, "; ");
    }
  }
  return "";
}

}  // namespace

double PercentileCont(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p / 100;
  const double lo = std::floor(h);
  const double hi = std::ceil(h);
  const double x_lo = sorted[static_cast<size_t>(lo)];
  const double x_hi = sorted[static_cast<size_t>(hi)];
  return x_lo + (h - lo) * (x_hi - x_lo);
}

PayFigures ModelPay(const DataSet& data, const std::string& role,
                    const Filter& f, const std::vector<double>& percentiles) {
  PayFigures out;
  std::vector<double> values;
  long double sum_cents = 0;  // in half cents for posting midpoints
  const std::string currency = f.EffectiveCurrency();
  const bool reports_only = f.component == v1::PAY_COMPONENT_BONUS ||
                            f.component == v1::PAY_COMPONENT_EQUITY;
  if (f.source != v1::DATA_SOURCE_REPORTS && !reports_only) {
    for (const auto& m : data.posting_models) {
      if (m.role != role || !m.has_pay || m.currency != currency ||
          !MatchesCommon(m, f) || !InWindow(m.posted, f)) {
        continue;
      }
      const int64_t twice = m.annual_min_cents + m.annual_max_cents;
      values.push_back(static_cast<double>(twice) / 200.0);
      sum_cents += static_cast<long double>(twice) / 2;
      ++out.postings;
    }
  }
  if (f.source != v1::DATA_SOURCE_POSTINGS) {
    for (const auto& m : data.report_models) {
      if (m.role != role || m.currency != currency || !MatchesCommon(m, f) ||
          !InWindow(m.reported, f)) {
        continue;
      }
      int64_t cents = m.base_cents + m.bonus_cents + m.equity_cents;
      if (f.component == v1::PAY_COMPONENT_BASE) cents = m.base_cents;
      if (f.component == v1::PAY_COMPONENT_BONUS) cents = m.bonus_cents;
      if (f.component == v1::PAY_COMPONENT_EQUITY) cents = m.equity_cents;
      cents = engine::BandedCents(cents);  // D10
      values.push_back(static_cast<double>(cents) / 100.0);
      sum_cents += cents;
      ++out.reports;
    }
  }
  out.n = static_cast<int64_t>(values.size());
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  out.min = values.front();
  out.max = values.back();
  out.mean = static_cast<double>(sum_cents / out.n / 100);
  for (double p : percentiles) {
    out.percentiles.push_back(PercentileCont(values, p));
  }
  return out;
}

DemandFigures ModelDemand(const DataSet& data, const std::string& role,
                          const Filter& f) {
  const absl::Time at = f.end.has_value() ? *f.end : absl::Now();
  DemandFigures d;
  std::map<std::string, int64_t> companies, metros;
  std::map<std::string, int64_t> skills;
  for (const auto& m : data.posting_models) {
    if (m.role != role || !MatchesCommon(m, f)) continue;
    if (m.posted > at || (m.expires.has_value() && !(at < *m.expires))) {
      continue;
    }
    ++d.open;
    if (m.remote) ++d.remote;
    if (m.level > 0) {
      ++d.stated_level;
      ++d.by_level[m.level - 1];
    }
    ++companies[m.company];
    if (!m.metro.empty()) ++metros[m.metro];
    for (const auto& s : m.skills) ++skills[s];
  }
  auto to_list = [](const std::map<std::string, int64_t>& counts) {
    std::vector<NamedCount> list;
    for (const auto& [name, count] : counts) list.push_back({name, "", count});
    std::stable_sort(list.begin(), list.end(),
                     [](const NamedCount& a, const NamedCount& b) {
                       return a.count > b.count;
                     });
    return list;
  };
  d.companies = to_list(companies);
  d.metros = to_list(metros);
  d.skills = to_list(skills);
  return d;
}

std::string ComparePay(const PayFigures& sql, const PayFigures& model) {
  std::string diff;
  if (sql.n != model.n || sql.postings != model.postings ||
      sql.reports != model.reports) {
    absl::StrAppend(&diff, "counts ", sql.n, "/", sql.postings, "/",
                    sql.reports, " vs ", model.n, "/", model.postings, "/",
                    model.reports, "; ");
    return diff;
  }
  if (sql.n == 0) return diff;
  if (!Close(sql.min, model.min)) absl::StrAppend(&diff, "min; ");
  if (!Close(sql.max, model.max)) absl::StrAppend(&diff, "max; ");
  if (!Close(sql.mean, model.mean)) {
    absl::StrAppend(&diff, "mean ", sql.mean, " vs ", model.mean, "; ");
  }
  if (sql.percentiles.size() != model.percentiles.size()) {
    absl::StrAppend(&diff, "percentile count; ");
    return diff;
  }
  for (size_t i = 0; i < sql.percentiles.size(); ++i) {
    if (!Close(sql.percentiles[i], model.percentiles[i])) {
      absl::StrAppend(&diff, "percentile[", i, "] ", sql.percentiles[i], " vs ",
                      model.percentiles[i], "; ");
    }
  }
  return diff;
}

std::string CompareDemand(const DemandFigures& sql,
                          const DemandFigures& model) {
  std::string diff;
  if (sql.open != model.open || sql.remote != model.remote ||
      sql.stated_level != model.stated_level ||
      sql.by_level != model.by_level) {
    absl::StrAppend(&diff, "open/remote/levels ", sql.open, "/", sql.remote,
                    "/", sql.stated_level, " vs ", model.open, "/",
                    model.remote, "/", model.stated_level, "; ");
  }
  absl::StrAppend(&diff,
                  CompareLists("companies", sql.companies, model.companies));
  absl::StrAppend(&diff, CompareLists("metros", sql.metros, model.metros));
  absl::StrAppend(&diff, CompareLists("skills", sql.skills, model.skills));
  return diff;
}

}  // namespace compdata::testing::query
