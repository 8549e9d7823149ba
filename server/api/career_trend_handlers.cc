// GetCareerPath and GetSalaryTrend.

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status_util.h"
#include "core/engine/pay_stats.h"
#include "core/engine/trend.h"
#include "server/api/proto_convert.h"
#include "server/api/read_handlers.h"
#include "server/api/stats_convert.h"

namespace compdata::api {
namespace {

constexpr int kDefaultTransitions = 10;
constexpr int kMaxTransitions = 50;
constexpr int kMaxTrendMonths = 60;

engine::PayStats Median(const QueryContext& ctx, const ResolvedFilter& filter,
                        int32_t role, int level) {
  return (*LevelMediansOf(ctx, filter, role))[level];
}

// to - from and its fraction of from, when both medians are shown.
template <typename Message>
void SetChange(const engine::PayStats& from, const engine::PayStats& to,
               const std::string& currency, Message* out) {
  if (from.quality.withheld() || to.quality.withheld()) return;
  const double delta = to.percentiles[0] - from.percentiles[0];
  ToMoney(delta, currency, out->mutable_pay_change());
  if (from.percentiles[0] != 0) {
    out->set_pay_change_fraction(delta / from.percentiles[0]);
  }
}

void FillTransition(const QueryContext& ctx, const ResolvedFilter& filter,
                    const engine::TransitionEntry& t,
                    v1::CareerTransition* out) {
  const engine::Snapshot& s = ctx.snapshot;
  ToRoleRef(s, t.from, out->mutable_from_role());
  ToRoleRef(s, t.to, out->mutable_to_role());
  out->set_kind(t.kind == "advancement" ? v1::TRANSITION_KIND_ADVANCEMENT
                : t.kind == "lateral"   ? v1::TRANSITION_KIND_LATERAL
                                        : v1::TRANSITION_KIND_SWITCH);
  out->set_weight(t.weight);
  const engine::PayStats from = Median(ctx, filter, t.from, 0);
  const engine::PayStats to = Median(ctx, filter, t.to, 0);
  ToProto(from.quality, ctx.privacy_floor, out->mutable_from_quality());
  ToProto(to.quality, ctx.privacy_floor, out->mutable_to_quality());
  if (!from.quality.withheld()) {
    ToMoney(from.percentiles[0], filter.currency_code,
            out->mutable_from_median());
  }
  if (!to.quality.withheld()) {
    ToMoney(to.percentiles[0], filter.currency_code, out->mutable_to_median());
  }
  SetChange(from, to, filter.currency_code, out);
}

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

absl::Status AnswerCareerPath(const QueryContext& ctx,
                              const v1::GetCareerPathRequest& request,
                              v1::GetCareerPathResponse* response) {
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_ASSIGN_OR_RETURN(int32_t role,
                            ResolveRole(s, request.role(), "role"));
  if (request.filter().seniority_levels_size() > 0) {
    return InvalidField("filter.seniority_levels",
                        "must be empty: each rung uses its own level");
  }
  COMPDATA_ASSIGN_OR_RETURN(ResolvedFilter filter,
                            ResolveFilter(request.filter(), ctx));
  COMPDATA_ASSIGN_OR_RETURN(
      int max_transitions,
      ResolveCount(request.max_transitions(), kDefaultTransitions,
                   kMaxTransitions, "max_transitions"));
  COMPDATA_RETURN_IF_ERROR(CheckDeadline(ctx));
  ToRoleRef(s, role, response->mutable_role());
  std::optional<engine::PayStats> previous;
  for (const engine::LevelEntry& level : s.levels[role]) {
    v1::CareerLevel* out = response->add_levels();
    v1::RoleLevel* rung = out->mutable_level();
    rung->set_role(s.roles[role].slug);
    rung->set_level(level.level);
    rung->set_seniority(static_cast<v1::SeniorityLevel>(level.seniority));
    rung->set_title(level.title);
    rung->set_summary(level.summary);
    if (level.seniority == 0) {
      out->mutable_quality()->set_suppression_reason(
          v1::SUPPRESSION_REASON_NO_DATA);
      previous.reset();
      continue;
    }
    engine::PayStats pay = Median(ctx, filter, role, level.seniority);
    ToProto(pay.quality, ctx.privacy_floor, out->mutable_quality());
    if (!pay.quality.withheld()) {
      ToMoney(pay.percentiles[0], filter.currency_code, out->mutable_median());
    }
    if (previous.has_value()) {
      SetChange(*previous, pay, filter.currency_code, out);
    }
    previous = std::move(pay);
  }
  int outgoing = 0, incoming = 0;
  for (const engine::TransitionEntry& t : s.transitions) {  // by weight
    if (t.from == role && outgoing < max_transitions) {
      ++outgoing;
      FillTransition(ctx, filter, t, response->add_outgoing_transitions());
    } else if (t.to == role && incoming < max_transitions) {
      ++incoming;
      FillTransition(ctx, filter, t, response->add_incoming_transitions());
    }
  }
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  return absl::OkStatus();
}

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
  const std::vector<engine::DatedValue> values =
      engine::CollectDatedPay(s, filter.Pay(role));
  const std::vector<engine::MonthStats> months =
      engine::ComputeTrend(values, first, last, ctx.privacy_floor);
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
    const double change = last_value->median - first_value->median;
    ToMoney(change, cur, response->mutable_median_change());
    if (first_value->median != 0) {
      response->set_median_change_fraction(change / first_value->median);
    }
  }
  ToRoleRef(s, role, response->mutable_role());
  ToProto(s.version, ctx.privacy_floor, response->mutable_metadata());
  return absl::OkStatus();
}

}  // namespace compdata::api
