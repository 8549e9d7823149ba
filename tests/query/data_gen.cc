#include "tests/query/data_gen.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "tests/query/rng_util.h"

namespace compdata::testing::query {
namespace {

struct Period {
  v1::PayPeriod period;
  int64_t factor;
};
const Period kPeriods[] = {{v1::PAY_PERIOD_YEAR, 1},
                           {v1::PAY_PERIOD_HOUR, 2080},
                           {v1::PAY_PERIOD_MONTH, 12},
                           {v1::PAY_PERIOD_WEEK, 52},
                           {v1::PAY_PERIOD_DAY, 260}};

double RoleBase(const std::string& role) {
  static const std::map<std::string, double> kBase = {
      {"ai-engineer", 175000},
      {"software-engineer", 140000},
      {"ai-ml-engineer", 160000},
      {"data-scientist", 130000}};
  auto it = kBase.find(role);
  return it == kBase.end() ? 150000 : it->second;
}
const double kLevelFactor[] = {1.0, 0.7, 0.88, 1.12, 1.4, 1.7};
const std::vector<double> kLevelWeights = {15, 15, 25, 25, 12, 8};

// Probability of each skill per role (index into OracleSkills()).
std::vector<double> SkillOdds(const std::string& role) {
  // python rag aws rust pytorch kubernetes docker sql llms tensorflow go spark
  if (role == "ai-engineer")
    return {.8, .45, .3, .05, .5, .2, .25, .15, .5, .2, .05, .05};
  if (role == "software-engineer")
    return {.35, .05, .45, .2, .02, .4, .45, .4, .05, .01, .35, .05};
  if (role == "ai-ml-engineer")
    return {.75, .3, .35, .03, .6, .3, .3, .2, .35, .35, .05, .15};
  return {.7, .05, .2, .01, .25, .05, .1, .7, .1, .2, .02, .4};
}

// Names that resolve to a skill at ingest (aliases of the seed data).
std::string SkillAsSent(Rng& rng, const std::string& slug) {
  static const std::map<std::string, std::string> kAliases = {
      {"python", "Python3"},
      {"kubernetes", "k8s"},
      {"rag", "Retrieval Augmented Generation"},
      {"aws", "amazon web services"},
      {"llms", "LLM"},
      {"spark", "PySpark"},
      {"go", "golang"}};
  auto it = kAliases.find(slug);
  if (it != kAliases.end() && Chance(rng, 0.3)) return it->second;
  return slug;
}

std::string MetroAsSent(Rng& rng, const std::string& metro) {
  if (metro == "San Francisco" && Chance(rng, 0.3)) return "SF";
  if (metro == "New York" && Chance(rng, 0.3)) return "NYC";
  return metro;
}

}  // namespace

google::type::Money Money(const std::string& currency, int64_t cents) {
  google::type::Money m;
  m.set_currency_code(currency);
  m.set_units(cents / 100);
  m.set_nanos(static_cast<int32_t>(cents % 100) * 10'000'000);
  return m;
}

google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

const std::vector<std::string>& OracleRoles() {
  static const auto* v = new std::vector<std::string>{
      "ai-engineer", "software-engineer", "ai-ml-engineer", "data-scientist"};
  return *v;
}
const std::vector<std::string>& OracleMetros() {
  static const auto* v = new std::vector<std::string>{
      "San Francisco", "New York", "Seattle", "Austin",
      "Boston",        "London",   "Berlin",  ""};
  return *v;
}
// Distinct initials: byte order and case-insensitive order agree.
const std::vector<std::string>& OracleCompanies() {
  static const auto* v = new std::vector<std::string>{
      "Acme Corp", "Brightwave", "Cyberdyne",       "Dunder Mifflin", "Globex",
      "Hooli",     "Initech",    "Massive Dynamic", "Soylent",        "Tyrell"};
  return *v;
}
const std::vector<std::string>& OracleSkills() {
  static const auto* v = new std::vector<std::string>{
      "python", "rag", "aws",  "rust",       "pytorch", "kubernetes",
      "docker", "sql", "llms", "tensorflow", "go",      "spark"};
  return *v;
}

const std::vector<double>& DefaultPercentiles() {
  static const auto* v = new std::vector<double>{10, 25, 50, 75, 90};
  return *v;
}

void AddPosting(const PostingModel& model, const std::string& source_id,
                DataSet* data) {
  v1::JobPosting p;
  p.set_source("query-test");
  p.set_source_id(source_id);
  p.set_role(model.role);
  p.set_title(absl::StrCat(model.role, " ", source_id));
  p.set_company(model.company);
  p.set_metro(model.metro);
  p.set_remote(model.remote);
  p.set_seniority(static_cast<v1::SeniorityLevel>(model.level));
  if (model.has_pay) {
    *p.mutable_pay_min() = Money(model.currency, model.annual_min_cents);
    *p.mutable_pay_max() = Money(model.currency, model.annual_max_cents);
    p.set_pay_period(v1::PAY_PERIOD_YEAR);
  }
  *p.mutable_posted_at() = Timestamp(model.posted);
  if (model.expires) *p.mutable_expires_at() = Timestamp(*model.expires);
  for (const auto& s : model.skills) p.add_skills(s);
  data->postings.push_back(std::move(p));
  data->posting_models.push_back(model);
}

void AddReport(const ReportModel& model, const std::string& source_id,
               DataSet* data) {
  v1::SalaryReport r;
  r.set_source("query-test");
  r.set_source_id(source_id);
  r.set_role(model.role);
  r.set_seniority(static_cast<v1::SeniorityLevel>(model.level));
  r.set_company(model.company);
  r.set_metro(model.metro);
  r.set_remote(model.remote);
  *r.mutable_base() = Money(model.currency, model.base_cents);
  if (model.bonus_cents > 0) {
    *r.mutable_bonus() = Money(model.currency, model.bonus_cents);
  }
  if (model.equity_cents > 0) {
    *r.mutable_equity_per_year() = Money(model.currency, model.equity_cents);
  }
  *r.mutable_reported_at() = Timestamp(model.reported);
  data->reports.push_back(std::move(r));
  data->report_models.push_back(model);
}

DataSet GenerateDataSet(const DataSetSpec& spec, absl::Time now) {
  Rng rng(spec.seed);
  DataSet data;
  data.now = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  const double span = absl::ToDoubleSeconds(spec.span);
  auto random_past = [&] {
    return data.now - absl::Seconds(static_cast<int64_t>(
                          Uniform(rng, 3600, std::max(3601.0, span))));
  };
  const std::vector<double> company_weights = {12, 10, 9, 8, 7, 6, 5, 4, 3, 2};
  const std::vector<double> metro_weights = {20, 18, 12, 10, 8, 6, 5, 10};

  for (int i = 0; i < spec.postings; ++i) {
    PostingModel m;
    m.role = Pick(rng, spec.roles);
    m.level = Weighted(rng, kLevelWeights);
    m.remote = Chance(rng, 0.25);
    m.metro = m.remote && Chance(rng, 0.5)
                  ? ""
                  : OracleMetros()[Weighted(rng, metro_weights)];
    m.company = OracleCompanies()[Weighted(rng, company_weights)];
    m.posted = random_past();
    if (Chance(rng, 0.65)) {
      absl::Time expires =
          m.posted + absl::Seconds(UniformInt(rng, 86400, 150 * 86400));
      if (absl::AbsDuration(expires - data.now) < absl::Hours(24)) {
        expires = data.now + absl::Hours(48) +
                  absl::Seconds(UniformInt(rng, 0, 1000));
      }
      m.expires = expires;
    }
    v1::JobPosting p;
    m.has_pay = Chance(rng, 0.85);
    if (m.has_pay) {
      m.currency = Chance(rng, 0.06) ? "EUR" : "USD";
      const Period& period = kPeriods[Weighted(rng, {60, 15, 12, 7, 6})];
      const double annual_min = RoleBase(m.role) * kLevelFactor[m.level] *
                                Uniform(rng, 0.75, 1.3) *
                                Uniform(rng, 0.85, 0.95);
      const double ratio = Chance(rng, 0.1) ? 1.0 : Uniform(rng, 1.05, 1.4);
      int64_t rate_min = std::llround(annual_min * 100 / period.factor);
      if (period.factor == 1 && Chance(rng, 0.5)) {
        rate_min = rate_min / 100 * 100;  // whole units
      }
      const int64_t rate_max = std::llround(rate_min * ratio);
      m.annual_min_cents = rate_min * period.factor;
      m.annual_max_cents = rate_max * period.factor;
      *p.mutable_pay_min() = Money(m.currency, rate_min);
      *p.mutable_pay_max() = Money(m.currency, rate_max);
      p.set_pay_period(period.period);
    }
    const std::vector<double> odds = SkillOdds(m.role);
    if (Chance(rng, 0.9)) {
      for (size_t s = 0; s < odds.size(); ++s) {
        if (!Chance(rng, odds[s])) continue;
        const std::string& slug = OracleSkills()[s];
        m.skills.insert(slug);
        p.add_skills(SkillAsSent(rng, slug));
        if (Chance(rng, 0.03)) p.add_skills(slug);  // duplicate counts once
      }
    }
    p.set_source(spec.source_prefix);
    p.set_source_id(absl::StrCat("p", i));
    p.set_role(m.role);
    p.set_title(absl::StrCat("Posting ", i));
    p.set_company(m.company);
    p.set_metro(MetroAsSent(rng, m.metro));
    p.set_remote(m.remote);
    p.set_seniority(static_cast<v1::SeniorityLevel>(m.level));
    *p.mutable_posted_at() = Timestamp(m.posted);
    if (m.expires) *p.mutable_expires_at() = Timestamp(*m.expires);
    data.instants.push_back(m.posted);
    if (m.expires && *m.expires < data.now) data.instants.push_back(*m.expires);
    data.postings.push_back(std::move(p));
    data.posting_models.push_back(std::move(m));
  }

  for (int i = 0; i < spec.reports; ++i) {
    ReportModel m;
    m.role = Pick(rng, spec.roles);
    m.level = Weighted(rng, kLevelWeights);
    m.remote = Chance(rng, 0.2);
    m.metro = OracleMetros()[Weighted(rng, metro_weights)];
    m.company = OracleCompanies()[Weighted(rng, company_weights)];
    m.currency = Chance(rng, 0.06) ? "EUR" : "USD";
    m.reported = random_past();
    v1::SalaryReport r;
    const double annual =
        RoleBase(m.role) * kLevelFactor[m.level] * Uniform(rng, 0.7, 1.35);
    const Period& period = kPeriods[Weighted(rng, {80, 10, 10})];
    int64_t rate = std::llround(annual * 100 / period.factor);
    if (period.factor == 1) rate = rate / 100 * 100;
    m.base_cents = rate * period.factor;
    *r.mutable_base() = Money(m.currency, rate);
    if (period.factor != 1 || Chance(rng, 0.5)) r.set_pay_period(period.period);
    if (Chance(rng, 0.55)) {
      m.bonus_cents = std::llround(annual * Uniform(rng, 0, 0.25)) * 100;
      *r.mutable_bonus() = Money(m.currency, m.bonus_cents);
    } else if (Chance(rng, 0.1)) {
      *r.mutable_bonus() = Money(m.currency, 0);
    }
    if (Chance(rng, 0.35)) {
      m.equity_cents = UniformInt(rng, 500'000, 9'000'000);
      *r.mutable_equity_per_year() = Money(m.currency, m.equity_cents);
    }
    if (Chance(rng, 0.6)) r.set_years_of_experience(m.level * 2.5);
    r.set_source(spec.source_prefix + "-survey");
    r.set_source_id(absl::StrCat("r", i));
    r.set_role(m.role);
    r.set_seniority(static_cast<v1::SeniorityLevel>(m.level));
    r.set_company(m.company);
    r.set_metro(MetroAsSent(rng, m.metro));
    r.set_remote(m.remote);
    *r.mutable_reported_at() = Timestamp(m.reported);
    data.instants.push_back(m.reported);
    data.reports.push_back(std::move(r));
    data.report_models.push_back(std::move(m));
  }
  return data;
}

absl::Time MonthStart(absl::Time t) {
  const absl::CivilMonth month(absl::ToCivilSecond(t, absl::UTCTimeZone()));
  return absl::FromCivil(month, absl::UTCTimeZone());
}

absl::Time NextMonth(absl::Time month_start) {
  absl::CivilMonth month(absl::ToCivilSecond(month_start, absl::UTCTimeZone()));
  return absl::FromCivil(month + 1, absl::UTCTimeZone());
}

}  // namespace compdata::testing::query
