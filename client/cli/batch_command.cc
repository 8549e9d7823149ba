#include "client/cli/batch_command.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <optional>

#include "absl/strings/ascii.h"
#include "google/rpc/error_details.pb.h"  // so the JSON printer can decode details

namespace compdata::cli {
namespace {

// The items of the file, or nullopt after saying what is wrong.
std::optional<v1::BatchReadRequest> ReadItems(std::istream& in) {
  v1::BatchReadRequest request;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    auto parsed =
        google::protobuf::util::JsonStringToMessage(line, request.add_items());
    if (!parsed.ok()) {
      std::cerr << "line " << number
                << ": not a BatchReadItem: " << parsed.ToString() << "\n";
      return std::nullopt;
    }
  }
  return request;
}

// {"index":N,...}: proto JSON leaves out an index of 0, but every line
// names its item.
void PrintLine(v1::BatchReadResponse answer) {
  const int32_t index = answer.index();
  answer.clear_index();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string out;
  (void)google::protobuf::util::MessageToJsonString(answer, &out, options);
  std::cout << "{\"index\":" << index << (out.size() > 2 ? "," : "")
            << out.substr(1) << "\n"
            << std::flush;
}

}  // namespace

int Batch(const Client& client, const std::string& path) {
  std::optional<v1::BatchReadRequest> request;
  if (path == "-") {
    request = ReadItems(std::cin);
  } else {
    std::ifstream file(path);
    if (!file) {
      std::cerr << "cannot read " << path << "\n";
      return 2;
    }
    request = ReadItems(file);
  }
  if (!request.has_value()) return 2;
  bool item_failed = false;
  const absl::Status status =
      client.BatchRead(*request, [&](v1::BatchReadResponse answer) {
        item_failed |= answer.has_error();
        PrintLine(std::move(answer));
      });
  if (!status.ok()) {
    google::rpc::Status rpc_status;
    if (auto details = RpcStatusDetails(status)) rpc_status = *details;
    rpc_status.set_code(static_cast<int>(status.code()));
    rpc_status.set_message(std::string(status.message()));
    std::string out;
    (void)google::protobuf::util::MessageToJsonString(rpc_status, &out);
    std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": "
              << out << "\n";
    return 1;
  }
  return item_failed ? 1 : 0;
}

}  // namespace compdata::cli
