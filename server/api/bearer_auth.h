#ifndef COMPDATA_SERVER_API_BEARER_AUTH_H_
#define COMPDATA_SERVER_API_BEARER_AUTH_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace compdata::api {

// Bearer-token check for the compdata services (health and reflection stay
// open for probes). Done in the handlers rather than by an
// AuthMetadataProcessor because gRPC aborts the process when one is set on
// insecure credentials, and compdata may run without TLS behind a mesh.
class BearerAuth {
 public:
  // No tokens: every call is allowed.
  explicit BearerAuth(std::vector<std::string> tokens = {})
      : tokens_(std::move(tokens)) {}

  // Reads one token per line (blank lines and lines starting with # are
  // skipped); an unreadable file or one without tokens is an error.
  static absl::StatusOr<BearerAuth> FromFile(const std::string& path);

  bool enabled() const { return !tokens_.empty(); }

  // OK, or UNAUTHENTICATED when the call carries no "authorization: Bearer
  // <token>" metadata naming one of the tokens.
  absl::Status Check(const grpc::ServerContextBase& ctx) const;

 private:
  std::vector<std::string> tokens_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_BEARER_AUTH_H_
