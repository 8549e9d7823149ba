#include "tests/support/ingest_data.h"

#include <gtest/gtest.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/record_parsers.h"

namespace compdata::testing {
namespace {

template <typename Record>
std::vector<Record> ReadJsonl(const std::string& name) {
  std::ifstream in(absl::StrCat(COMPDATA_SOURCE_DIR, "/db/seed/", name));
  EXPECT_TRUE(in.good()) << name;
  std::vector<Record> records;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Record r;
    absl::Status s = ParseJsonRecord(line, &r);
    EXPECT_TRUE(s.ok()) << name << ": " << s;
    records.push_back(std::move(r));
  }
  return records;
}

void ExpectClean(const IngestOutcome& outcome, const std::string& what) {
  EXPECT_TRUE(outcome.status.ok()) << what << ": " << outcome.status;
  for (const auto& r : outcome.rejected) {
    ADD_FAILURE() << what << " rejected " << r.source_id() << " " << r.field()
                  << ": " << r.message();
  }
}

}  // namespace

void LoadSeed(const Client& client) {
  auto roles = ReadJsonl<v1::Role>("roles.jsonl");
  ExpectClean(client.IngestRoles(FromVector(roles)), "roles");
  auto skills = ReadJsonl<v1::Skill>("skills.jsonl");
  ExpectClean(client.IngestSkills(FromVector(skills)), "skills");
  auto levels = ReadJsonl<v1::RoleLevel>("role_levels.jsonl");
  ExpectClean(client.IngestRoleLevels(FromVector(levels)), "role_levels");
  auto transitions = ReadJsonl<v1::RoleTransition>("role_transitions.jsonl");
  ExpectClean(client.IngestRoleTransitions(FromVector(transitions)),
              "role_transitions");
}

google::type::Money Usd(int64_t units, int32_t nanos) {
  google::type::Money m;
  m.set_currency_code("USD");
  m.set_units(units);
  m.set_nanos(nanos);
  return m;
}

google::protobuf::Timestamp DaysAgo(int days) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(absl::Now() - absl::Hours(24) * days));
  return ts;
}

v1::JobPosting MakePosting(int64_t i, const std::string& prefix) {
  static const char* kRoles[] = {"ai-engineer", "software-engineer",
                                 "ai-ml-engineer", "AI Software Engineer"};
  static const char* kMetros[] = {"San Francisco", "NYC", "Los Angeles", ""};
  static const char* kSkills[] = {"python", "RAG", "aws", "kubernetes", "rust"};
  v1::JobPosting p;
  p.set_source("test");
  p.set_source_id(absl::StrCat(prefix, i));
  p.set_role(kRoles[i % 4]);
  p.set_title(absl::StrCat("Engineer ", i));
  p.set_company(absl::StrCat("Company ", i % 7));
  p.set_metro(kMetros[i % 4]);
  p.set_remote(i % 4 == 3);
  p.set_seniority(static_cast<v1::SeniorityLevel>(1 + i % 3));
  *p.mutable_pay_min() = Usd(100000 + (i % 50) * 1000);
  *p.mutable_pay_max() = Usd(150000 + (i % 50) * 1000);
  p.set_pay_period(v1::PAY_PERIOD_YEAR);
  *p.mutable_posted_at() = DaysAgo(1 + i % 300);
  for (int s = 0; s < 1 + i % 4; ++s) p.add_skills(kSkills[(i + s) % 5]);
  return p;
}

v1::SalaryReport MakeReport(int64_t i, const std::string& prefix) {
  v1::SalaryReport r;
  r.set_source("test-survey");
  r.set_source_id(absl::StrCat(prefix, i));
  r.set_role(i % 2 == 0 ? "ai-engineer" : "software-engineer");
  r.set_seniority(static_cast<v1::SeniorityLevel>(1 + i % 3));
  r.set_years_of_experience(static_cast<double>(i % 20));
  r.set_company(absl::StrCat("Company ", i % 7));
  r.set_metro("Seattle");
  *r.mutable_base() = Usd(120000 + (i % 80) * 1000);
  *r.mutable_bonus() = Usd(10000);
  *r.mutable_equity_per_year() = Usd(i % 3 == 0 ? 0 : 25000);
  *r.mutable_reported_at() = DaysAgo(1 + i % 200);
  return r;
}

}  // namespace compdata::testing
