#include "server/api/bearer_auth.h"

#include <sys/stat.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/channel_settings.h"
#include "common/file_util.h"
#include "common/status_util.h"
#include "server/log.h"

namespace compdata::api {
namespace {

constexpr unsigned kAllScopes = 7;

// Compares in time independent of where the strings first differ, so the
// answer's timing does not reveal how much of a guessed token was right.
bool ConstantTimeEqual(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

absl::StatusOr<unsigned> ParseScopes(absl::string_view list) {
  unsigned scopes = 0;
  for (absl::string_view name : absl::StrSplit(list, ',', absl::SkipEmpty())) {
    if (name == "read") {
      scopes |= static_cast<unsigned>(Scope::kRead);
    } else if (name == "ingest") {
      scopes |= static_cast<unsigned>(Scope::kIngest);
    } else if (name == "admin") {
      scopes |= static_cast<unsigned>(Scope::kAdmin);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown scope \"", name, "\" (expected read, ingest or admin)"));
    }
  }
  return scopes;
}

FileStamp StampOf(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {};
  return {static_cast<int64_t>(st.st_ino), static_cast<int64_t>(st.st_size),
          static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
              st.st_mtim.tv_nsec};
}

absl::StatusOr<std::vector<TokenEntry>> ReadTokenFile(const std::string& path) {
  COMPDATA_ASSIGN_OR_RETURN(const std::string text, ReadFileToString(path));
  int unscoped = 0;
  auto tokens = ParseTokenFile(text, &unscoped);
  if (!tokens.ok()) return Annotate(tokens.status(), path);
  if (unscoped > 0) {
    server::Log(server::LogLevel::kWarning,
                "bearer tokens without scopes have every scope; name them",
                {{"file", path}, {"tokens", unscoped}});
  }
  return tokens;
}

}  // namespace

const char* ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kRead:
      return "read";
    case Scope::kIngest:
      return "ingest";
    case Scope::kAdmin:
      return "admin";
  }
  return "?";
}

absl::StatusOr<std::vector<TokenEntry>> ParseTokenFile(absl::string_view text,
                                                       int* unscoped) {
  std::vector<TokenEntry> tokens;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.size() > 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number, ": expected TOKEN [SCOPE,SCOPE...]"));
    }
    TokenEntry entry{std::string(fields[0]), kAllScopes};
    if (fields.size() == 2) {
      auto scopes = ParseScopes(fields[1]);
      if (!scopes.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line_number, ": ", scopes.status().message()));
      }
      entry.scopes = *scopes;
    } else {
      ++*unscoped;
    }
    tokens.push_back(std::move(entry));
  }
  if (tokens.empty()) return absl::InvalidArgumentError("holds no token");
  return tokens;
}

BearerAuth::BearerAuth(std::vector<TokenEntry> tokens)
    : tokens_(
          std::make_shared<const std::vector<TokenEntry>>(std::move(tokens))) {}

BearerAuth::~BearerAuth() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

absl::StatusOr<std::unique_ptr<BearerAuth>> BearerAuth::FromFile(
    const std::string& path, absl::Duration reload) {
  // Stamped before the read: a change made while it reads is seen.
  const FileStamp stamp = StampOf(path);
  COMPDATA_ASSIGN_OR_RETURN(std::vector<TokenEntry> tokens,
                            ReadTokenFile(path));
  auto auth = std::make_unique<BearerAuth>(std::move(tokens));
  if (reload > absl::ZeroDuration()) {
    BearerAuth* self = auth.get();
    self->watcher_ = std::thread(
        [self, path, reload, stamp] { self->Watch(path, reload, stamp); });
  }
  return auth;
}

void BearerAuth::Watch(std::string path, absl::Duration every, FileStamp seen) {
  // A changed file is read once it has held still for one interval: one
  // rewritten in place may be caught half written, and a half-written line
  // could read as a shorter token.
  FileStamp moving = seen;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_cv_.wait_for(lock, absl::ToChronoNanoseconds(every),
                            [&] { return stop_; })) {
    lock.unlock();
    const FileStamp now = StampOf(path);
    if (now != seen && now != moving) {
      moving = now;
    } else if (now != seen) {
      seen = now;
      auto tokens = ReadTokenFile(path);
      if (tokens.ok()) {
        server::Log(
            server::LogLevel::kInfo, "bearer tokens reloaded",
            {{"file", path}, {"tokens", static_cast<int64_t>(tokens->size())}});
        auto table =
            std::make_shared<const std::vector<TokenEntry>>(*std::move(tokens));
        lock.lock();
        tokens_ = std::move(table);
        continue;
      }
      server::Log(server::LogLevel::kError,
                  "bearer token file unusable; the tokens in force stay",
                  {{"error", tokens.status().ToString()}});
    }
    lock.lock();
  }
}

bool BearerAuth::enabled() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !tokens_->empty();
}

absl::Status BearerAuth::Authorize(absl::string_view authorization,
                                   Scope scope) const {
  std::shared_ptr<const std::vector<TokenEntry>> tokens;
  {
    std::lock_guard<std::mutex> lock(mu_);
    tokens = tokens_;
  }
  if (tokens->empty()) return absl::OkStatus();
  if (!absl::ConsumePrefix(&authorization, "Bearer ")) {
    return absl::UnauthenticatedError(
        "missing \"authorization: Bearer <token>\" metadata");
  }
  // Every token is compared, whichever matches, so the time taken says
  // nothing about which one did.
  unsigned scopes = 0;
  bool known = false;
  for (const TokenEntry& entry : *tokens) {
    const bool match = ConstantTimeEqual(authorization, entry.token);
    known |= match;
    scopes |= match ? entry.scopes : 0;
  }
  if (!known) return absl::UnauthenticatedError("unknown bearer token");
  if ((scopes & static_cast<unsigned>(scope)) == 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "the bearer token lacks the \"", ScopeName(scope), "\" scope"));
  }
  return absl::OkStatus();
}

absl::Status BearerAuth::Check(const grpc::ServerContextBase& ctx,
                               Scope scope) const {
  const auto& metadata = ctx.client_metadata();
  auto it = metadata.find(kAuthorizationKey);
  const absl::string_view value =
      it == metadata.end()
          ? absl::string_view()
          : absl::string_view(it->second.data(), it->second.size());
  return Authorize(value, scope);
}

}  // namespace compdata::api
