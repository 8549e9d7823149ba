#include "server/log.h"

#include <unistd.h>

#include <atomic>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace compdata::server {
namespace {

std::atomic<int> min_level{static_cast<int>(LogLevel::kInfo)};

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

// A JSON string literal. Bytes >= 0x80 pass through (our messages are UTF-8);
// control characters are escaped so a value can never break the line.
void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace

absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "debug") return LogLevel::kDebug;
  if (lower == "info") return LogLevel::kInfo;
  if (lower == "warning" || lower == "warn") return LogLevel::kWarning;
  if (lower == "error") return LogLevel::kError;
  return absl::InvalidArgumentError("expected debug, info, warning or error");
}

void SetLogLevel(LogLevel level) { min_level = static_cast<int>(level); }

bool LogEnabled(LogLevel level) {
  return static_cast<int>(level) >= min_level.load(std::memory_order_relaxed);
}

LogField::LogField(absl::string_view key, absl::string_view value) : key_(key) {
  AppendJsonString(value, &json_);
}
LogField::LogField(absl::string_view key, int64_t value)
    : key_(key), json_(absl::StrCat(value)) {}
LogField::LogField(absl::string_view key, uint64_t value)
    : key_(key), json_(absl::StrCat(value)) {}
LogField::LogField(absl::string_view key, double value)
    : key_(key), json_(absl::StrFormat("%.6g", value)) {}
LogField::LogField(absl::string_view key, bool value)
    : key_(key), json_(value ? "true" : "false") {}

std::string FormatLogLine(absl::Time time, LogLevel level,
                          absl::string_view message,
                          std::initializer_list<LogField> fields) {
  std::string line = absl::StrCat(
      "{\"ts\":\"",
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone()),
      "\",\"level\":\"", LevelName(level), "\",\"msg\":");
  AppendJsonString(message, &line);
  for (const LogField& field : fields) {
    if (field.json() == "\"\"") continue;  // an empty value says nothing
    line.push_back(',');
    AppendJsonString(field.key(), &line);
    line.push_back(':');
    line.append(field.json());
  }
  line.push_back('}');
  return line;
}

void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields) {
  if (!LogEnabled(level)) return;
  std::string line = FormatLogLine(absl::Now(), level, message, fields);
  line.push_back('\n');
  // One write per line; a short write (full pipe, closed stderr) drops the
  // rest rather than block the caller.
  [[maybe_unused]] const ssize_t n = ::write(2, line.data(), line.size());
}

bool LogRateLimiter::Allow(absl::string_view key, absl::Time now,
                           int64_t* suppressed) {
  absl::MutexLock lock(&mu_);
  if (windows_.size() >= kMaxKeys && !windows_.contains(key)) {
    windows_.clear();
  }
  auto [it, fresh] = windows_.try_emplace(std::string(key));
  Window& w = it->second;
  if (fresh || now - w.start >= window_) {
    w.start = now;
    w.written = 0;
  }
  if (w.written >= burst_) {
    ++w.held;
    return false;
  }
  ++w.written;
  *suppressed = w.held;
  w.held = 0;
  return true;
}

}  // namespace compdata::server
