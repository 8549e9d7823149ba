// GetSalaryTrend: a role's monthly median, p25 and p75.

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status_util.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"
#include "server/api/read_handlers.h"
#include "server/api/request_fields.h"
#include "server/api/response_parts.h"
#include "server/api/salary_filter.h"

namespace compdata::api {
namespace {

constexpr int kMaxTrendMonths = 60;

absl::StatusOr<absl::CivilMonth> MonthOf(const google::type::Date& d,
                                         const std::string& field) {
  if (d.year() < 2000 || d.year() > 9999 || d.month() < 1 || d.month() > 12 ||
      d.day() != 0) {
    return InvalidField(field,
                        "a month is year 2000..9999, month 1..12, day 0");
  }
  return absl::CivilMonth(d.year(), d.month());
}

void ToDate(absl::CivilMonth m, google::type::Date* out) {
  out->set_year(static_cast<int32_t>(m.year()));
  out->set_month(m.month());
  out->set_day(0);
}

}  // namespace

absl::Status AnswerSalaryTrend(const QueryContext& ctx,
                               const v1::GetSalaryTrendRequest& request,
                               v1::GetSalaryTrendResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(s, request.role(), "role"));
  if (request.filter().has_time_window()) {
    return InvalidField("filter.time_window",
                        "must be unset: the window is start_month..end_month");
  }
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  absl::CivilMonth last = absl::ToCivilMonth(ctx.now, absl::UTCTimeZone());
  if (request.has_end_month()) {
    COMPDATA_ASSIGN_OR_RETURN(last, MonthOf(request.end_month(), "end_month"));
  }
  absl::CivilMonth first = last - 11;
  if (request.has_start_month()) {
    COMPDATA_ASSIGN_OR_RETURN(first,
                              MonthOf(request.start_month(), "start_month"));
  }
  if (last < first || last - first + 1 > kMaxTrendMonths) {
    return InvalidField("end_month",
                        absl::StrCat("must be from start_month to ",
                                     kMaxTrendMonths, " months after it"));
  }
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  const std::vector<engine::MonthStats> months =
      Wants(ctx, "points") || Wants(ctx, "median_change")
          ? SalaryTrendOf(ctx, filter, role, first, last)
          : std::vector<engine::MonthStats>();
  const engine::MonthStats* first_value = nullptr;
  const engine::MonthStats* last_value = nullptr;
  const std::string& cur = filter.currency_code;
  for (const engine::MonthStats& m : months) {
    v1::TrendPoint* p = response->add_points();
    ToDate(m.month, p->mutable_month());
    p->set_count(m.quality.sample_size);
    ToProto(m.quality, ctx.privacy_floor, p->mutable_quality());
    if (m.quality.withheld()) continue;
    ToMoney(m.median, cur, p->mutable_median());
    ToMoney(m.p25, cur, p->mutable_p25());
    ToMoney(m.p75, cur, p->mutable_p75());
    if (first_value == nullptr) first_value = &m;
    last_value = &m;
  }
  if (first_value != nullptr && last_value != first_value) {
    const double first_shown = AsShown(first_value->median);
    const double change = AsShown(last_value->median) - first_shown;
    ToMoney(change, cur, response->mutable_median_change());
    if (first_shown != 0) {
      response->set_median_change_fraction(change / first_shown);
    }
  }
  ToRoleRef(s, role, response->mutable_role());
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
