#include "bench/query/scenarios.h"

#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "compdata/v1/compensation_service.grpc.pb.h"

namespace compdata::bench {
namespace {

constexpr char kHealthMethod[] = "/grpc.health.v1.Health/Check";

// A percentile in [0, 100) unique to call n (for n < 10^8).
double UniquePercentile(uint64_t n) {
  return static_cast<double>(n % 100000000) * 1e-6;
}

Scenario MakeScenario(std::string name, Kind kind, std::string method,
                      std::string request, RequestSource distinct,
                      SqlFilter filter = {}) {
  Scenario s;
  s.name = std::move(name);
  s.kind = kind;
  s.method = std::move(method);
  s.request = std::move(request);
  s.distinct = std::move(distinct);
  s.sql_filter = std::move(filter);
  return s;
}

Scenario DistributionScenario(const std::string& name,
                              const v1::GetSalaryDistributionRequest& r,
                              SqlFilter filter) {
  return MakeScenario(
      name, Kind::kDistribution,
      absl::StrCat("/", v1::CompensationService::service_full_name(),
                   "/GetSalaryDistribution"),
      r.SerializeAsString(),
      [r](uint64_t n) {
        v1::GetSalaryDistributionRequest q = r;
        for (double p : {10, 25, 50, 75, 90}) q.add_percentiles(p);
        q.add_percentiles(UniquePercentile(n));
        return q.SerializeAsString();
      },
      std::move(filter));
}

}  // namespace

std::vector<Scenario> MakeScenarios() {
  std::vector<Scenario> out;
  out.push_back(
      MakeScenario("health.Check", Kind::kHealth, kHealthMethod, "", nullptr));
  {
    v1::GetSalaryDistributionRequest r;
    r.set_role(kRoleA);
    out.push_back(DistributionScenario(
        absl::StrCat("GetSalaryDistribution ", kRoleA), r, {}));
  }
  {
    v1::GetSalaryDistributionRequest r;
    r.set_role(kRoleA);
    r.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
    r.mutable_filter()->set_remote(v1::REMOTE_FILTER_REMOTE_ONLY);
    out.push_back(DistributionScenario(
        absl::StrCat("GetSalaryDistribution ", kRoleA, " senior+remote"), r,
        SqlFilter{"senior", true}));
  }
  {
    v1::CompareRolesRequest r;
    r.add_roles(kRoleA);
    r.add_roles(kRoleB);
    out.push_back(MakeScenario(
        absl::StrCat("CompareRoles ", kRoleA, " vs ", kRoleB), Kind::kCompare,
        absl::StrCat("/", v1::CompensationService::service_full_name(),
                     "/CompareRoles"),
        r.SerializeAsString(), [r](uint64_t n) {
          v1::CompareRolesRequest q = r;
          q.add_percentiles(UniquePercentile(n));
          return q.SerializeAsString();
        }));
    // The headline table and the verdicts only: what the mask spares is
    // what makes a comparison cost more than a distribution.
    r.mutable_read_mask()->add_paths("roles.pay");
    r.mutable_read_mask()->add_paths("verdicts");
    out.push_back(MakeScenario(
        absl::StrCat("CompareRoles ", kRoleA, " vs ", kRoleB,
                     " mask pay,verdicts"),
        Kind::kCompareMasked,
        absl::StrCat("/", v1::CompensationService::service_full_name(),
                     "/CompareRoles"),
        r.SerializeAsString(), [r](uint64_t n) {
          v1::CompareRolesRequest q = r;
          q.add_percentiles(UniquePercentile(n));
          return q.SerializeAsString();
        }));
  }
  return out;
}

// For the VmRSS reading: a short burst of every scenario, so gRPC's threads
// and per-connection buffers are counted on both servers alike. The same
// request each time: a response cache (bounded, unrelated to the data size)
// stays nearly empty here; the final reading includes it.
void Exercise(const std::string& target, const std::vector<Scenario>& scenarios,
              const Options& o) {
  const auto channels = MakeChannels(target, o.channels);
  LoadOptions burst;
  burst.concurrency = o.concurrency;
  burst.warmup = absl::ZeroDuration();
  burst.duration = absl::Milliseconds(500);
  for (const Scenario& s : scenarios) {
    RunClosedLoop(channels, s.method, FixedRequest(s.request), burst);
  }
}

}  // namespace compdata::bench
