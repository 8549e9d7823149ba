#ifndef COMPDATA_SERVER_API_PROTO_FILL_H_
#define COMPDATA_SERVER_API_PROTO_FILL_H_

// Engine figures -> the read RPCs' proto messages, shared by the handlers.
// Each function fills the message it is given.

#include <string>
#include <vector>

#include "compdata/v1/compensation_service.pb.h"
#include "core/engine/demand.h"
#include "core/engine/model.h"
#include "core/engine/pay_stats.h"
#include "core/engine/quality.h"
#include "core/engine/snapshot.h"
#include "google/type/money.pb.h"
#include "server/api/figures.h"
#include "server/api/query_context.h"

namespace compdata::api {

void ToProto(const engine::Role& role, v1::Role* out);
void ToProto(const engine::DataVersion& version, int privacy_floor,
             v1::ResponseMetadata* out);
// The amount's cents, rounded exactly by the engine (D1).
void ToMoney(const engine::Amount& amount, const std::string& currency,
             google::type::Money* out);
// A figure derived from shown amounts (a change, a verdict's difference): a
// whole number of cents up to binary representation error.
void ToMoney(double shown, const std::string& currency,
             google::type::Money* out);
void ToProto(const engine::Quality& quality, int privacy_floor,
             v1::Quality* out);
void ToRoleRef(const engine::Snapshot& s, int32_t role, v1::RoleRef* out);
void ToSkillRef(const engine::Snapshot& s, int32_t skill, v1::SkillRef* out);
void ToDistribution(const engine::PayStats& stats,
                    const std::vector<double>& percentiles,
                    const std::string& currency, v1::PayDistribution* out);
// median, mean, average range (p25..p75), p75 and the extra percentiles
// (computed after the first three, in `stats.percentiles`).
void ToPaySummary(const engine::PayStats& stats,
                  const std::vector<double>& extra_percentiles,
                  const std::string& currency, int privacy_floor,
                  v1::PaySummary* out);

// A skill as its full reference entry.
void ToProto(const engine::SkillEntry& skill, v1::Skill* out);

// The overlap of two roles' top skills among their open postings: shared by
// CompareRoles and GetSkillOverlap.
void FillSkillOverlap(const QueryContext& ctx, int32_t role_a,
                      const engine::Demand& a, int32_t role_b,
                      const engine::Demand& b, int top_n,
                      v1::SkillOverlap* out);

}  // namespace compdata::api

#endif  // COMPDATA_SERVER_API_PROTO_FILL_H_
