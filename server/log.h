#ifndef COMPDATA_SERVER_LOG_H_
#define COMPDATA_SERVER_LOG_H_

// Structured logs: one JSON object per line on stderr, e.g.
//   {"ts":"2026-12-07T10:00:00.123Z","level":"info","msg":"snapshot applied",
//    "version":42,"seconds":0.012}
// Kubernetes collects stderr; a line goes out in one write(2), so lines from
// different threads never interleave. Nothing here may carry pay values or
// record contents: callers pass counts, codes, field names and durations.

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace compdata::server {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// "debug", "info", "warning" (or "warn"), "error".
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view name);
// Lines below `level` are dropped. Default: info.
void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

// A key and its value already encoded as JSON.
class LogField {
 public:
  LogField(absl::string_view key, absl::string_view value);
  LogField(absl::string_view key, const char* value)
      : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, const std::string& value)
      : LogField(key, absl::string_view(value)) {}
  LogField(absl::string_view key, int64_t value);
  LogField(absl::string_view key, int value)
      : LogField(key, static_cast<int64_t>(value)) {}
  LogField(absl::string_view key, uint64_t value);
  LogField(absl::string_view key, double value);
  LogField(absl::string_view key, bool value);
  // Seconds, as a number.
  LogField(absl::string_view key, absl::Duration value)
      : LogField(key, absl::ToDoubleSeconds(value)) {}

  absl::string_view key() const { return key_; }
  const std::string& json() const { return json_; }

 private:
  absl::string_view key_;
  std::string json_;
};

void Log(LogLevel level, absl::string_view message,
         std::initializer_list<LogField> fields = {});

// The line Log would write (without the newline); for tests.
std::string FormatLogLine(absl::Time time, LogLevel level,
                          absl::string_view message,
                          std::initializer_list<LogField> fields);

// Lets through at most `burst` lines per key per `window`; the first line
// let through after some were held back says how many ("suppressed").
// Keys are what makes two errors "identical" (e.g. method + code + field).
class LogRateLimiter {
 public:
  LogRateLimiter(int burst, absl::Duration window)
      : burst_(burst), window_(window) {}

  // Whether to write the line for `key` now; when it is, *suppressed is the
  // number of lines held back for that key since the last one written.
  bool Allow(absl::string_view key, absl::Time now, int64_t* suppressed);

 private:
  struct Window {
    absl::Time start;
    int written = 0;
    int64_t held = 0;
  };
  // More distinct keys than this and the table starts over: a flood of
  // distinct errors must not grow memory without bound.
  static constexpr size_t kMaxKeys = 4096;

  const int burst_;
  const absl::Duration window_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Window> windows_ ABSL_GUARDED_BY(mu_);
};

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_LOG_H_
