// compdata: the command-line client (compdata --help lists the commands).
//
// Connection: --target=HOST:PORT (default $COMPDATA_TARGET, then
// localhost:50051), --tls, --tls_ca_file=PEM ($COMPDATA_TLS_CA_FILE),
// --tls_server_name=NAME, --token_file=FILE ($COMPDATA_TOKEN holds the token
// itself), --timeout=10s. --json prints the answer as proto JSON. Errors print
// the status code and the field at fault and exit 1; usage errors exit 2.
// The flags are ABSL_FLAGs (cli_args.cc).

#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "client/cli/batch_command.h"
#include "client/cli/call_command.h"
#include "client/cli/cli_args.h"
#include "client/cli/compare_command.h"
#include "client/cli/format.h"
#include "client/cli/import_official_command.h"
#include "client/cli/load_command.h"
#include "client/cli/offer_command.h"
#include "client/cli/report_commands.h"
#include "client/client.h"
#include "google/rpc/error_details.pb.h"

namespace compdata::cli {
namespace {

int Fail(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  if (auto details = RpcStatusDetails(status)) {
    for (const auto& any : details->details()) {
      google::rpc::BadRequest bad_request;
      if (!any.UnpackTo(&bad_request)) continue;
      for (const auto& v : bad_request.field_violations()) {
        std::cerr << "  field " << v.field() << ": " << v.description() << "\n";
      }
    }
  }
  return 1;
}

// Prints `response` as proto JSON (--json) or as `render` lays it out.
template <typename Response, typename Render>
int Print(const Args& args, const absl::StatusOr<Response>& response,
          Render render) {
  if (!response.ok()) return Fail(response.status());
  if (args.json) {
    PrintJson(*response);
  } else {
    std::cout << render(*response);
  }
  return 0;
}

// health [SERVICE]: "" (the server) unless a service is named, e.g.
// compdata.v1.CompensationService for readiness.
int Health(const Client& client, const Args& args) {
  auto status = client.Health(args.positional.size() > 1 ? args.positional[1]
                                                         : std::string());
  if (!status.ok()) return Fail(status.status());
  std::cout << ServingStatusName(*status) << "\n";
  return *status == ServingStatus::kServing ? 0 : 1;
}

// Every page of ListRoles, as one response.
absl::StatusOr<v1::ListRolesResponse> AllRoles(const Client& client,
                                               const std::string& family) {
  v1::ListRolesRequest request;
  request.set_family(family);
  request.set_page_size(500);
  std::vector<v1::Role> roles;
  v1::ListRolesResponse last;
  do {
    auto page = client.ListRoles(request);
    if (!page.ok()) return page.status();
    for (const auto& r : page->roles()) roles.push_back(r);
    request.set_page_token(page->next_page_token());
    last = *std::move(page);
  } while (!request.page_token().empty());
  // The last page's metadata, with every page's roles.
  last.clear_roles();
  for (auto& r : roles) *last.add_roles() = std::move(r);
  last.clear_next_page_token();
  return last;
}

std::string RenderRoles(const v1::ListRolesResponse& response) {
  std::ostringstream out;
  out << std::left << std::setw(28) << "SLUG" << std::setw(32) << "TITLE"
      << "FAMILY\n";
  for (const auto& r : response.roles()) {
    out << std::setw(28) << r.slug() << std::setw(32) << r.title() << r.family()
        << "\n";
  }
  out << response.roles_size() << " roles (data version "
      << response.metadata().data_version() << ")\n";
  return out.str();
}

int Roles(const Client& client, const Args& args) {
  return Print(args, AllRoles(client, args.family), RenderRoles);
}

std::string RenderRole(const v1::GetRoleResponse& response) {
  const auto& r = response.role();
  std::ostringstream out;
  out << r.title() << " (" << r.slug() << ")\n";
  if (!r.family().empty()) out << "  family: " << r.family() << "\n";
  if (r.aliases_size() > 0) {
    out << "  aliases: " << absl::StrJoin(r.aliases(), ", ") << "\n";
  }
  if (!r.profile().summary().empty()) {
    out << "  " << r.profile().summary() << "\n";
  }
  auto section = [&out](const char* title, const auto& items) {
    if (items.empty()) return;
    out << "  " << title << ":\n";
    for (const auto& i : items) out << "    - " << i << "\n";
  };
  section("Core responsibilities", r.profile().core_responsibilities());
  section("Decision ownership", r.profile().decision_ownership());
  section("Stakeholders", r.profile().stakeholders());
  section("Performance measures", r.profile().performance_measures());
  return out.str();
}

int Role(const Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  v1::GetRoleRequest request;
  request.set_role(args.positional[1]);
  return Print(args, client.GetRole(request), RenderRole);
}

// --at sets the end of the filter's time window: the "now" of demand figures.
bool ApplyAt(const Args& args, v1::SalaryFilter* filter) {
  if (args.at.empty()) return true;
  absl::Time at;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, args.at, &at, &error)) {
    std::cerr << "--at: " << error << "\n";
    return false;
  }
  filter->mutable_time_window()->mutable_end_time()->set_seconds(
      absl::ToUnixSeconds(at));
  return true;
}

int Compare(const Client& client, const Args& args) {
  v1::CompareRolesRequest request;
  for (size_t i = 1; i < args.positional.size(); ++i) {
    request.add_roles(args.positional[i]);
  }
  request.set_tracked_family(args.family);
  if (!ApplyAt(args, request.mutable_filter())) return 2;
  return Print(args, client.CompareRoles(request), RenderComparison);
}

// Runs a single-role read RPC and prints it (--json: proto JSON).
template <typename Request, typename Response, typename Render>
int Report(const Args& args, Request request,
           absl::StatusOr<Response> (Client::*call)(const Request&) const,
           const Client& client, Render render) {
  if (args.positional.size() != 2) return Usage();
  request.set_role(args.positional[1]);
  return Print(args, (client.*call)(request), render);
}

int Salary(const Client& client, const Args& args) {
  v1::GetSalaryDistributionRequest request;
  v1::SalaryFilter& filter = *request.mutable_filter();
  for (int level : args.levels) {
    filter.add_seniority_levels(static_cast<v1::SeniorityLevel>(level));
  }
  for (const auto& metro : args.metros) filter.add_metros(metro);
  if (args.remote) filter.set_remote(v1::REMOTE_FILTER_REMOTE_ONLY);
  for (double p : args.percentiles) request.add_percentiles(p);
  return Report(args, request, &Client::GetSalaryDistribution, client,
                RenderDistribution);
}

int Skills(const Client& client, const Args& args) {
  if (args.positional.size() != 3) return Usage();
  v1::GetSkillOverlapRequest request;
  request.add_roles(args.positional[1]);
  request.add_roles(args.positional[2]);
  request.set_top_n(args.top);
  if (!ApplyAt(args, request.mutable_filter())) return 2;
  return Print(args, client.GetSkillOverlap(request), RenderSkillOverlapAnswer);
}

int Career(const Client& client, const Args& args) {
  return Report(args, v1::GetCareerPathRequest(), &Client::GetCareerPath,
                client, RenderCareerPath);
}

int Premiums(const Client& client, const Args& args) {
  v1::GetSkillPremiumsRequest request;
  request.set_top_n(10);
  return Report(args, request, &Client::GetSkillPremiums, client,
                RenderPremiums);
}

int Trend(const Client& client, const Args& args) {
  return Report(args, v1::GetSalaryTrendRequest(), &Client::GetSalaryTrend,
                client, RenderTrend);
}

int Offer(const Client& client, const Args& args) {
  std::optional<v1::EvaluateOfferRequest> request = OfferRequest(args);
  if (!request.has_value()) return Usage();
  return Print(args, client.EvaluateOffer(*request), RenderOffer);
}

int Related(const Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  v1::GetRelatedRolesRequest request;
  request.set_role(args.positional[1]);
  request.set_max_results(args.max_results);
  request.set_top_n(args.top);
  if (!ApplyAt(args, request.mutable_filter())) return 2;
  return Print(args, client.GetRelatedRoles(request), RenderRelated);
}

int CallMethod(const Client& client, const Args& args) {
  if (args.positional.size() < 2 || args.positional.size() > 3) {
    return Usage();
  }
  return Call(client, args.positional[1],
              args.positional.size() == 3 ? args.positional[2] : "");
}

int BatchFile(const Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  return Batch(client, args.positional[1]);
}

int LoadFile(const Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  LoadArgs load = args.load;
  load.path = args.positional[1];
  return Load(client, load);
}

// import-official FILE: a published wage table, replacing an earlier
// import of the same table; a rejected one prints each bad line.
int ImportOfficialFile(const Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  absl::StatusOr<v1::ImportOfficialStatisticsRequest> request =
      OfficialImportRequest(args.official, args.positional[1]);
  if (!request.ok()) {
    std::cerr << request.status().message() << "\n";
    return absl::IsInvalidArgument(request.status()) ? Usage() : 1;
  }
  return Print(args, client.ImportOfficialStatistics(*request),
               RenderOfficialImport);
}

struct Command {
  const char* name;
  int (*run)(const Client& client, const Args& args);
};

constexpr Command kCommands[] = {
    {"health", Health},   {"roles", Roles},
    {"role", Role},       {"compare", Compare},
    {"salary", Salary},   {"skills", Skills},
    {"career", Career},   {"premiums", Premiums},
    {"trend", Trend},     {"offer", Offer},
    {"related", Related}, {"call", CallMethod},
    {"load", LoadFile},   {"import-official", ImportOfficialFile},
    {"batch", BatchFile}};

int Run(const Args& args) {
  if (args.positional.empty()) return Usage();
  for (const Command& command : kCommands) {
    if (args.positional[0] != command.name) continue;
    ClientOptions options = args.client;
    // The health command must reach a server that says NOT_SERVING.
    if (args.positional[0] == "health") options.health_check_service = "";
    auto client = Client::Create(options);
    if (!client.ok()) return Fail(client.status());
    return command.run(**client, args);
  }
  return Usage();
}

}  // namespace
}  // namespace compdata::cli

int main(int argc, char** argv) {
  compdata::cli::Args args;
  if (std::optional<int> exit_code =
          compdata::cli::ParseArgs(argc, argv, &args)) {
    return *exit_code;
  }
  return compdata::cli::Run(args);
}
