#ifndef COMPDATA_SERVER_API_RESPONSE_PARTS_H_
#define COMPDATA_SERVER_API_RESPONSE_PARTS_H_

// A request's read_mask (AIP-157) checked against its response message: the
// parts of the answer to build (Wants) and the trim that removes every other
// field before the answer is sent. google::protobuf::util::FieldMaskUtil
// stops at repeated fields, but the contract's paths go through them
// ("roles.pay" applies to every RoleComparison), so the paths are walked
// here on the descriptors.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"
#include "server/api/query_context.h"

namespace compdata::api {

class ResponseParts {
 public:
  // Every part: no mask, an empty one, or "*".
  ResponseParts() = default;

  // INVALID_ARGUMENT naming read_mask.paths[i] when path i names no field of
  // `response` (each step a field of the message before it, through
  // repeated messages too).
  static absl::StatusOr<ResponseParts> Parse(
      const google::protobuf::FieldMask& mask,
      const google::protobuf::Descriptor& response);

  bool all() const { return nodes_.empty(); }

  // Whether anything at or below `path` ("roles.pay_by_level") is asked:
  // a mask path equal to it, above it ("roles") or below it
  // ("roles.pay_by_level.median").
  bool Wants(absl::string_view path) const;

  // Clears every field of `response` that no mask path reaches; the
  // top-level `metadata` is always kept whole. Nothing to do for all().
  void Trim(google::protobuf::Message* response) const;

  // The same on the response's wire bytes: `out` gets the bytes of the
  // trimmed response, as serialising it would give them (fields keep their
  // order; a kept message's length is recomputed). No reflection: a read's
  // answer is trimmed this way on every masked call. False when `in` does
  // not parse as the response.
  bool TrimWire(absl::string_view in, std::string* out) const;

 private:
  struct Node {
    const google::protobuf::FieldDescriptor* field = nullptr;
    bool whole = false;         // a path ends here: all below is asked
    std::vector<int> children;  // indexes into nodes_
  };
  int Child(int node, absl::string_view name) const;
  int ChildByNumber(int node, int number) const;
  int AddPath(absl::string_view path,
              const google::protobuf::Descriptor& response);
  bool TrimWireNode(int node, absl::string_view in, std::string* out) const;

  std::vector<Node> nodes_;   // [0] = the response; empty = every part
  int metadata_number_ = -1;  // the response's `metadata` field, kept whole
};

// Whether the answer being built for `ctx` asks for `path`: always when the
// context carries no mask (a handler called directly, or no read_mask).
inline bool Wants(const QueryContext& ctx, absl::string_view path) {
  return ctx.parts == nullptr || ctx.parts->Wants(path);
}

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_RESPONSE_PARTS_H_
