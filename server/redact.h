#ifndef COMPDATA_SERVER_REDACT_H_
#define COMPDATA_SERVER_REDACT_H_

#include <string>

namespace compdata::server {

// The database URL with its password replaced by "***", in both libpq
// forms: postgresql://user:secret@host/db (and ?password=secret) and
// "host=... password=secret".
std::string RedactDatabaseUrl(const std::string& url);

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_REDACT_H_
