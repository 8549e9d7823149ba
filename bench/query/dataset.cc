#include "bench/query/dataset.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------
// Deterministic randomness: record i of a stream always draws the same values.
// ---------------------------------------------------------------------------

uint64_t Mix(uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Rng {
 public:
  Rng(uint64_t stream, int64_t i)
      : state_(Mix(stream * 0x100000001b3ULL ^ static_cast<uint64_t>(i))) {}
  uint64_t Next() { return state_ = Mix(state_); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  bool Chance(double p) { return Uniform() < p; }
  double Normal() {  // Box-Muller
    const double u = std::max(Uniform(), 1e-300);
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * Uniform());
  }
  // Index into `weights` (need not sum to 1); weights.size() never.
  template <size_t N>
  int Pick(const std::array<double, N>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t k = 0; k < N; ++k) {
      if (x < weights[k]) return static_cast<int>(k);
      x -= weights[k];
    }
    return static_cast<int>(N) - 1;
  }

 private:
  uint64_t state_;
};

constexpr uint64_t kPostingStream = 1;
constexpr uint64_t kSkillStream = 2;
constexpr uint64_t kReportStream = 3;

// ---------------------------------------------------------------------------
// The mix. Roles with a large share are the ones the benchmark queries.
// ---------------------------------------------------------------------------

struct RoleMix {
  const char* slug;
  double share;          // of postings and of reports
  double median_annual;  // USD, mid level
};
// The rest of the seeded roles share what is left evenly.
constexpr RoleMix kRoleMix[] = {
    {"ai-engineer", 0.25, 185000},
    {"software-engineer", 0.25, 150000},
    {"ai-ml-engineer", 0.12, 172000},
    {"ml-engineer", 0.08, 178000},
    {"data-scientist", 0.07, 142000},
    {"ai-software-engineer", 0.05, 192000},
    {"ml-researcher", 0.02, 215000},
    {"ml-architect", 0.01, 225000},
    {"ai-architect", 0.01, 218000},
    {"engineering-manager", 0.02, 212000},
    {"ai-engineering-manager", 0.01, 235000},
    {"engineering-director", 0.01, 265000},
    {"vp-of-engineering", 0.005, 310000},
    {"technical-product-manager", 0.02, 168000},
    {"solutions-architect", 0.02, 172000},
    {"product-engineer", 0.02, 158000},
};
constexpr double kDefaultMedian = 160000;

constexpr const char* kLevels[] = {"entry", "mid", "senior", "staff",
                                   "principal"};
constexpr const char* kTitlePrefix[] = {"Junior ", "", "Senior ", "Staff ",
                                        "Principal "};
constexpr double kLevelFactor[] = {0.72, 0.9, 1.1, 1.35, 1.6};
// entry, mid, senior, staff, principal, none
constexpr std::array<double, 6> kPostingLevels = {0.14, 0.30, 0.30,
                                                  0.14, 0.05, 0.07};
constexpr std::array<double, 6> kReportLevels = {0.15, 0.32, 0.30,
                                                 0.13, 0.05, 0.05};
constexpr double kYearsLow[] = {0, 2, 5, 8, 12};
constexpr double kYearsHigh[] = {2.5, 5.5, 9.5, 15, 25};

struct MetroMix {
  const char* slug;
  double share;
};
// Metros not listed (and "no metro") share kOtherMetros / kNoMetro.
constexpr MetroMix kMetroMix[] = {
    {"san-francisco", 0.14},  {"new-york", 0.12},    {"seattle", 0.08},
    {"san-jose", 0.05},       {"los-angeles", 0.05}, {"austin", 0.05},
    {"boston", 0.05},         {"london", 0.04},      {"bangalore", 0.03},
    {"toronto", 0.025},       {"berlin", 0.02},      {"chicago", 0.03},
    {"washington-dc", 0.025}, {"denver", 0.02},      {"atlanta", 0.02},
};
constexpr double kOtherMetros = 0.14;
constexpr double kNoMetro = 0.08;

struct CurrencyOf {
  const char* country;
  const char* currency;
  double per_usd;  // local pay level per USD of US pay level
};
constexpr CurrencyOf kCurrencies[] = {
    {"GB", "GBP", 0.62}, {"CA", "CAD", 1.15}, {"IN", "INR", 22.0},
    {"DE", "EUR", 0.7},  {"IE", "EUR", 0.72}, {"FR", "EUR", 0.65},
    {"NL", "EUR", 0.7},  {"CH", "CHF", 0.95}, {"IL", "ILS", 2.6},
    {"SG", "SGD", 1.15}, {"AU", "AUD", 1.25},
};

struct SkillMix {
  const char* slug;
  double p;  // probability a posting of the family lists it
};
constexpr SkillMix kAiSkills[] = {
    {"python", 0.85},
    {"pytorch", 0.40},
    {"tensorflow", 0.15},
    {"llms", 0.42},
    {"rag", 0.36},
    {"prompt-engineering", 0.28},
    {"langchain", 0.22},
    {"vector-databases", 0.20},
    {"embeddings", 0.15},
    {"fine-tuning", 0.16},
    {"openai", 0.18},
    {"claude", 0.07},
    {"hugging-face", 0.16},
    {"aws", 0.32},
    {"gcp", 0.12},
    {"azure", 0.12},
    {"kubernetes", 0.16},
    {"docker", 0.2},
    {"mlops", 0.15},
    {"machine-learning", 0.4},
    {"deep-learning", 0.25},
    {"nlp", 0.16},
    {"sql", 0.18},
    {"system-design", 0.1},
    {"computer-vision", 0.06},
    {"typescript", 0.08},
};
constexpr SkillMix kSoftwareSkills[] = {
    {"python", 0.45},
    {"java", 0.35},
    {"typescript", 0.38},
    {"javascript", 0.30},
    {"go", 0.20},
    {"rust", 0.06},
    {"sql", 0.40},
    {"react", 0.26},
    {"aws", 0.38},
    {"gcp", 0.10},
    {"azure", 0.12},
    {"kubernetes", 0.26},
    {"docker", 0.32},
    {"system-design", 0.28},
    {"microservices", 0.22},
    {"api-design", 0.18},
    {"devops-ci-cd", 0.15},
    {"llms", 0.06},
    {"rag", 0.04},
    {"full-stack-development", 0.12},
};
constexpr SkillMix kDataSkills[] = {
    {"python", 0.85},
    {"sql", 0.75},
    {"spark", 0.28},
    {"machine-learning", 0.55},
    {"deep-learning", 0.14},
    {"data-pipelines", 0.22},
    {"aws", 0.24},
    {"gcp", 0.10},
    {"pytorch", 0.14},
    {"tensorflow", 0.10},
    {"experiment-tracking", 0.08},
    {"nlp", 0.10},
    {"llms", 0.10},
};
constexpr SkillMix kOtherSkills[] = {
    {"system-design", 0.30},    {"aws", 0.20},        {"python", 0.25},
    {"machine-learning", 0.18}, {"llms", 0.14},       {"api-design", 0.10},
    {"microservices", 0.10},    {"kubernetes", 0.10}, {"sql", 0.15},
};

// Company k (0-based) of a Zipf-like popularity order: unique, readable names.
constexpr const char* kCompanyHead[] = {
    "North", "Blue",   "Bright", "Silver", "Iron",    "Clear", "Swift",
    "Deep",  "Open",   "Red",    "Green",  "Quantum", "Lumen", "Vector",
    "Cedar", "Harbor", "Summit", "Nova",   "Pioneer", "Atlas"};
constexpr const char* kCompanyTail[] = {
    "wind",  "stone", "field", "bridge", "path", "light", "forge",
    "gate",  "river", "peak",  "works",  "mind", "scale", "grid",
    "wave",  "leaf",  "point", "line",   "core", "sky",   "loop",
    "shift", "spark", "base",  "cloud"};
constexpr const char* kCompanyKind[] = {" Labs", " AI", " Systems",
                                        " Technologies", " Inc"};
constexpr int kCompanies = 20 * 25 * 5;

std::string CompanyName(int k) {
  return absl::StrCat(kCompanyHead[k % 20], kCompanyTail[(k / 20) % 25],
                      kCompanyKind[(k / 500) % 5]);
}

// Shared, read-only after construction.
struct Tables {
  std::vector<double> role_cdf;  // over Reference::roles
  std::vector<double> role_median;
  std::vector<double> metro_cdf;  // over Reference::metros, then "none"
  std::vector<std::string> metro_currency;
  std::vector<double> metro_per_usd;
  std::vector<double> company_cdf;
  std::vector<std::string> companies;
  // Per role: (skill id, probability).
  std::vector<std::vector<std::pair<int64_t, double>>> role_skills;

  static int Sample(const std::vector<double>& cdf, double u) {
    return static_cast<int>(
        std::upper_bound(cdf.begin(), cdf.end(), u * cdf.back()) - cdf.begin());
  }
};

std::vector<double> Cumulative(const std::vector<double>& w) {
  std::vector<double> cdf(w.size());
  double sum = 0;
  for (size_t k = 0; k < w.size(); ++k) cdf[k] = sum += w[k];
  return cdf;
}

Tables MakeTables(const Reference& ref) {
  Tables t;
  std::vector<double> role_w(ref.roles.size(), -1);
  t.role_median.assign(ref.roles.size(), kDefaultMedian);
  double listed = 0;
  int unlisted = static_cast<int>(ref.roles.size());
  for (const RoleMix& m : kRoleMix) {
    const int r = ref.RoleIndex(m.slug);
    if (r < 0) continue;
    role_w[r] = m.share;
    t.role_median[r] = m.median_annual;
    listed += m.share;
    --unlisted;
  }
  for (double& w : role_w) {
    if (w < 0) w = std::max(0.0, 1 - listed) / std::max(1, unlisted);
  }
  t.role_cdf = Cumulative(role_w);

  std::vector<double> metro_w(ref.metros.size() + 1, 0);
  int unlisted_metros = static_cast<int>(ref.metros.size());
  for (size_t k = 0; k < ref.metros.size(); ++k) {
    for (const MetroMix& m : kMetroMix) {
      if (ref.metros[k].slug == m.slug) {
        metro_w[k] = m.share;
        --unlisted_metros;
      }
    }
    std::string currency = "USD";
    double per_usd = 1;
    for (const CurrencyOf& c : kCurrencies) {
      if (ref.metros[k].country == c.country) {
        currency = c.currency;
        per_usd = c.per_usd;
      }
    }
    t.metro_currency.push_back(currency);
    t.metro_per_usd.push_back(per_usd);
  }
  for (size_t k = 0; k < ref.metros.size(); ++k) {
    if (metro_w[k] == 0)
      metro_w[k] = kOtherMetros / std::max(1, unlisted_metros);
  }
  metro_w.back() = kNoMetro;
  t.metro_cdf = Cumulative(metro_w);

  std::vector<double> company_w(kCompanies);
  for (int k = 0; k < kCompanies; ++k) {
    company_w[k] = 1 / std::pow(k + 1.0, 1.05);
    t.companies.push_back(CompanyName(k));
  }
  t.company_cdf = Cumulative(company_w);

  for (const Reference::Role& role : ref.roles) {
    std::vector<std::pair<int64_t, double>> skills;
    auto add = [&](const auto& mix) {
      for (const SkillMix& s : mix) {
        const int64_t id = ref.SkillId(s.slug);
        if (id > 0) skills.emplace_back(id, s.p);
      }
    };
    if (role.family == "ai") {
      add(kAiSkills);
    } else if (role.family == "software") {
      add(kSoftwareSkills);
    } else if (role.family == "data") {
      add(kDataSkills);
    } else {
      add(kOtherSkills);
    }
    t.role_skills.push_back(std::move(skills));
  }
  return t;
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

struct Posting {
  int role = 0;
  int level = -1;  // index into kLevels, -1 = none
  int metro = -1;  // index into Reference::metros, -1 = none
  bool remote = false;
  int company = 0;
  bool has_pay = false;
  const char* period = "year";
  std::string currency;
  int64_t min_cents = 0, max_cents = 0, annual_min = 0, annual_max = 0;
  absl::Time posted_at;
  std::optional<absl::Time> expires_at;
};

int64_t RoundCents(double amount, int64_t step_cents) {
  return std::max<int64_t>(
      step_cents, std::llround(amount * 100 / step_cents) * step_cents);
}

Posting MakePosting(const Tables& t, int64_t i, absl::Time now) {
  Rng rng(kPostingStream, i);
  Posting p;
  p.role = Tables::Sample(t.role_cdf, rng.Uniform());
  const int level = rng.Pick(kPostingLevels);
  p.level = level < 5 ? level : -1;
  p.remote = rng.Chance(0.22);
  const int metro = Tables::Sample(t.metro_cdf, rng.Uniform());
  p.metro = metro < static_cast<int>(t.metro_currency.size()) &&
                    !(p.remote && rng.Chance(0.5))
                ? metro
                : -1;
  p.company = Tables::Sample(t.company_cdf, rng.Uniform());
  p.posted_at = now - absl::Hours(rng.Uniform(1, 540 * 24));
  if (!rng.Chance(0.35)) {
    absl::Time expires = p.posted_at + absl::Hours(rng.Uniform(14, 120) * 24);
    if (expires > now - absl::Hours(1) && expires < now + absl::Hours(48)) {
      expires += absl::Hours(72);  // keep "open now" stable during the run
    }
    p.expires_at = expires;
  }
  p.has_pay = !rng.Chance(0.15);
  if (!p.has_pay) return p;
  p.currency = p.metro >= 0 ? t.metro_currency[p.metro] : "USD";
  const double per_usd = p.metro >= 0 ? t.metro_per_usd[p.metro] : 1;
  const double mid = t.role_median[p.role] *
                     (p.level >= 0 ? kLevelFactor[p.level] : 1) * per_usd *
                     std::exp(0.2 * rng.Normal());
  const double width = mid * rng.Uniform(0.12, 0.4);
  const double lo = mid - width / 2, hi = mid + width / 2;
  const double period = rng.Uniform();
  int64_t factor = 1;
  if (period < 0.85) {
    p.period = "year";
    p.min_cents = RoundCents(lo, 100000);  // whole thousands
    p.max_cents = RoundCents(hi, 100000);
  } else if (period < 0.95) {
    p.period = "hour";
    factor = 2080;
    p.min_cents = RoundCents(lo / 2080, 25);  // quarters of a unit
    p.max_cents = RoundCents(hi / 2080, 25);
  } else {
    p.period = "month";
    factor = 12;
    p.min_cents = RoundCents(lo / 12, 1000);
    p.max_cents = RoundCents(hi / 12, 1000);
  }
  p.max_cents = std::max(p.max_cents, p.min_cents);
  p.annual_min = p.min_cents * factor;
  p.annual_max = p.max_cents * factor;
  return p;
}

void MakeSkills(const Tables& t, int role, int64_t i,
                std::vector<int64_t>* out) {
  Rng rng(kSkillStream, i);
  out->clear();
  for (const auto& [id, p] : t.role_skills[role]) {
    if (rng.Chance(p)) out->push_back(id);
  }
}

struct Report {
  int role = 0;
  int level = -1;
  std::optional<double> years;
  int metro = -1;
  bool remote = false;
  int company = 0;
  std::string currency;
  const char* period = "year";
  int64_t base = 0, annual_base = 0, bonus = 0, equity = 0;
  absl::Time reported_at;
};

Report MakeReport(const Tables& t, int64_t i, absl::Time now) {
  Rng rng(kReportStream, i);
  Report r;
  r.role = Tables::Sample(t.role_cdf, rng.Uniform());
  const int level = rng.Pick(kReportLevels);
  r.level = level < 5 ? level : -1;
  if (r.level >= 0 && !rng.Chance(0.1)) {
    r.years =
        std::round(rng.Uniform(kYearsLow[r.level], kYearsHigh[r.level]) * 10) /
        10;
  }
  r.remote = rng.Chance(0.18);
  const int metro = Tables::Sample(t.metro_cdf, rng.Uniform());
  r.metro = metro < static_cast<int>(t.metro_currency.size()) ? metro : -1;
  r.company = Tables::Sample(t.company_cdf, rng.Uniform());
  r.currency = r.metro >= 0 ? t.metro_currency[r.metro] : "USD";
  const double per_usd = r.metro >= 0 ? t.metro_per_usd[r.metro] : 1;
  const double base = t.role_median[r.role] *
                      (r.level >= 0 ? kLevelFactor[r.level] : 1) * per_usd *
                      std::exp(0.18 * rng.Normal());
  if (rng.Chance(0.95)) {
    r.period = "year";
    r.base = RoundCents(base, 50000);
    r.annual_base = r.base;
  } else {
    r.period = "month";
    r.base = RoundCents(base / 12, 1000);
    r.annual_base = r.base * 12;
  }
  if (rng.Chance(0.7)) r.bonus = RoundCents(base * rng.Uniform(0.05, 0.2), 100);
  if (rng.Chance(0.55)) {
    r.equity = RoundCents(base * rng.Uniform(0.05, 0.6), 100);
  }
  r.reported_at = now - absl::Hours(rng.Uniform(1, 730 * 24));
  return r;
}

// ---------------------------------------------------------------------------
// COPY (text format) through libpq
// ---------------------------------------------------------------------------

void AppendCents(std::string* out, int64_t cents) {
  absl::StrAppend(out, cents / 100, ".");
  const int64_t c = cents % 100;
  if (c < 10) out->push_back('0');
  absl::StrAppend(out, c);
}

void AppendTime(std::string* out, absl::Time t) {
  out->append(
      absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone()));
}

class CopyIn {
 public:
  static absl::StatusOr<std::unique_ptr<CopyIn>> Open(const std::string& url,
                                                      const std::string& copy,
                                                      bool* triggers_skipped) {
    std::unique_ptr<CopyIn> c(new CopyIn(PQconnectdb(url.c_str())));
    if (PQstatus(c->conn_) != CONNECTION_OK) {
      return absl::UnavailableError(PQerrorMessage(c->conn_));
    }
    // Skips the foreign-key and data-version triggers (superuser only; the
    // throwaway PostgreSQL runs as one). Without it the load is just slower.
    PGresult* set = PQexec(c->conn_, "SET session_replication_role = replica");
    *triggers_skipped = PQresultStatus(set) == PGRES_COMMAND_OK;
    PQclear(set);
    PGresult* res = PQexec(c->conn_, copy.c_str());
    const bool ok = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    if (!ok) return absl::InternalError(c->Error(copy));
    return c;
  }
  ~CopyIn() { PQfinish(conn_); }

  std::string* buffer() { return &buffer_; }
  absl::Status MaybeFlush() {
    return buffer_.size() >= (1 << 20) ? Flush() : absl::OkStatus();
  }
  absl::Status Finish() {
    if (absl::Status s = Flush(); !s.ok()) return s;
    if (PQputCopyEnd(conn_, nullptr) != 1)
      return absl::InternalError(Error("end"));
    absl::Status status;
    while (PGresult* res = PQgetResult(conn_)) {
      if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        status = absl::InternalError(PQresultErrorMessage(res));
      }
      PQclear(res);
    }
    return status;
  }

 private:
  explicit CopyIn(PGconn* conn) : conn_(conn) {}
  absl::Status Flush() {
    if (!buffer_.empty() &&
        PQputCopyData(conn_, buffer_.data(),
                      static_cast<int>(buffer_.size())) != 1) {
      return absl::InternalError(Error("COPY data"));
    }
    buffer_.clear();
    return absl::OkStatus();
  }
  std::string Error(const std::string& what) const {
    return absl::StrCat(what, ": ", PQerrorMessage(conn_));
  }

  PGconn* conn_;
  std::string buffer_;
};

absl::Status CopyPostings(const std::string& url, const Reference& ref,
                          const Tables& t, int64_t n, absl::Time now,
                          bool* triggers_skipped) {
  auto copy = CopyIn::Open(
      url,
      "COPY job_postings (id, source, source_id, role_id, title, company, "
      "metro_id, remote, seniority, currency, pay_period, pay_min, pay_max, "
      "annual_min, annual_max, posted_at, expires_at) FROM STDIN",
      triggers_skipped);
  if (!copy.ok()) return copy.status();
  std::string* b = (*copy)->buffer();
  for (int64_t i = 0; i < n; ++i) {
    const Posting p = MakePosting(t, i, now);
    absl::StrAppend(b, i + 1, "\tbench-board\tp", i, "\t", ref.roles[p.role].id,
                    "\t", p.level >= 0 ? kTitlePrefix[p.level] : "",
                    ref.roles[p.role].title, "\t", t.companies[p.company],
                    "\t");
    if (p.metro >= 0) {
      absl::StrAppend(b, ref.metros[p.metro].id, "\t");
    } else {
      b->append("\\N\t");
    }
    absl::StrAppend(b, p.remote ? "t\t" : "f\t",
                    p.level >= 0 ? kLevels[p.level] : "\\N", "\t");
    if (p.has_pay) {
      absl::StrAppend(b, p.currency, "\t", p.period, "\t");
      for (int64_t cents :
           {p.min_cents, p.max_cents, p.annual_min, p.annual_max}) {
        AppendCents(b, cents);
        b->push_back('\t');
      }
    } else {
      b->append("\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t");
    }
    AppendTime(b, p.posted_at);
    b->push_back('\t');
    if (p.expires_at.has_value()) {
      AppendTime(b, *p.expires_at);
    } else {
      b->append("\\N");
    }
    b->push_back('\n');
    if (absl::Status s = (*copy)->MaybeFlush(); !s.ok()) return s;
  }
  return (*copy)->Finish();
}

absl::Status CopyPostingSkills(const std::string& url, const Tables& t,
                               int64_t n, absl::Time now, int64_t* rows,
                               bool* triggers_skipped) {
  auto copy =
      CopyIn::Open(url, "COPY posting_skills (posting_id, skill_id) FROM STDIN",
                   triggers_skipped);
  if (!copy.ok()) return copy.status();
  std::string* b = (*copy)->buffer();
  std::vector<int64_t> skills;
  for (int64_t i = 0; i < n; ++i) {
    MakeSkills(t, MakePosting(t, i, now).role, i, &skills);
    for (int64_t id : skills) absl::StrAppend(b, i + 1, "\t", id, "\n");
    *rows += static_cast<int64_t>(skills.size());
    if (absl::Status s = (*copy)->MaybeFlush(); !s.ok()) return s;
  }
  return (*copy)->Finish();
}

absl::Status CopyReports(const std::string& url, const Reference& ref,
                         const Tables& t, int64_t n, absl::Time now,
                         bool* triggers_skipped) {
  auto copy = CopyIn::Open(
      url,
      "COPY salary_reports (source, source_id, role_id, seniority, "
      "years_of_experience, company, metro_id, remote, currency, pay_period, "
      "base, annual_base, bonus, equity_per_year, reported_at) FROM STDIN",
      triggers_skipped);
  if (!copy.ok()) return copy.status();
  std::string* b = (*copy)->buffer();
  for (int64_t i = 0; i < n; ++i) {
    const Report r = MakeReport(t, i, now);
    absl::StrAppend(b, "bench-survey\tr", i, "\t", ref.roles[r.role].id, "\t",
                    r.level >= 0 ? kLevels[r.level] : "\\N", "\t");
    if (r.years.has_value()) {
      absl::StrAppend(b, absl::StrFormat("%.1f", *r.years), "\t");
    } else {
      b->append("\\N\t");
    }
    absl::StrAppend(b, t.companies[r.company], "\t");
    if (r.metro >= 0) {
      absl::StrAppend(b, ref.metros[r.metro].id, "\t");
    } else {
      b->append("\\N\t");
    }
    absl::StrAppend(b, r.remote ? "t\t" : "f\t", r.currency, "\t", r.period,
                    "\t");
    for (int64_t cents : {r.base, r.annual_base, r.bonus, r.equity}) {
      AppendCents(b, cents);
      b->push_back('\t');
    }
    AppendTime(b, r.reported_at);
    b->push_back('\n');
    if (absl::Status s = (*copy)->MaybeFlush(); !s.ok()) return s;
  }
  return (*copy)->Finish();
}

}  // namespace

int Reference::RoleIndex(const std::string& slug) const {
  for (size_t k = 0; k < roles.size(); ++k) {
    if (roles[k].slug == slug) return static_cast<int>(k);
  }
  return -1;
}

int64_t Reference::SkillId(const std::string& slug) const {
  for (const auto& [s, id] : skills) {
    if (s == slug) return id;
  }
  return -1;
}

absl::StatusOr<Reference> ReadReference(const std::string& url) {
  try {
    pqxx::connection conn(url);
    pqxx::read_transaction txn(conn);
    Reference ref;
    for (const auto& row :
         txn.exec("SELECT id, slug, title, family FROM roles ORDER BY id")) {
      ref.roles.push_back({row[0].as<int64_t>(), row[1].as<std::string>(),
                           row[2].as<std::string>(), row[3].as<std::string>()});
    }
    for (const auto& row :
         txn.exec("SELECT id, slug, name, country FROM metros ORDER BY id")) {
      ref.metros.push_back({row[0].as<int64_t>(), row[1].as<std::string>(),
                            row[2].as<std::string>(),
                            row[3].as<std::string>()});
    }
    for (const auto& row :
         txn.exec("SELECT slug, id FROM skills ORDER BY id")) {
      ref.skills.emplace_back(row[0].as<std::string>(), row[1].as<int64_t>());
    }
    if (ref.roles.empty() || ref.skills.empty() || ref.metros.empty()) {
      return absl::FailedPreconditionError(
          "reference data missing: roles, skills or metros empty");
    }
    return ref;
  } catch (const std::exception& e) {
    return absl::UnavailableError(e.what());
  }
}

absl::StatusOr<LoadReport> LoadDataset(const std::string& url,
                                       const Reference& reference,
                                       int64_t postings, int64_t reports,
                                       absl::Time now) {
  const Tables tables = MakeTables(reference);
  LoadReport report;
  report.postings = postings;
  report.reports = reports;
  std::array<absl::Status, 3> status;
  std::array<bool, 3> skipped = {false, false, false};
  const auto start = Clock::now();
  {
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
      status[0] =
          CopyPostings(url, reference, tables, postings, now, &skipped[0]);
    });
    threads.emplace_back([&] {
      status[1] = CopyPostingSkills(url, tables, postings, now,
                                    &report.posting_skills, &skipped[1]);
    });
    threads.emplace_back([&] {
      status[2] =
          CopyReports(url, reference, tables, reports, now, &skipped[2]);
    });
    for (std::thread& th : threads) th.join();
  }
  report.copy_seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  for (const absl::Status& s : status) {
    if (!s.ok()) return s;
  }
  report.triggers_skipped = skipped[0] && skipped[1] && skipped[2];
  try {
    pqxx::connection conn(url);
    {
      pqxx::work txn(conn);
      // Identity columns: continue after the ids COPY wrote explicitly.
      txn.exec(
          "SELECT setval(pg_get_serial_sequence('job_postings', 'id'), "
          "GREATEST((SELECT max(id) FROM job_postings), 1))");
      // The triggers were skipped: bump the data version as they would have.
      txn.exec(
          "UPDATE data_state SET version = version + 1, changed_at = now()");
      txn.commit();
    }
    const auto vacuum_start = Clock::now();
    pqxx::nontransaction(conn).exec(
        "VACUUM (ANALYZE) job_postings, posting_skills, salary_reports");
    report.vacuum_seconds =
        std::chrono::duration<double>(Clock::now() - vacuum_start).count();
  } catch (const std::exception& e) {
    return absl::InternalError(e.what());
  }
  try {  // write the loaded pages out now, not while timing (superuser only)
    pqxx::connection conn(url);
    pqxx::nontransaction(conn).exec("CHECKPOINT");
  } catch (const std::exception&) {
  }
  return report;
}

}  // namespace compdata::bench
