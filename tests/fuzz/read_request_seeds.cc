// Writes the starting corpus of read_request_fuzzer into DIR: a few valid
// requests per read RPC (first byte = the RPC, as the target reads it), with
// filters, percentiles and windows set, so mutation starts from inputs that
// reach deep into every handler.
//
//   read_request_seeds DIR

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "compdata/v1/compensation_service.pb.h"

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

void WriteAll(const std::string& dir) {
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
  }
}

}  // namespace
}  // namespace compdata::fuzz

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  compdata::fuzz::WriteAll(argv[1]);
  std::printf("%d seeds in %s\n", compdata::fuzz::written, argv[1]);
  return 0;
}
