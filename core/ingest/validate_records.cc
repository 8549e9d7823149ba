// Postings and salary reports.

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "core/ingest/validate.h"

namespace compdata::ingest {
namespace {

Check Source(absl::string_view source) {
  return Required(source, "source", kMaxSourceLength);
}

Check SourceId(absl::string_view source_id) {
  if (source_id.empty()) {
    return Reject("source_id", v1::REJECT_REASON_MISSING_SOURCE_ID,
                  "source_id is required");
  }
  return MaxLength(source_id, "source_id", kMaxSourceIdLength);
}

// Known metros resolve to their id; a new name is kept for the writer to
// create, so the metro list grows with the data instead of rejecting it.
Check Metro(absl::string_view metro, const ReferenceIndex& index,
            std::optional<int64_t>* id, std::string* new_metro) {
  if (metro.empty()) return std::nullopt;
  COMPDATA_REJECT_IF(MaxLength(metro, "metro", kMaxNameLength));
  if (NormalizeKey(metro).empty()) {
    return Reject("metro", v1::REJECT_REASON_INVALID_VALUE,
                  "metro has no letters or digits");
  }
  *id = index.metros.Find(metro);
  if (!id->has_value()) *new_metro = std::string(metro);
  return std::nullopt;
}

// The advertised range: both bounds or neither, one currency, min <= max.
Check PostingPayRange(const v1::JobPosting& p, std::optional<PostingPay>* out) {
  if (p.has_pay_min() != p.has_pay_max()) {
    return Reject(p.has_pay_min() ? "pay_max" : "pay_min",
                  v1::REJECT_REASON_MISSING_FIELD,
                  "pay_min and pay_max are set together or not at all");
  }
  if (p.has_pay_min()) {
    PostingPay pay;
    PayPeriod period = PayPeriod::kYear;
    // The period is field 11 but bounds depend on it: read it first and
    // report its violation only after the amounts' own checks.
    const Check period_check =
        Period(p.pay_period(), "pay_period", true, &period);
    Amount min, max;
    COMPDATA_REJECT_IF(
        Money(p.pay_min(), "pay_min", false, period, &pay.currency, &min));
    COMPDATA_REJECT_IF(
        Money(p.pay_max(), "pay_max", false, period, &pay.currency, &max));
    pay.min_cents = ToCents(min);
    pay.max_cents = ToCents(max);
    if (pay.min_cents > pay.max_cents) {
      return Reject("pay_min", v1::REJECT_REASON_MIN_GREATER_THAN_MAX,
                    absl::StrCat("pay_min ", CentsToDecimal(pay.min_cents),
                                 " is greater than pay_max ",
                                 CentsToDecimal(pay.max_cents)));
    }
    COMPDATA_REJECT_IF(period_check);
    pay.pay_period = std::string(PayPeriodCode(period));
    pay.annual_min_cents = AnnualCents(min, period);
    pay.annual_max_cents = AnnualCents(max, period);
    *out = std::move(pay);
  } else if (p.pay_period() != v1::PAY_PERIOD_UNSPECIFIED) {
    return Reject("pay_period", v1::REJECT_REASON_INVALID_VALUE,
                  "pay_period is set but no pay is given");
  }
  return std::nullopt;
}

// Known skills, each kept once (a repeat is not an error).
Check PostingSkills(const v1::JobPosting& p, const ReferenceIndex& index,
                    std::vector<int64_t>* skill_ids) {
  if (p.skills_size() > kMaxSkillsPerPosting) {
    return Reject("skills", v1::REJECT_REASON_INVALID_VALUE,
                  absl::StrCat("a posting lists at most ", kMaxSkillsPerPosting,
                               " skills"));
  }
  absl::flat_hash_set<int64_t> seen;
  for (int i = 0; i < p.skills_size(); ++i) {
    const std::string field = absl::StrCat("skills[", i, "]");
    COMPDATA_REJECT_IF(Required(p.skills(i), field, kMaxNameLength));
    std::optional<int64_t> id = index.skills.Find(p.skills(i));
    if (!id.has_value()) {
      return Reject(
          field, v1::REJECT_REASON_UNKNOWN_SKILL,
          absl::StrCat("no skill with slug or alias \"", p.skills(i), "\""));
    }
    if (seen.insert(*id).second) skill_ids->push_back(*id);
  }
  return std::nullopt;
}

}  // namespace

Validated<PostingRow> ValidatePosting(const v1::JobPosting& p,
                                      const ReferenceIndex& index,
                                      absl::Time now) {
  PostingRow row;
  COMPDATA_REJECT_IF(Source(p.source()));
  COMPDATA_REJECT_IF(SourceId(p.source_id()));
  COMPDATA_REJECT_IF(KnownRole(p.role(), "role", index, &row.role_id));
  COMPDATA_REJECT_IF(MaxLength(p.title(), "title", kMaxNameLength));
  COMPDATA_REJECT_IF(MaxLength(p.company(), "company", kMaxNameLength));
  COMPDATA_REJECT_IF(Metro(p.metro(), index, &row.metro_id, &row.new_metro));
  COMPDATA_REJECT_IF(Seniority(p.seniority(), "seniority", &row.seniority));

  COMPDATA_REJECT_IF(PostingPayRange(p, &row.pay));
  COMPDATA_REJECT_IF(Timestamp(p.has_posted_at(), p.posted_at(), "posted_at",
                               true, now, &row.posted_at));
  if (p.has_expires_at()) {
    // Expiry may lie in the future: only the lower bounds apply.
    absl::Time expires;
    COMPDATA_REJECT_IF(Timestamp(true, p.expires_at(), "expires_at", true,
                                 absl::InfiniteFuture(), &expires));
    if (expires <= row.posted_at) {
      return Reject("expires_at", v1::REJECT_REASON_INVALID_DATE,
                    "expires_at must be after posted_at");
    }
    row.expires_at = expires;
  }
  COMPDATA_REJECT_IF(PostingSkills(p, index, &row.skill_ids));
  row.source = p.source();
  row.source_id = p.source_id();
  row.title = p.title();
  row.company = p.company();
  row.remote = p.remote();
  return row;
}

Validated<ReportRow> ValidateReport(const v1::SalaryReport& r,
                                    const ReferenceIndex& index,
                                    absl::Time now) {
  ReportRow row;
  COMPDATA_REJECT_IF(Source(r.source()));
  COMPDATA_REJECT_IF(SourceId(r.source_id()));
  COMPDATA_REJECT_IF(KnownRole(r.role(), "role", index, &row.role_id));
  COMPDATA_REJECT_IF(Seniority(r.seniority(), "seniority", &row.seniority));
  if (r.has_years_of_experience()) {
    const double years = r.years_of_experience();
    if (!(years >= 0 && years <= 60)) {  // also rejects NaN
      return Reject("years_of_experience", v1::REJECT_REASON_VALUE_OUT_OF_RANGE,
                    "years_of_experience must be within 0..60");
    }
    row.years_of_experience = years;
  }
  COMPDATA_REJECT_IF(MaxLength(r.company(), "company", kMaxNameLength));
  COMPDATA_REJECT_IF(Metro(r.metro(), index, &row.metro_id, &row.new_metro));
  if (!r.has_base()) {
    return Reject("base", v1::REJECT_REASON_MISSING_FIELD, "base is required");
  }
  PayPeriod period = PayPeriod::kYear;
  const Check period_check =
      Period(r.pay_period(), "pay_period", false, &period);
  Amount base, bonus, equity;
  COMPDATA_REJECT_IF(
      Money(r.base(), "base", false, period, &row.currency, &base));
  if (r.has_bonus()) {
    COMPDATA_REJECT_IF(Money(r.bonus(), "bonus", true, PayPeriod::kYear,
                             &row.currency, &bonus));
  }
  if (r.has_equity_per_year()) {
    COMPDATA_REJECT_IF(Money(r.equity_per_year(), "equity_per_year", true,
                             PayPeriod::kYear, &row.currency, &equity));
  }
  COMPDATA_REJECT_IF(period_check);
  COMPDATA_REJECT_IF(Timestamp(r.has_reported_at(), r.reported_at(),
                               "reported_at", true, now, &row.reported_at));
  row.source = r.source();
  row.source_id = r.source_id();
  row.company = r.company();
  row.remote = r.remote();
  row.pay_period = std::string(PayPeriodCode(period));
  row.base_cents = ToCents(base);
  row.annual_base_cents = AnnualCents(base, period);
  row.bonus_cents = ToCents(bonus);
  row.equity_cents = ToCents(equity);
  return row;
}

}  // namespace compdata::ingest
