#ifndef COMPDATA_COMMON_CHANNEL_SETTINGS_H_
#define COMPDATA_COMMON_CHANNEL_SETTINGS_H_

#include "absl/time/time.h"

namespace compdata {

// The keepalive contract between compdata-server and its clients. The server
// answers pings that come more often than kServerMinPingInterval on a
// connection with no calls by closing it (GOAWAY "too_many_pings"), so a
// client must never ping more often; the client library pings every
// kClientKeepaliveTime, idle or not, which keeps connections through
// Kubernetes Services and NAT alive and finds dead peers within
// kClientKeepaliveTime + kClientKeepaliveTimeout.
inline constexpr absl::Duration kServerMinPingInterval = absl::Seconds(20);
inline constexpr absl::Duration kClientKeepaliveTime = absl::Seconds(30);
inline constexpr absl::Duration kClientKeepaliveTimeout = absl::Seconds(10);

// Metadata key carrying "Bearer <token>" when the server requires a token.
inline constexpr char kAuthorizationKey[] = "authorization";

}  // namespace compdata

#endif  // COMPDATA_COMMON_CHANNEL_SETTINGS_H_
