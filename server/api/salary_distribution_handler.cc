// GetSalaryDistribution: percentiles, mean and range of one role's pay.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/official_fill.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/response_parts.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

const char* ComponentName(engine::Component c) {
  switch (c) {
    case engine::Component::kBase:
      return "base-pay";
    case engine::Component::kBonus:
      return "bonus";
    case engine::Component::kEquity:
      return "equity";
    case engine::Component::kTotal:
      return "total-pay";
  }
  return "";
}

std::string Explanation(const engine::PayStats& stats,
                        const ResolvedFilter& f) {
  std::string text = absl::StrCat(
      stats.quality.sample_size, " annualised ", ComponentName(f.component),
      " figures in ", f.currency_code, " (", stats.quality.postings,
      " job postings at the midpoint of the advertised range, ",
      stats.quality.reports, " salary reports)");
  if (f.has_start) {
    absl::StrAppend(
        &text, " dated from ",
        absl::FormatTime("%Y-%m-%d", absl::FromUnixMicros(f.records.start),
                         absl::UTCTimeZone()));
  }
  absl::StrAppend(&text,
                  "; percentiles interpolated linearly between order "
                  "statistics (PostgreSQL percentile_cont).");
  if (stats.quality.suppression == engine::Suppression::kBelowPrivacyFloor) {
    absl::StrAppend(&text,
                    " Values withheld: fewer self-reported salaries than "
                    "the privacy floor.");
  }
  return text;
}

}  // namespace

absl::Status AnswerSalaryDistribution(
    const QueryContext& ctx, const v1::GetSalaryDistributionRequest& request,
    v1::GetSalaryDistributionResponse* response) {
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(ctx.snapshot, request.role(), "role"));
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(
      std::vector<double> percentiles,
      ResolvePercentiles(request.percentiles(), {10, 25, 50, 75, 90},
                         "percentiles"));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const engine::PayStats stats = PayStatsOf(ctx, filter, role, percentiles);
  ToRoleRef(ctx.snapshot, role, response->mutable_role());
  ToDistribution(stats, percentiles, filter.currency_code,
                 response->mutable_distribution());
  ToProto(stats.quality, ctx.privacy_floor, response->mutable_quality());
  ToProto(ctx.snapshot.version, ctx.privacy_floor,
          response->mutable_metadata());
  if (Wants(ctx, "explanation")) {
    response->set_explanation(Explanation(stats, filter));
  }
  if (Wants(ctx, "official_statistics")) {
    FillOfficialStatistics(ctx, role, filter.currency_code,
                           response->mutable_official_statistics());
  }
  return absl::OkStatus();
}

}  // namespace compdata::api
