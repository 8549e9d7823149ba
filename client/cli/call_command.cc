#include "client/cli/call_command.h"

#include <google/protobuf/util/json_util.h>

#include <functional>
#include <iostream>
#include <iterator>
#include <map>

#include "absl/status/statusor.h"
#include "client/cli/format.h"
#include "google/rpc/error_details.pb.h"  // so the JSON printer can decode details

namespace compdata::cli {
namespace {

using Invoke = std::function<int(const Client&, const std::string&)>;

int PrintFailure(const absl::Status& status) {
  google::rpc::Status rpc_status;
  if (auto details = RpcStatusDetails(status)) rpc_status = *details;
  rpc_status.set_code(static_cast<int>(status.code()));
  rpc_status.set_message(std::string(status.message()));
  PrintJson(rpc_status);
  return 1;
}

template <typename Request, typename Response>
Invoke Method(absl::StatusOr<Response> (Client::*call)(const Request&) const) {
  return [call](const Client& client, const std::string& json) {
    Request request;
    auto parsed = google::protobuf::util::JsonStringToMessage(json, &request);
    if (!parsed.ok()) {
      std::cerr << "request JSON: " << parsed.ToString() << "\n";
      return 2;
    }
    absl::StatusOr<Response> response = (client.*call)(request);
    if (!response.ok()) return PrintFailure(response.status());
    PrintJson(*response);
    return 0;
  };
}

const std::map<std::string, Invoke>& Methods() {
  static const auto* methods = new std::map<std::string, Invoke>{
      {"ListRoles", Method(&Client::ListRoles)},
      {"GetRole", Method(&Client::GetRole)},
      {"GetSalaryDistribution", Method(&Client::GetSalaryDistribution)},
      {"CompareRoles", Method(&Client::CompareRoles)},
      {"GetSkillOverlap", Method(&Client::GetSkillOverlap)},
      {"GetSkillPremiums", Method(&Client::GetSkillPremiums)},
      {"GetCareerPath", Method(&Client::GetCareerPath)},
      {"GetSalaryTrend", Method(&Client::GetSalaryTrend)},
      {"EvaluateOffer", Method(&Client::EvaluateOffer)},
      {"GetRelatedRoles", Method(&Client::GetRelatedRoles)},
  };
  return *methods;
}

}  // namespace

int Call(const Client& client, const std::string& method,
         const std::string& request_json) {
  auto it = Methods().find(method);
  if (it == Methods().end()) {
    std::cerr << "unknown method " << method << "; one of:";
    for (const auto& [name, invoke] : Methods()) std::cerr << " " << name;
    std::cerr << "\n";
    return 2;
  }
  std::string json = request_json;
  if (json == "-") {
    json.assign(std::istreambuf_iterator<char>(std::cin),
                std::istreambuf_iterator<char>());
  }
  if (json.empty()) json = "{}";
  return it->second(client, json);
}

}  // namespace compdata::cli
