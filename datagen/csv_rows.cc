#include "datagen/csv_rows.h"

#include <cstdio>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "datagen/civil_time.h"
#include "datagen/companies.h"
#include "datagen/str_util.h"

namespace compdata::datagen {
namespace {

constexpr std::string_view kPostingSource = "gen";
constexpr std::string_view kReportSource = "gen-survey";
constexpr std::string_view kCurrency = "USD";

// "152000.00" / "152000" / "152000.5" -> cents.
bool ParseCents(std::string_view s, int64_t* cents) {
  const size_t dot = s.find('.');
  int64_t whole = 0, frac = 0;
  const std::string_view w = s.substr(0, dot);
  if (w.empty() ||
      !absl::SimpleAtoi(absl::string_view(w.data(), w.size()), &whole) ||
      whole < 0) {
    return false;
  }
  if (dot != std::string_view::npos) {
    std::string_view f = s.substr(dot + 1);
    if (f.empty() || f.size() > 2 ||
        !absl::SimpleAtoi(absl::string_view(f.data(), f.size()), &frac) ||
        f[0] == '-' || f[0] == '+') {
      return false;
    }
    if (f.size() == 1) frac *= 10;
  }
  *cents = whole * 100 + frac;
  return true;
}

bool ParseBool(std::string_view s, bool* b) {
  if (s != "true" && s != "false") return false;
  *b = s == "true";
  return true;
}

absl::Status Bad(std::string_view what, std::string_view value) {
  return absl::InvalidArgumentError(Cat("bad ", what, ": \"", value, "\""));
}

}  // namespace

void WriteHeader(absl::Span<const std::string_view> columns, CsvWriter& w) {
  for (std::string_view c : columns) w.Field(c);
  w.EndRow();
}

void WritePosting(const Posting& p, CsvWriter& w) {
  char id[24];
  const int n =
      std::snprintf(id, sizeof id, "p%lld", static_cast<long long>(p.seq));
  w.Field(kPostingSource).Field(std::string_view(id, n));
  w.Field(kRoleSlugs[p.role]).Field(p.title).Field(CompanyName(p.company));
  if (p.metro == kNoMetro) {
    w.Empty();
  } else {
    w.Field(kMetroNames[p.metro]);
  }
  w.Field(p.remote ? "true" : "false");
  if (p.level == kNoLevel) {
    w.Empty();
  } else {
    w.Field(kLevelSlugs[p.level]);
  }
  if (p.has_pay) {
    w.Cents(p.pay_min_cents).Cents(p.pay_max_cents).Field(kCurrency);
    w.Field(kPayPeriodSlugs[p.pay_period]);
  } else {
    w.Empty().Empty().Empty().Empty();
  }
  w.Timestamp(p.posted_at);
  if (p.expires_at == kNoTime) {
    w.Empty();
  } else {
    w.Timestamp(p.expires_at);
  }
  char skills[512];
  size_t len = 0;
  for (int s = 0; s < kNumSkills; ++s) {
    if (!(p.skills & Bit(s))) continue;
    if (len > 0) skills[len++] = ';';
    kSkillSlugs[s].copy(skills + len, kSkillSlugs[s].size());
    len += kSkillSlugs[s].size();
  }
  w.Field(std::string_view(skills, len));
  w.EndRow();
}

void WriteReport(const Report& r, CsvWriter& w) {
  char id[24];
  const int n =
      std::snprintf(id, sizeof id, "r%lld", static_cast<long long>(r.seq));
  w.Field(kReportSource).Field(std::string_view(id, n));
  w.Field(kRoleSlugs[r.role]).Field(kLevelSlugs[r.level]);
  w.Tenths(r.years_tenths).Field(CompanyName(r.company));
  if (r.metro == kNoMetro) {
    w.Empty();
  } else {
    w.Field(kMetroNames[r.metro]);
  }
  w.Field(r.remote ? "true" : "false");
  w.Cents(r.base_cents).Cents(r.bonus_cents).Cents(r.equity_cents);
  w.Field(kCurrency).Field(kPayPeriodSlugs[kYear]).Timestamp(r.reported_at);
  w.EndRow();
}

absl::Status ParsePosting(const std::vector<std::string>& f, Posting* p) {
  if (f.size() != kPostingColumns.size()) {
    return absl::InvalidArgumentError(
        Cat("expected ", kPostingColumns.size(), " fields, got ", f.size()));
  }
  if (f[1].size() < 2 || !absl::SimpleAtoi(f[1].substr(1), &p->seq)) {
    return Bad("source_id", f[1]);
  }
  if ((p->role = RoleFromSlug(f[2])) < 0) return Bad("role", f[2]);
  p->title = f[3];
  p->company = CompanyFromName(f[4]);
  p->metro = f[5].empty() ? kNoMetro : MetroFromName(f[5]);
  if (p->metro < 0 && !f[5].empty()) return Bad("metro", f[5]);
  if (!ParseBool(f[6], &p->remote)) return Bad("remote", f[6]);
  p->level = f[7].empty() ? kNoLevel : LevelFromSlug(f[7]);
  if (p->level < 0 && !f[7].empty()) return Bad("seniority", f[7]);
  p->has_pay = !f[8].empty();
  if (p->has_pay) {
    if (!ParseCents(f[8], &p->pay_min_cents)) return Bad("pay_min", f[8]);
    if (!ParseCents(f[9], &p->pay_max_cents)) return Bad("pay_max", f[9]);
    if ((p->pay_period = PayPeriodFromSlug(f[11])) < 0) {
      return Bad("pay_period", f[11]);
    }
  }
  std::optional<int64_t> t = ParseRfc3339(f[12]);
  if (!t) return Bad("posted_at", f[12]);
  p->posted_at = *t;
  p->expires_at = kNoTime;
  if (!f[13].empty()) {
    if (!(t = ParseRfc3339(f[13]))) return Bad("expires_at", f[13]);
    p->expires_at = *t;
  }
  p->skills = 0;
  if (!f[14].empty()) {
    for (absl::string_view piece : absl::StrSplit(f[14], ';')) {
      const std::string_view slug(piece.data(), piece.size());
      const int s = SkillFromSlug(slug);
      if (s < 0) return Bad("skill", slug);
      p->skills |= Bit(s);
    }
  }
  return absl::OkStatus();
}

absl::Status ParseReport(const std::vector<std::string>& f, Report* r) {
  if (f.size() != kReportColumns.size()) {
    return absl::InvalidArgumentError(
        Cat("expected ", kReportColumns.size(), " fields, got ", f.size()));
  }
  if (f[1].size() < 2 || !absl::SimpleAtoi(f[1].substr(1), &r->seq)) {
    return Bad("source_id", f[1]);
  }
  if ((r->role = RoleFromSlug(f[2])) < 0) return Bad("role", f[2]);
  if ((r->level = LevelFromSlug(f[3])) < 0) return Bad("seniority", f[3]);
  int64_t years = 0;
  if (!ParseCents(f[4], &years)) return Bad("years_of_experience", f[4]);
  r->years_tenths = static_cast<int>(years / 10);
  r->company = CompanyFromName(f[5]);
  r->metro = f[6].empty() ? kNoMetro : MetroFromName(f[6]);
  if (r->metro < 0 && !f[6].empty()) return Bad("metro", f[6]);
  if (!ParseBool(f[7], &r->remote)) return Bad("remote", f[7]);
  if (!ParseCents(f[8], &r->base_cents)) return Bad("base", f[8]);
  if (!ParseCents(f[9], &r->bonus_cents)) return Bad("bonus", f[9]);
  if (!ParseCents(f[10], &r->equity_cents)) return Bad("equity", f[10]);
  if (f[12] != "year") return Bad("pay_period", f[12]);
  std::optional<int64_t> t = ParseRfc3339(f[13]);
  if (!t) return Bad("reported_at", f[13]);
  r->reported_at = *t;
  return absl::OkStatus();
}

}  // namespace compdata::datagen
