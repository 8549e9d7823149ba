// Every reject reason, through the real server, with the field it names.

#include <gtest/gtest.h>

#include "tests/e2e/ingest_fixture.h"

namespace compdata::testing {
namespace {

struct Case {
  std::string name;
  std::function<void(v1::JobPosting*)> mutate;
  std::string field;
  v1::RejectReason reason;
};

struct ReportCase {
  std::string name;
  std::function<void(v1::SalaryReport*)> mutate;
  std::string field;
  v1::RejectReason reason;
};

class IngestValidationTest : public IngestTest {};

TEST_F(IngestValidationTest, EveryPostingViolationIsRejectedWithItsField) {
  const std::vector<Case> cases = {
      {"no source", [](auto* p) { p->clear_source(); }, "source",
       v1::REJECT_REASON_MISSING_FIELD},
      {"no source_id", [](auto* p) { p->clear_source_id(); }, "source_id",
       v1::REJECT_REASON_MISSING_SOURCE_ID},
      {"long source_id",
       [](auto* p) { p->set_source_id(std::string(257, 'x')); }, "source_id",
       v1::REJECT_REASON_STRING_TOO_LONG},
      {"unknown role", [](auto* p) { p->set_role("astronaut"); }, "role",
       v1::REJECT_REASON_UNKNOWN_ROLE},
      {"long title", [](auto* p) { p->set_title(std::string(201, 't')); },
       "title", v1::REJECT_REASON_STRING_TOO_LONG},
      {"bad seniority",
       [](auto* p) { p->set_seniority(static_cast<v1::SeniorityLevel>(42)); },
       "seniority", v1::REJECT_REASON_INVALID_VALUE},
      {"min only", [](auto* p) { p->clear_pay_max(); }, "pay_max",
       v1::REJECT_REASON_MISSING_FIELD},
      {"unknown currency",
       [](auto* p) { p->mutable_pay_min()->set_currency_code("XYZ"); },
       "pay_min.currency_code", v1::REJECT_REASON_UNKNOWN_CURRENCY},
      {"mixed currencies",
       [](auto* p) { p->mutable_pay_max()->set_currency_code("EUR"); },
       "pay_max.currency_code", v1::REJECT_REASON_CURRENCY_MISMATCH},
      {"negative pay", [](auto* p) { *p->mutable_pay_min() = Usd(-5); },
       "pay_min", v1::REJECT_REASON_PAY_OUT_OF_RANGE},
      {"absurd pay",
       [](auto* p) {
         *p->mutable_pay_max() = Usd(600'000);
         p->set_pay_period(v1::PAY_PERIOD_HOUR);
       },
       "pay_max", v1::REJECT_REASON_PAY_OUT_OF_RANGE},
      {"bad nanos", [](auto* p) { *p->mutable_pay_min() = Usd(5, -3); },
       "pay_min.nanos", v1::REJECT_REASON_INVALID_VALUE},
      {"min above max", [](auto* p) { *p->mutable_pay_min() = Usd(900'000); },
       "pay_min", v1::REJECT_REASON_MIN_GREATER_THAN_MAX},
      {"no pay period", [](auto* p) { p->clear_pay_period(); }, "pay_period",
       v1::REJECT_REASON_UNKNOWN_PAY_PERIOD},
      {"unknown pay period",
       [](auto* p) { p->set_pay_period(static_cast<v1::PayPeriod>(9)); },
       "pay_period", v1::REJECT_REASON_UNKNOWN_PAY_PERIOD},
      {"no posted_at", [](auto* p) { p->clear_posted_at(); }, "posted_at",
       v1::REJECT_REASON_MISSING_FIELD},
      {"posted in 1980",
       [](auto* p) { p->mutable_posted_at()->set_seconds(315532800); },
       "posted_at", v1::REJECT_REASON_INVALID_DATE},
      {"posted tomorrow",
       [](auto* p) { *p->mutable_posted_at() = DaysAgo(-1); }, "posted_at",
       v1::REJECT_REASON_DATE_IN_FUTURE},
      {"garbled timestamp",
       [](auto* p) { p->mutable_posted_at()->set_nanos(-1); }, "posted_at",
       v1::REJECT_REASON_INVALID_DATE},
      {"expires before posted",
       [](auto* p) { *p->mutable_expires_at() = DaysAgo(400); }, "expires_at",
       v1::REJECT_REASON_INVALID_DATE},
      {"unknown skill", [](auto* p) { p->add_skills("basket weaving"); },
       "skills[", v1::REJECT_REASON_UNKNOWN_SKILL},
  };
  std::vector<v1::JobPosting> postings;
  for (size_t i = 0; i < cases.size(); ++i) {
    v1::JobPosting p = MakePosting(static_cast<int64_t>(i));
    cases[i].mutate(&p);
    postings.push_back(p);
  }
  postings.push_back(MakePosting(1000));  // valid
  postings.push_back(MakePosting(1000));  // same key again
  IngestOutcome outcome = client_->IngestPostings(FromVector(postings));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  ASSERT_EQ(outcome.rejected.size(), cases.size() + 1);
  for (size_t i = 0; i < cases.size(); ++i) {
    const v1::RejectedRecord& r = outcome.rejected[i];
    EXPECT_EQ(r.position(), static_cast<int64_t>(i)) << cases[i].name;
    EXPECT_EQ(r.reason(), cases[i].reason)
        << cases[i].name << ": " << v1::RejectReason_Name(r.reason()) << " "
        << r.message();
    EXPECT_EQ(r.field().substr(0, cases[i].field.size()), cases[i].field)
        << cases[i].name;
    EXPECT_FALSE(r.message().empty());
  }
  EXPECT_EQ(outcome.rejected.back().reason(),
            v1::REJECT_REASON_DUPLICATE_IN_STREAM);
  const v1::IngestSummary& s = outcome.summary;
  EXPECT_EQ(s.received(), static_cast<int64_t>(postings.size()));
  EXPECT_EQ(s.accepted() + s.updated() + s.rejected(), s.received());
  EXPECT_EQ(s.accepted(), 1);
  EXPECT_EQ(Count("job_postings"), 1);
}

TEST_F(IngestValidationTest, EveryReportViolationIsRejectedWithItsField) {
  const std::vector<ReportCase> cases = {
      {"unknown role", [](auto* r) { r->set_role(""); }, "role",
       v1::REJECT_REASON_MISSING_FIELD},
      {"years", [](auto* r) { r->set_years_of_experience(70); },
       "years_of_experience", v1::REJECT_REASON_VALUE_OUT_OF_RANGE},
      {"no base", [](auto* r) { r->clear_base(); }, "base",
       v1::REJECT_REASON_MISSING_FIELD},
      {"zero base", [](auto* r) { *r->mutable_base() = Usd(0); }, "base",
       v1::REJECT_REASON_PAY_OUT_OF_RANGE},
      {"negative bonus", [](auto* r) { *r->mutable_bonus() = Usd(-1); },
       "bonus", v1::REJECT_REASON_PAY_OUT_OF_RANGE},
      {"equity in EUR",
       [](auto* r) { r->mutable_equity_per_year()->set_currency_code("EUR"); },
       "equity_per_year.currency_code", v1::REJECT_REASON_CURRENCY_MISMATCH},
      {"future report",
       [](auto* r) { *r->mutable_reported_at() = DaysAgo(-2); }, "reported_at",
       v1::REJECT_REASON_DATE_IN_FUTURE},
  };
  std::vector<v1::SalaryReport> reports;
  for (size_t i = 0; i < cases.size(); ++i) {
    v1::SalaryReport r = MakeReport(static_cast<int64_t>(i));
    cases[i].mutate(&r);
    reports.push_back(r);
  }
  v1::SalaryReport hourly = MakeReport(99);
  *hourly.mutable_base() = Usd(52, 125'000'000);  // 52.125 an hour
  hourly.set_pay_period(v1::PAY_PERIOD_HOUR);
  reports.push_back(hourly);
  IngestOutcome outcome = client_->IngestSalaryReports(FromVector(reports));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  ASSERT_EQ(outcome.rejected.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(outcome.rejected[i].reason(), cases[i].reason) << cases[i].name;
    EXPECT_EQ(outcome.rejected[i].field(), cases[i].field) << cases[i].name;
  }
  // Annualised exactly: 52.125 x 2080, not round(52.125) x 2080.
  EXPECT_EQ(db_.QueryValue("SELECT annual_base FROM salary_reports"),
            "108420.00");
}

TEST_F(IngestValidationTest, ReferenceDataViolations) {
  v1::Role bad_slug;
  bad_slug.set_slug("Not A Slug");
  bad_slug.set_title("x");
  v1::Role stolen_alias;
  stolen_alias.set_slug("prompt-whisperer");
  stolen_alias.set_title("Prompt Whisperer");
  stolen_alias.add_aliases("Machine Learning Engineer");  // ml-engineer's
  std::vector<v1::Role> roles = {bad_slug, stolen_alias};
  IngestOutcome outcome = client_->IngestRoles(FromVector(roles));
  ASSERT_TRUE(outcome.status.ok()) << outcome.status;
  ASSERT_EQ(outcome.rejected.size(), 2u);
  EXPECT_EQ(outcome.rejected[0].reason(), v1::REJECT_REASON_INVALID_VALUE);
  EXPECT_EQ(outcome.rejected[0].field(), "slug");
  EXPECT_EQ(outcome.rejected[1].reason(), v1::REJECT_REASON_ALIAS_CONFLICT);
  EXPECT_EQ(outcome.rejected[1].field(), "aliases[0]");

  v1::RoleTransition loop;
  loop.set_from_role("ai-engineer");
  loop.set_to_role("AI Engineer");
  loop.set_kind(v1::TRANSITION_KIND_LATERAL);
  loop.set_weight(0.5);
  v1::RoleTransition heavy = loop;
  heavy.set_to_role("data-scientist");
  heavy.set_weight(3);
  std::vector<v1::RoleTransition> transitions = {loop, heavy};
  outcome = client_->IngestRoleTransitions(FromVector(transitions));
  ASSERT_EQ(outcome.rejected.size(), 2u);
  EXPECT_EQ(outcome.rejected[0].field(), "to_role");
  EXPECT_EQ(outcome.rejected[1].reason(), v1::REJECT_REASON_VALUE_OUT_OF_RANGE);
}

TEST_F(IngestValidationTest, BadOptionsFailTheStreamNamingTheField) {
  IngestRunOptions options;
  options.batch_size = 20000;
  std::vector<v1::JobPosting> postings = {MakePosting(1)};
  IngestOutcome outcome =
      client_->IngestPostings(FromVector(postings), options);
  EXPECT_EQ(outcome.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(outcome.status),
            std::vector<std::string>{"options.batch_size"});
  EXPECT_EQ(Count("job_postings"), 0);
}

}  // namespace
}  // namespace compdata::testing
