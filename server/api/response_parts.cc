#include "server/api/response_parts.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_util.h"

namespace compdata::api {
namespace {

constexpr char kAllParts[] = "*";
constexpr char kMetadata[] = "metadata";

void AppendVarint(uint32_t value, std::string* out) {
  uint8_t buffer[5];
  const uint8_t* end =
      google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(value,
                                                                    buffer);
  out->append(reinterpret_cast<const char*>(buffer),
              static_cast<size_t>(end - buffer));
}

}  // namespace

absl::StatusOr<ResponseParts> ResponseParts::Parse(
    const google::protobuf::FieldMask& mask,
    const google::protobuf::Descriptor& response) {
  ResponseParts parts;
  bool every = mask.paths().empty();
  parts.nodes_.reserve(4 * mask.paths_size() + 1);
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
  if (const google::protobuf::FieldDescriptor* metadata =
          response.FindFieldByName(kMetadata)) {
    parts.metadata_number_ = metadata->number();
  }
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
  while (!nodes_[node].whole) {
    const size_t dot = path.find('.');
    node = Child(node, path.substr(0, dot));
    if (node < 0) return false;
    if (dot == absl::string_view::npos) return true;
    path.remove_prefix(dot + 1);
  }
  return true;
}

void ResponseParts::Trim(google::protobuf::Message* response) const {
  if (all()) return;
  std::string trimmed;
  if (TrimWire(response->SerializeAsString(), &trimmed)) {
    response->ParseFromString(trimmed);
  }
}

bool ResponseParts::TrimWire(absl::string_view in, std::string* out) const {
  out->clear();
  if (all()) {
    out->assign(in.data(), in.size());
    return true;
  }
  out->reserve(in.size());
  return TrimWireNode(0, in, out);
}

int ResponseParts::ChildByNumber(int node, int number) const {
  for (int child : nodes_[node].children) {
    if (nodes_[child].field->number() == number) return child;
  }
  return -1;
}

// Copies the fields a whole path keeps as they are, drops those no path
// reaches, and rewrites a message a path goes into with its own trim.
bool ResponseParts::TrimWireNode(int node, absl::string_view in,
                                 std::string* out) const {
  using google::protobuf::internal::WireFormatLite;
  google::protobuf::io::CodedInputStream input(
      reinterpret_cast<const uint8_t*>(in.data()), static_cast<int>(in.size()));
  std::string inner;
  while (true) {
    const int start = input.CurrentPosition();
    const uint32_t tag = input.ReadTag();
    if (tag == 0) return input.CurrentPosition() == static_cast<int>(in.size());
    const int number = static_cast<int>(WireFormatLite::GetTagFieldNumber(tag));
    const int child = ChildByNumber(node, number);
    const bool keep = (node == 0 && number == metadata_number_) ||
                      (child >= 0 && nodes_[child].whole);
    if (keep || child < 0) {
      if (!WireFormatLite::SkipField(&input, tag)) return false;
      if (keep) out->append(in.data() + start, input.CurrentPosition() - start);
      continue;
    }
    uint32_t size = 0;
    if (WireFormatLite::GetTagWireType(tag) !=
            WireFormatLite::WIRETYPE_LENGTH_DELIMITED ||
        !input.ReadVarint32(&size) || size > in.size()) {
      return false;
    }
    const int at = input.CurrentPosition();
    if (!input.Skip(static_cast<int>(size))) return false;
    inner.clear();
    if (!TrimWireNode(child, in.substr(at, size), &inner)) return false;
    AppendVarint(tag, out);
    AppendVarint(static_cast<uint32_t>(inner.size()), out);
    out->append(inner);
  }
}

}  // namespace compdata::api
