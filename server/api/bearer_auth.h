#ifndef COMPDATA_SERVER_API_BEARER_AUTH_H_
#define COMPDATA_SERVER_API_BEARER_AUTH_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace compdata::api {

// What a credential may do. Every RPC needs exactly one:
//   kRead    CompensationService (every read)
//   kIngest  IngestPostings, IngestSalaryReports
//   kAdmin   IngestRoles, IngestSkills, IngestRoleLevels,
//            IngestRoleTransitions (reference data),
//            ImportOfficialStatistics
enum class Scope { kRead = 1, kIngest = 2, kAdmin = 4 };
const char* ScopeName(Scope scope);

// What identifies a version of a file: a rotated Secret changes at least
// one (Kubernetes swaps a symlink, which stat follows).
struct FileStamp {
  int64_t inode = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator!=(const FileStamp& o) const {
    return inode != o.inode || size != o.size || mtime_ns != o.mtime_ns;
  }
};

struct TokenEntry {
  std::string token;
  unsigned scopes = 0;  // Scope bits
};

// The token file: one "TOKEN [SCOPE,SCOPE...]" per line, scopes among read,
// ingest and admin; blank lines and lines starting with # are skipped. A
// token without scopes has all three (the format before scopes existed);
// `unscoped` counts them so the server can warn.
absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text,
                                                       int* unscoped);

// Bearer-token check for the compdata services (health and reflection stay
// open for probes), checked before anything else a call does. In the
// handlers rather than an AuthMetadataProcessor because gRPC aborts the
// process when one is set on insecure credentials, and compdata may run
// without TLS behind a mesh.
class BearerAuth {
 public:
  // No tokens: every call is allowed.
  explicit BearerAuth(std::vector<TokenEntry> tokens = {});
  ~BearerAuth();

  // Reads the file; an unreadable file, a malformed line or no token is an
  // error. With `reload`, the file is looked at every `reload` interval and
  // read again when it changed (a rotated Kubernetes Secret): a bad new
  // version is logged and the tokens in force stay.
  static absl::StatusOr<std::unique_ptr<BearerAuth>> FromFile(
      const std::string& path, absl::Duration reload);

  bool enabled() const;

  // OK; UNAUTHENTICATED when the value (the "authorization" metadata) names
  // no known token; PERMISSION_DENIED when the token lacks `scope`. Tokens
  // are compared in time independent of their contents.
  absl::Status Authorize(absl::string_view authorization, Scope scope) const;
  absl::Status Check(const grpc::ServerContextBase& ctx, Scope scope) const;

 private:
  void Watch(std::string path, absl::Duration every, FileStamp seen);

  mutable std::mutex mu_;
  std::shared_ptr<const std::vector<TokenEntry>> tokens_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread watcher_;
};

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_BEARER_AUTH_H_
