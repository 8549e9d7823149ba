// Writes a fuzz target's starting corpus into DIR: a few valid inputs per
// RPC or record kind (first byte = which, as the targets read it), with most
// fields set, so mutation starts from inputs that reach deep into every
// handler and validator.
//
//   fuzz_seeds read|ingest DIR

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "compdata/v1/compensation_service.pb.h"
#include "compdata/v1/ingest_service.pb.h"

namespace compdata::fuzz {
namespace {

int written = 0;

void Write(const std::string& dir, char rpc,
           const google::protobuf::MessageLite& request) {
  std::ofstream out(absl::StrCat(dir, "/seed-", written++),
                    std::ios::binary | std::ios::trunc);
  out << rpc << request.SerializeAsString();
}

v1::SalaryFilter Filter() {
  v1::SalaryFilter f;
  f.add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
  f.add_metros("SF");
  f.set_remote(v1::REMOTE_FILTER_REMOTE_ONLY);
  f.add_companies("Acme");
  f.mutable_time_window()->mutable_start_time()->set_seconds(1'700'000'000);
  f.set_pay_component(v1::PAY_COMPONENT_BASE);
  f.set_data_source(v1::DATA_SOURCE_POSTINGS);
  f.set_currency("EUR");
  return f;
}

void SetMoney(google::type::Money* m, int64_t units) {
  m->set_currency_code("USD");
  m->set_units(units);
}

// Partial answers, known versions and a batch of the same requests.
void WriteMasked(const std::string& dir, v1::GetSalaryDistributionRequest dist,
                 v1::CompareRolesRequest compare,
                 v1::GetSkillPremiumsRequest premiums,
                 v1::GetCareerPathRequest career) {
  v1::BatchReadRequest batch;
  *batch.add_items()->mutable_salary_distribution() = dist;
  *batch.add_items()->mutable_compare_roles() = compare;
  batch.add_items();  // no request: refused as items[2]
  dist.mutable_read_mask()->add_paths("distribution.percentiles");
  dist.set_known_version("v1.f5.r1");
  Write(dir, 2, dist);
  compare.mutable_read_mask()->add_paths("roles.pay");
  compare.mutable_read_mask()->add_paths("verdicts");
  Write(dir, 3, compare);
  premiums.mutable_read_mask()->add_paths("premiums.premium");
  Write(dir, 5, premiums);
  career.mutable_read_mask()->add_paths("levels.median");
  Write(dir, 6, career);
  *batch.add_items()->mutable_compare_roles() = compare;
  Write(dir, 10, batch);
}

void WriteRead(const std::string& dir) {
  v1::ListRolesRequest list;
  list.set_page_size(2);
  Write(dir, 0, list);
  list.set_family("ai");
  Write(dir, 0, list);
  v1::GetRoleRequest role;
  role.set_role("alias 1");
  Write(dir, 1, role);
  for (bool filtered : {false, true}) {
    v1::GetSalaryDistributionRequest dist;
    dist.set_role("ai-engineer");
    for (double p : {10.0, 50.0, 99.5}) dist.add_percentiles(p);
    if (filtered) *dist.mutable_filter() = Filter();
    Write(dir, 2, dist);
    v1::CompareRolesRequest compare;
    compare.add_roles("ai-engineer");
    compare.add_roles("software-engineer");
    compare.add_roles("data-scientist");
    compare.set_top_n(3);
    compare.add_percentiles(90);
    compare.set_tracked_family("ai");
    if (filtered) *compare.mutable_filter() = Filter();
    Write(dir, 3, compare);
    v1::GetSkillOverlapRequest overlap;
    overlap.add_roles("ml-engineer");
    overlap.add_roles("Title 0");
    overlap.set_top_n(5);
    if (filtered) *overlap.mutable_filter() = Filter();
    Write(dir, 4, overlap);
    v1::GetSkillPremiumsRequest premiums;
    premiums.set_role("software-engineer");
    premiums.set_min_sample_size(3);
    premiums.add_skills("skill-1");
    premiums.set_top_n(4);
    if (filtered) *premiums.mutable_filter() = Filter();
    Write(dir, 5, premiums);
    v1::GetCareerPathRequest career;
    career.set_role("ai-engineer");
    career.set_max_transitions(2);
    if (filtered) *career.mutable_filter() = Filter();
    Write(dir, 6, career);
    v1::GetSalaryTrendRequest trend;
    trend.set_role("ml-engineer");
    trend.mutable_start_month()->set_year(2025);
    trend.mutable_start_month()->set_month(1);
    trend.mutable_end_month()->set_year(2025);
    trend.mutable_end_month()->set_month(12);
    if (filtered) *trend.mutable_filter() = Filter();
    Write(dir, 7, trend);
    v1::EvaluateOfferRequest offer;
    offer.set_role("ai-engineer");
    if (filtered) {
      offer.set_seniority_level(v1::SENIORITY_LEVEL_SENIOR);
      offer.set_metro("SF");
      offer.set_remote(v1::REMOTE_FILTER_ON_SITE_ONLY);
      offer.set_data_source(v1::DATA_SOURCE_REPORTS);
      offer.mutable_time_window()->mutable_start_time()->set_seconds(
          1'700'000'000);
      offer.mutable_offer()->set_pay_period(v1::PAY_PERIOD_MONTH);
      SetMoney(offer.mutable_offer()->mutable_base(), 9000);
      SetMoney(offer.mutable_offer()->mutable_bonus(), 500);
      SetMoney(offer.mutable_offer()->mutable_equity_per_year(), 250);
    } else {
      SetMoney(offer.mutable_offer()->mutable_total(), 120000);
    }
    Write(dir, 8, offer);
    v1::GetRelatedRolesRequest related;
    related.set_role("Title 1");
    related.set_max_results(2);
    related.set_top_n(4);
    if (filtered) *related.mutable_filter() = Filter();
    Write(dir, 9, related);
    WriteMasked(dir, dist, compare, premiums, career);
  }
}

void WriteIngest(const std::string& dir) {
  v1::JobPosting posting;
  posting.set_source("board");
  posting.set_source_id("p-1");
  posting.set_role("ai-engineer");
  posting.set_title("AI Engineer");
  posting.set_company("Acme");
  posting.set_metro("SF");
  posting.set_remote(true);
  posting.set_seniority(v1::SENIORITY_LEVEL_SENIOR);
  SetMoney(posting.mutable_pay_min(), 150000);
  SetMoney(posting.mutable_pay_max(), 190000);
  posting.set_pay_period(v1::PAY_PERIOD_YEAR);
  posting.mutable_posted_at()->set_seconds(1'760'000'000);
  posting.mutable_expires_at()->set_seconds(1'765'000'000);
  posting.add_skills("python");
  posting.add_skills("RAG");
  Write(dir, 0, posting);
  v1::SalaryReport report;
  report.set_source("survey");
  report.set_source_id("r-1");
  report.set_role("software-engineer");
  report.set_seniority(v1::SENIORITY_LEVEL_MID);
  report.set_years_of_experience(4.5);
  report.set_company("Globex");
  report.set_metro("new-york");
  SetMoney(report.mutable_base(), 12000);
  SetMoney(report.mutable_bonus(), 1000);
  SetMoney(report.mutable_equity_per_year(), 500);
  report.set_pay_period(v1::PAY_PERIOD_MONTH);
  report.mutable_reported_at()->set_seconds(1'761'000'000);
  Write(dir, 1, report);
  v1::Role role;
  role.set_slug("ml-engineer");
  role.set_title("ML Engineer");
  role.set_family("ai");
  role.add_aliases("MLE");
  role.mutable_profile()->set_summary("Trains models.");
  role.mutable_profile()->add_core_responsibilities("Training");
  Write(dir, 2, role);
  v1::Skill skill;
  skill.set_slug("pytorch");
  skill.set_display_name("PyTorch");
  skill.add_aliases("torch");
  skill.set_category("framework");
  Write(dir, 3, skill);
  v1::RoleLevel level;
  level.set_role("ai-engineer");
  level.set_level(2);
  level.set_seniority(v1::SENIORITY_LEVEL_MID);
  level.set_title("AI Engineer II");
  Write(dir, 4, level);
  v1::RoleTransition transition;
  transition.set_from_role("software-engineer");
  transition.set_to_role("ai-engineer");
  transition.set_kind(v1::TRANSITION_KIND_SWITCH);
  transition.set_weight(0.4);
  Write(dir, 5, transition);
  // Kind 6 is an official wage table: its text, not a message.
  std::ofstream table(absl::StrCat(dir, "/seed-", written++),
                      std::ios::binary | std::ios::trunc);
  table << char{6}
        << "OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,"
           "A_PCT75,A_PCT90\n15-1252,Software Developers,\"1,656,880\",144570,"
           "79850,103050,133080,169710.5,#\n15-2099,\"Other, All\",**,*,*,*,*,"
           "*,*\n";
}

}  // namespace
}  // namespace compdata::fuzz

int main(int argc, char** argv) {
  const std::string target = argc == 3 ? argv[1] : "";
  if (target != "read" && target != "ingest") {
    std::fprintf(stderr, "usage: %s read|ingest DIR\n", argv[0]);
    return 2;
  }
  if (target == "read") {
    compdata::fuzz::WriteRead(argv[2]);
  } else {
    compdata::fuzz::WriteIngest(argv[2]);
  }
  std::printf("%d seeds in %s\n", compdata::fuzz::written, argv[2]);
  return 0;
}
