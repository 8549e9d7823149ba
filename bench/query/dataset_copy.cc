#include "bench/query/dataset_copy.h"

#include <libpq-fe.h>

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/query/dataset_rows.h"

namespace compdata::bench::dataset_internal {
namespace {

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

}  // namespace

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

}  // namespace compdata::bench::dataset_internal
