#include "server/redact.h"

#include <regex>

namespace compdata::server {

std::string RedactDatabaseUrl(const std::string& url) {
  // user:secret@ in a URI; the user name stays, it helps an operator.
  static const std::regex userinfo(R"(^([a-z]+://[^:/@]*):[^@]*@)");
  // password=... as a URI parameter or a keyword/value pair, quoted or not.
  static const std::regex keyword(
      R"((password\s*=\s*)('([^'\\]|\\.)*'|[^&\s]*))", std::regex::icase);
  std::string out = std::regex_replace(url, userinfo, "$1:***@");
  return std::regex_replace(out, keyword, "$1***");
}

}  // namespace compdata::server
