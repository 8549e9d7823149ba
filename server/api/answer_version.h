#ifndef COMPDATA_SERVER_API_ANSWER_VERSION_H_
#define COMPDATA_SERVER_API_ANSWER_VERSION_H_

// ResponseMetadata.answer_version: what an answer depends on besides its
// request. That is the snapshot's data version, the privacy floor and, when
// the request leaves the end of its window open (it ends "now", D9), the
// minute the answer is computed for. One overload per read request says
// whether it does; a new read RPC adds its own (a request type without one
// does not compile in read_answer.h).

#include <string>

#include "absl/time/time.h"
#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/model.h"

namespace compdata::api {

// Raised when the same request on the same data would be answered
// differently by a new release (a field added to an answer, a figure
// computed differently): versions held by clients then no longer match.
inline constexpr int kAnswerRevision = 1;

// A filter whose time window has no end_time ends "now".
inline bool OpenEnded(const v1::SalaryFilter& filter) {
  return !filter.time_window().has_end_time();
}

// Reference data only: never.
inline bool DependsOnNow(const v1::ListRolesRequest&) { return false; }
inline bool DependsOnNow(const v1::GetRoleRequest&) { return false; }
inline bool DependsOnNow(const v1::GetSalaryDistributionRequest& r) {
  return OpenEnded(r.filter());
}
inline bool DependsOnNow(const v1::CompareRolesRequest& r) {
  return OpenEnded(r.filter());
}
inline bool DependsOnNow(const v1::GetSkillOverlapRequest& r) {
  return OpenEnded(r.filter());
}
inline bool DependsOnNow(const v1::GetSkillPremiumsRequest& r) {
  return OpenEnded(r.filter());
}
inline bool DependsOnNow(const v1::GetCareerPathRequest& r) {
  return OpenEnded(r.filter());
}
// The window is start_month..end_month; end_month unset = this month.
inline bool DependsOnNow(const v1::GetSalaryTrendRequest& r) {
  return !r.has_end_month();
}
inline bool DependsOnNow(const v1::EvaluateOfferRequest& r) {
  return !r.time_window().has_end_time();
}
inline bool DependsOnNow(const v1::GetRelatedRolesRequest& r) {
  return OpenEnded(r.filter());
}

// The version of an answer computed from `version` under `privacy_floor`;
// `now` (the minute the answer is for) counts only when `depends_on_now`.
std::string AnswerVersion(const engine::DataVersion& version, int privacy_floor,
                          bool depends_on_now, absl::Time now);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_ANSWER_VERSION_H_
