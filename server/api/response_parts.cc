#include "server/api/response_parts.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"

namespace compdata::api {
namespace {

constexpr char kAllParts[] = "*";
constexpr char kMetadata[] = "metadata";

}  // namespace

absl::StatusOr<ResponseParts> ResponseParts::Parse(
    const google::protobuf::FieldMask& mask,
    const google::protobuf::Descriptor& response) {
  ResponseParts parts;
  bool every = mask.paths().empty();
  parts.nodes_.emplace_back();
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (path == kAllParts) {
      every = true;
      continue;
    }
    if (parts.AddPath(path, response) < 0) {
      return InvalidField(
          absl::StrCat("read_mask.paths[", i, "]"),
          absl::StrCat("\"", path, "\" names no field of ", response.name(),
                       " (paths are response field names joined by \".\")"));
    }
  }
  if (every) parts.nodes_.clear();
  return parts;
}

// Adds the nodes of one path; -1 when a step names no field.
int ResponseParts::AddPath(absl::string_view path,
                           const google::protobuf::Descriptor& response) {
  const google::protobuf::Descriptor* message = &response;
  int node = 0;
  for (absl::string_view step : absl::StrSplit(path, '.')) {
    if (message == nullptr) return -1;  // a step below a scalar
    const google::protobuf::FieldDescriptor* field =
        message->FindFieldByName(std::string(step));
    if (field == nullptr || field->is_map()) return -1;
    int child = Child(node, step);
    if (child < 0) {
      child = static_cast<int>(nodes_.size());
      nodes_.push_back(Node{field, false, {}});
      nodes_[node].children.push_back(child);
    }
    node = child;
    message = field->message_type();
  }
  nodes_[node].whole = true;
  return node;
}

int ResponseParts::Child(int node, absl::string_view name) const {
  for (int child : nodes_[node].children) {
    if (nodes_[child].field->name() == name) return child;
  }
  return -1;
}

bool ResponseParts::Wants(absl::string_view path) const {
  if (all()) return true;
  int node = 0;
  for (absl::string_view step : absl::StrSplit(path, '.')) {
    if (nodes_[node].whole) return true;
    node = Child(node, step);
    if (node < 0) return false;
  }
  return true;
}

void ResponseParts::Trim(google::protobuf::Message* response) const {
  if (!all()) TrimNode(0, response);
}

void ResponseParts::TrimNode(int node,
                             google::protobuf::Message* message) const {
  const google::protobuf::Reflection* reflection = message->GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(*message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    int child = -1;
    for (int c : nodes_[node].children) {
      if (nodes_[c].field == field) child = c;
    }
    if (child < 0) {
      if (node == 0 && field->name() == kMetadata) continue;
      reflection->ClearField(message, field);
    } else if (nodes_[child].whole) {
      continue;
    } else if (field->is_repeated()) {
      const int n = reflection->FieldSize(*message, field);
      for (int i = 0; i < n; ++i) {
        TrimNode(child, reflection->MutableRepeatedMessage(message, field, i));
      }
    } else {
      TrimNode(child, reflection->MutableMessage(message, field));
    }
  }
}

}  // namespace compdata::api
