#ifndef COMPDATA_SERVER_LOG_H_
#define COMPDATA_SERVER_LOG_H_

#include <iostream>
#include <string_view>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace compdata::server {

// One line per event on stderr: RFC 3339 time, level, message. Kubernetes
// collects stderr; nothing here buffers or blocks on a full disk.
inline void Log(std::string_view level, std::string_view message) {
  std::cerr << absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                absl::UTCTimeZone())
            << " " << level << " " << message << std::endl;
}

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_LOG_H_
