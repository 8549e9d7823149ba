#ifndef COMPDATA_TESTS_QUERY_RAW_CALLS_H_
#define COMPDATA_TESTS_QUERY_RAW_CALLS_H_

// Read RPCs called with the bytes on the wire, for tests that compare
// answers byte for byte (a cached answer with a computed one, a BatchRead
// item's answer with its unary RPC's).

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "compdata/v1/compensation_service.pb.h"

namespace compdata::testing::query {

struct RawAnswer {
  grpc::Status status;
  std::string bytes;  // the response message, when status is OK
};

// One unary call of CompensationService/`method` ("CompareRoles").
RawAnswer RawUnary(const std::shared_ptr<grpc::Channel>& channel,
                   const std::string& method,
                   const google::protobuf::Message& request,
                   absl::Duration timeout = absl::Seconds(10));

struct RawBatch {
  grpc::Status status;
  std::vector<std::string> messages;  // each streamed BatchReadResponse
  absl::Duration took;                // from the call to its status
};
RawBatch RawBatchRead(const std::shared_ptr<grpc::Channel>& channel,
                      const v1::BatchReadRequest& request,
                      absl::Duration timeout = absl::Seconds(30));

// A BatchReadResponse's wire bytes taken apart: its index, the field number
// of its result (2 compare_roles, 3 salary_distribution, 4 error) and that
// field's bytes exactly as sent. ok is false when they do not parse so.
struct BatchParts {
  bool ok = false;
  int index = 0;
  int field = 0;
  std::string bytes;
};
BatchParts SplitBatchResponse(const std::string& message);

// The test's own trim (AIP-157, as the contract reads): clears every field
// of `message` that no path reaches, a path into a repeated message
// applying to each element; the response's metadata is kept.
void TrimToPaths(const std::vector<std::string>& paths,
                 google::protobuf::Message* message);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_RAW_CALLS_H_
