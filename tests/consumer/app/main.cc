// Uses the installed compdata client library the way an outside service
// would: Health, ListRoles and GetSalaryDistribution against
// $COMPDATA_TARGET (or argv[1]), checking each answer. Exits non-zero on any
// failure. Role: argv[2], else "software-engineer" if listed, else the first.
#include <cstdlib>
#include <iostream>
#include <string>

#include "client/client.h"
#include "compdata/v1/compensation_service.pb.h"

namespace {

int Fail(const std::string& what) {
  std::cerr << "consumer: FAIL: " << what << "\n";
  return 1;
}

double Amount(const google::type::Money& money) {
  return static_cast<double>(money.units()) + money.nanos() / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  const char* env_target = std::getenv("COMPDATA_TARGET");
  std::string target = argc > 1 ? argv[1] : (env_target ? env_target : "");
  if (target.empty())
    return Fail("no target: set COMPDATA_TARGET or pass host:port");

  compdata::ClientOptions options;
  options.target = target;
  auto client = compdata::Client::Create(options);
  if (!client.ok()) return Fail("Create: " + client.status().ToString());

  auto health = (*client)->Health();
  if (!health.ok()) return Fail("Health: " + health.status().ToString());
  std::cout << "health: " << compdata::ServingStatusName(*health) << "\n";
  if (*health != compdata::ServingStatus::kServing) return Fail("not SERVING");

  compdata::v1::ListRolesRequest list_request;
  list_request.set_page_size(500);
  auto roles = (*client)->ListRoles(list_request);
  if (!roles.ok()) return Fail("ListRoles: " + roles.status().ToString());
  if (roles->roles().empty()) return Fail("ListRoles returned no roles");
  if (roles->metadata().data_version().empty()) return Fail("no data_version");
  std::cout << "roles: " << roles->roles_size() << " of " << roles->total_size()
            << " (data version " << roles->metadata().data_version() << ")\n";

  std::string role = argc > 2 ? argv[2] : roles->roles(0).slug();
  if (argc <= 2) {
    for (const auto& r : roles->roles()) {
      if (r.slug() == "software-engineer") role = r.slug();
    }
  }

  compdata::v1::GetSalaryDistributionRequest request;
  request.set_role(role);
  for (double p : {25.0, 50.0, 75.0}) request.add_percentiles(p);
  auto dist = (*client)->GetSalaryDistribution(request);
  if (!dist.ok())
    return Fail("GetSalaryDistribution: " + dist.status().ToString());
  if (dist->role().slug() != role)
    return Fail("answered for " + dist->role().slug());
  const auto& quality = dist->quality();
  const auto& d = dist->distribution();
  if (quality.sample_size() <= 0) return Fail("empty sample for " + role);
  if (quality.suppression_reason() !=
      compdata::v1::SUPPRESSION_REASON_UNSPECIFIED) {
    return Fail("distribution withheld: " + quality.note());
  }
  if (d.count() != quality.sample_size()) return Fail("count != sample_size");
  if (d.percentiles_size() != 3) return Fail("expected 3 percentiles");
  double previous = Amount(d.min());
  for (const auto& p : d.percentiles()) {
    double value = Amount(p.value());
    if (p.value().currency_code() != "USD") return Fail("currency not USD");
    if (value < previous) return Fail("percentiles not ordered");
    previous = value;
  }
  if (Amount(d.max()) < previous) return Fail("max below p75");
  std::cout << role << ": n=" << d.count()
            << " p25=" << Amount(d.percentiles(0).value())
            << " median=" << Amount(d.percentiles(1).value())
            << " p75=" << Amount(d.percentiles(2).value()) << " USD\n";
  std::cout << "consumer: OK\n";
  return 0;
}
