#ifndef COMPDATA_SERVER_API_PAGE_TOKEN_H_
#define COMPDATA_SERVER_API_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"

namespace compdata::api {

// AIP-158 page tokens: opaque to callers, bound to the query they continue.
// The token holds the last key returned and a fingerprint of the request's
// other parameters; reusing it with different parameters is an error.
std::string EncodePageToken(const std::string& last_key,
                            const std::string& query_fingerprint);

// The last key, or INVALID_ARGUMENT (field "page_token") when the token is
// malformed or belongs to a different query.
absl::StatusOr<std::string> DecodePageToken(
    const std::string& token, const std::string& query_fingerprint);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_PAGE_TOKEN_H_
