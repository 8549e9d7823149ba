#include "server/api/answer_version.h"

#include "absl/strings/str_cat.h"

namespace compdata::api {

std::string AnswerVersion(const engine::DataVersion& version, int privacy_floor,
                          bool depends_on_now, absl::Time now) {
  // e.g. "v42.f5.r1", or "v42.f5.m29481234.r1" for an answer that ends now.
  if (!depends_on_now) {
    return absl::StrCat("v", version.version, ".f", privacy_floor, ".r",
                        kAnswerRevision);
  }
  return absl::StrCat("v", version.version, ".f", privacy_floor, ".m",
                      absl::ToUnixSeconds(now) / 60, ".r", kAnswerRevision);
}

}  // namespace compdata::api
