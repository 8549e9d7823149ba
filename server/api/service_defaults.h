#ifndef COMPDATA_SERVER_API_SERVICE_DEFAULTS_H_
#define COMPDATA_SERVER_API_SERVICE_DEFAULTS_H_

// Defaults of the read service, shared by its options and the server's
// settings so that one number holds wherever the service is built.

namespace compdata::api {

// Minimum group size for statistics drawn from self-reported salaries.
inline constexpr int kDefaultPrivacyFloor = 5;
// Answers kept per (request, data version, minute), and the size of each memo.
inline constexpr int kDefaultResponseCacheEntries = 4096;

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_SERVICE_DEFAULTS_H_
