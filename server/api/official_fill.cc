#include "server/api/official_fill.h"

#include "absl/strings/str_cat.h"
#include "server/api/figures.h"
#include "server/api/proto_fill.h"

namespace compdata::api {
namespace {

void ToProto(const engine::OfficialValue& value, const std::string& currency,
             v1::OfficialAmount* out) {
  out->set_kind(static_cast<v1::OfficialValueKind>(value.kind));
  if (value.kind == engine::OfficialKind::kNotAvailable) return;
  // Published to the cent: the cents are the amount, nothing is rounded.
  ToMoney(engine::Amount{static_cast<double>(value.cents) / 100, value.cents},
          currency, out->mutable_value());
}

void ToProto(const engine::OfficialStatistic& s,
             v1::OfficialWageStatistics* out) {
  const engine::OfficialOccupation& o = s.occupation;
  out->set_source(s.table.source);
  out->set_reference_period(s.table.reference_period);
  out->set_area(s.table.area);
  out->set_occupation_code(o.code);
  out->set_occupation_title(o.title);
  if (o.employment.has_value()) out->set_employment(*o.employment);
  ToProto(o.mean, s.currency, out->mutable_mean());
  for (size_t i = 0; i < o.percentiles.size(); ++i) {
    v1::OfficialPercentile* p = out->add_percentiles();
    p->set_percentile(engine::kOfficialPercentiles[i]);
    ToProto(o.percentiles[i], s.currency, p->mutable_value());
  }
  out->set_label(absl::StrCat(s.table.source, ", ", s.table.reference_period,
                              ", ", s.table.area, ": ", o.title, " (", o.code,
                              ")"));
}

}  // namespace

void FillOfficialStatistics(
    const QueryContext& ctx, int32_t role, const std::string& currency,
    google::protobuf::RepeatedPtrField<v1::OfficialWageStatistics>* out) {
  for (const engine::OfficialStatistic* s :
       OfficialFiguresOf(ctx, role, currency)) {
    ToProto(*s, out->Add());
  }
}

}  // namespace compdata::api
