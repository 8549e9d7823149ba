// compdata: the command-line client (compdata --help lists the commands).
//
// Connection: --target=HOST:PORT (default $COMPDATA_TARGET, then
// localhost:50051), --tls, --tls_ca_file=PEM ($COMPDATA_TLS_CA_FILE),
// --tls_server_name=NAME, --token_file=FILE ($COMPDATA_TOKEN holds the token
// itself), --timeout=10s. --json prints the answer as proto JSON. Errors print
// the status code and the field at fault and exit 1; usage errors exit 2.

#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "client/cli/call_command.h"
#include "client/cli/compare_command.h"
#include "client/cli/format.h"
#include "client/cli/load_command.h"
#include "client/cli/report_commands.h"
#include "client/client.h"
#include "common/file_util.h"
#include "google/rpc/error_details.pb.h"

namespace {

struct Args {
  compdata::ClientOptions client{"localhost:50051"};
  bool json = false;
  std::string family;
  compdata::cli::LoadArgs load;
  std::vector<int> levels;          // --level=entry|mid|...
  std::vector<std::string> metros;  // --metro=NAME
  bool remote = false;              // --remote
  std::vector<double> percentiles;  // --percentiles=10,50,90
  std::string at;                   // --at=RFC3339: "now" of demand figures
  int top = 0;                      // --top=N: skills per role
  std::vector<std::string> positional;
};

bool ReadFile(const std::string& path, std::string* out) {
  absl::StatusOr<std::string> bytes = compdata::ReadFileToString(path);
  if (!bytes.ok()) {
    std::cerr << bytes.status().message() << "\n";
    return false;
  }
  *out = *std::move(bytes);
  return true;
}

int Usage() {
  std::cerr
      << "usage: compdata [--target=HOST:PORT] [--tls] [--tls_ca_file=PEM]\n"
         "                [--tls_server_name=NAME] [--token_file=FILE]\n"
         "                [--timeout=10s] [--json] COMMAND\n"
         "  health\n"
         "  roles [--family=F]\n"
         "  role ROLE\n"
         "  compare ROLE ROLE... [--family=F] [--at=RFC3339]\n"
         "  salary ROLE [--level=L]... [--metro=M]... [--remote]\n"
         "              [--percentiles=10,50,90]\n"
         "  skills ROLE ROLE [--top=N] [--at=RFC3339]\n"
         "  premiums ROLE\n"
         "  career ROLE\n"
         "  trend ROLE\n"
         "  call METHOD [REQUEST_JSON|-]   any read RPC, proto JSON in/out\n"
         "  load FILE [--kind=K] [--batch_size=N] [--dry_run] [--skip=N]\n"
         "            [--rejects=FILE.csv] [--quiet]\n"
         "levels: entry mid senior staff principal; --at: the \"now\" of\n"
         "demand figures (open postings).\n";
  return 2;
}

int Fail(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  if (auto details = compdata::RpcStatusDetails(status)) {
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

int Roles(const compdata::Client& client, const Args& args) {
  compdata::v1::ListRolesRequest request;
  request.set_family(args.family);
  request.set_page_size(500);
  std::vector<compdata::v1::Role> roles;
  compdata::v1::ListRolesResponse last;
  do {
    auto page = client.ListRoles(request);
    if (!page.ok()) return Fail(page.status());
    for (const auto& r : page->roles()) roles.push_back(r);
    request.set_page_token(page->next_page_token());
    last = *std::move(page);
  } while (!request.page_token().empty());
  if (args.json) {
    last.clear_roles();
    for (const auto& r : roles) *last.add_roles() = r;
    last.clear_next_page_token();
    compdata::cli::PrintJson(last);
    return 0;
  }
  std::cout << std::left << std::setw(28) << "SLUG" << std::setw(32) << "TITLE"
            << "FAMILY\n";
  for (const auto& r : roles) {
    std::cout << std::setw(28) << r.slug() << std::setw(32) << r.title()
              << r.family() << "\n";
  }
  std::cout << roles.size() << " roles (data version "
            << last.metadata().data_version() << ")\n";
  return 0;
}

// --at sets the end of the filter's time window: the "now" of demand figures.
bool ApplyAt(const Args& args, compdata::v1::SalaryFilter* filter) {
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

int Compare(const compdata::Client& client, const Args& args) {
  compdata::v1::CompareRolesRequest request;
  for (size_t i = 1; i < args.positional.size(); ++i) {
    request.add_roles(args.positional[i]);
  }
  request.set_tracked_family(args.family);
  if (!ApplyAt(args, request.mutable_filter())) return 2;
  auto response = client.CompareRoles(request);
  if (!response.ok()) return Fail(response.status());
  if (args.json) {
    compdata::cli::PrintJson(*response);
    return 0;
  }
  std::cout << compdata::cli::RenderComparison(*response);
  return 0;
}

// Runs a single-role read RPC and prints it (--json: proto JSON).
template <typename Request, typename Response, typename Render>
int Report(const Args& args, Request request,
           absl::StatusOr<Response> (compdata::Client::*call)(const Request&)
               const,
           const compdata::Client& client, Render render) {
  if (args.positional.size() != 2) return Usage();
  request.set_role(args.positional[1]);
  auto response = (client.*call)(request);
  if (!response.ok()) return Fail(response.status());
  if (args.json) {
    compdata::cli::PrintJson(*response);
  } else {
    std::cout << render(*response);
  }
  return 0;
}

int Role(const compdata::Client& client, const Args& args) {
  if (args.positional.size() != 2) return Usage();
  compdata::v1::GetRoleRequest request;
  request.set_role(args.positional[1]);
  auto response = client.GetRole(request);
  if (!response.ok()) return Fail(response.status());
  if (args.json) {
    compdata::cli::PrintJson(*response);
    return 0;
  }
  const auto& r = response->role();
  std::cout << r.title() << " (" << r.slug() << ")\n";
  if (!r.family().empty()) std::cout << "  family: " << r.family() << "\n";
  if (r.aliases_size() > 0) {
    std::cout << "  aliases: " << absl::StrJoin(r.aliases(), ", ") << "\n";
  }
  if (!r.profile().summary().empty()) {
    std::cout << "  " << r.profile().summary() << "\n";
  }
  auto section = [](const char* title, const auto& items) {
    if (items.empty()) return;
    std::cout << "  " << title << ":\n";
    for (const auto& i : items) std::cout << "    - " << i << "\n";
  };
  section("Core responsibilities", r.profile().core_responsibilities());
  section("Decision ownership", r.profile().decision_ownership());
  section("Stakeholders", r.profile().stakeholders());
  section("Performance measures", r.profile().performance_measures());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (const char* env = std::getenv("COMPDATA_TARGET")) {
    args.client.target = env;
  }
  if (const char* env = std::getenv("COMPDATA_TOKEN")) {
    args.client.bearer_token = env;
  }
  if (const char* env = std::getenv("COMPDATA_TLS_CA_FILE")) {
    if (!ReadFile(env, &args.client.tls_root_certs_pem)) return 2;
  }
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (absl::StartsWith(a, "--target=")) {
      args.client.target = a.substr(9);
    } else if (a == "--tls") {
      args.client.use_tls = true;
    } else if (absl::StartsWith(a, "--tls_ca_file=")) {
      if (!ReadFile(a.substr(14), &args.client.tls_root_certs_pem)) return 2;
    } else if (absl::StartsWith(a, "--tls_server_name=")) {
      args.client.tls_server_name = a.substr(18);
    } else if (absl::StartsWith(a, "--token_file=")) {
      if (!ReadFile(a.substr(13), &args.client.bearer_token)) return 2;
      args.client.bearer_token =
          std::string(absl::StripAsciiWhitespace(args.client.bearer_token));
    } else if (absl::StartsWith(a, "--timeout=")) {
      if (!absl::ParseDuration(a.substr(10), &args.client.default_timeout)) {
        return Usage();
      }
    } else if (a == "--json") {
      args.json = true;
    } else if (absl::StartsWith(a, "--family=")) {
      args.family = a.substr(9);
    } else if (absl::StartsWith(a, "--kind=")) {
      args.load.kind = a.substr(7);
    } else if (absl::StartsWith(a, "--batch_size=")) {
      if (!absl::SimpleAtoi(a.substr(13), &args.load.batch_size))
        return Usage();
    } else if (absl::StartsWith(a, "--skip=")) {
      if (!absl::SimpleAtoi(a.substr(7), &args.load.skip)) return Usage();
    } else if (absl::StartsWith(a, "--rejects=")) {
      args.load.rejects_path = a.substr(10);
    } else if (a == "--dry_run") {
      args.load.dry_run = true;
    } else if (a == "--quiet") {
      args.load.quiet = true;
    } else if (absl::StartsWith(a, "--level=")) {
      const auto* level =
          compdata::v1::SeniorityLevel_descriptor()->FindValueByName(
              "SENIORITY_LEVEL_" + absl::AsciiStrToUpper(a.substr(8)));
      if (level == nullptr) return Usage();
      args.levels.push_back(level->number());
    } else if (absl::StartsWith(a, "--metro=")) {
      args.metros.push_back(a.substr(8));
    } else if (a == "--remote") {
      args.remote = true;
    } else if (absl::StartsWith(a, "--top=")) {
      if (!absl::SimpleAtoi(a.substr(6), &args.top)) return Usage();
    } else if (a == "--help" || a == "-h") {
      return Usage();
    } else if (absl::StartsWith(a, "--at=")) {
      args.at = a.substr(5);
    } else if (absl::StartsWith(a, "--percentiles=")) {
      for (absl::string_view p : absl::StrSplit(a.substr(14), ',')) {
        double v = 0;
        if (!absl::SimpleAtod(p, &v)) return Usage();
        args.percentiles.push_back(v);
      }
    } else if (absl::StartsWith(a, "--")) {
      std::cerr << "unknown flag " << a << "\n";
      return Usage();
    } else {
      args.positional.push_back(a);
    }
  }
  if (args.positional.empty()) return Usage();
  auto client = compdata::Client::Create(args.client);
  if (!client.ok()) return Fail(client.status());
  const std::string& command = args.positional[0];
  if (command == "health") {
    auto status = (*client)->Health();
    if (!status.ok()) return Fail(status.status());
    std::cout << compdata::ServingStatusName(*status) << "\n";
    return *status == compdata::ServingStatus::kServing ? 0 : 1;
  }
  if (command == "roles") return Roles(**client, args);
  if (command == "role") return Role(**client, args);
  if (command == "compare") return Compare(**client, args);
  if (command == "salary") {
    compdata::v1::GetSalaryDistributionRequest request;
    for (int level : args.levels) {
      request.mutable_filter()->add_seniority_levels(
          static_cast<compdata::v1::SeniorityLevel>(level));
    }
    for (const auto& metro : args.metros) {
      request.mutable_filter()->add_metros(metro);
    }
    if (args.remote) {
      request.mutable_filter()->set_remote(
          compdata::v1::REMOTE_FILTER_REMOTE_ONLY);
    }
    for (double p : args.percentiles) request.add_percentiles(p);
    return Report(args, request, &compdata::Client::GetSalaryDistribution,
                  **client, compdata::cli::RenderDistribution);
  }
  if (command == "skills") {
    if (args.positional.size() != 3) return Usage();
    compdata::v1::GetSkillOverlapRequest request;
    request.add_roles(args.positional[1]);
    request.add_roles(args.positional[2]);
    request.set_top_n(args.top);
    if (!ApplyAt(args, request.mutable_filter())) return 2;
    auto response = (*client)->GetSkillOverlap(request);
    if (!response.ok()) return Fail(response.status());
    if (args.json) {
      compdata::cli::PrintJson(*response);
    } else {
      std::cout << compdata::cli::RenderSkillOverlapAnswer(*response);
    }
    return 0;
  }
  if (command == "career") {
    return Report(args, compdata::v1::GetCareerPathRequest(),
                  &compdata::Client::GetCareerPath, **client,
                  compdata::cli::RenderCareerPath);
  }
  if (command == "premiums") {
    compdata::v1::GetSkillPremiumsRequest request;
    request.set_top_n(10);
    return Report(args, request, &compdata::Client::GetSkillPremiums, **client,
                  compdata::cli::RenderPremiums);
  }
  if (command == "trend") {
    return Report(args, compdata::v1::GetSalaryTrendRequest(),
                  &compdata::Client::GetSalaryTrend, **client,
                  compdata::cli::RenderTrend);
  }
  if (command == "call") {
    if (args.positional.size() < 2 || args.positional.size() > 3) {
      return Usage();
    }
    return compdata::cli::Call(
        **client, args.positional[1],
        args.positional.size() == 3 ? args.positional[2] : "");
  }
  if (command == "load") {
    if (args.positional.size() != 2) return Usage();
    args.load.path = args.positional[1];
    return compdata::cli::Load(**client, args.load);
  }
  return Usage();
}
