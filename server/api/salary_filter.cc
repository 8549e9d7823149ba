#include "server/api/salary_filter.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "common/status_util.h"
#include "core/ingest/pay.h"
#include "server/api/request_fields.h"

namespace compdata::api {
namespace {

// Matches nothing: an index no metro or company has.
constexpr int32_t kNoMatch = -2;

// SalaryFilter limits: each list at most 50 entries of at most 200 bytes.
constexpr int kMaxFilterEntries = 50;
absl::Status CheckList(
    const google::protobuf::RepeatedPtrField<std::string>& list,
    const std::string& field) {
  if (list.size() > kMaxFilterEntries) {
    return InvalidField(
        field, absl::StrCat("at most ", kMaxFilterEntries, " entries"));
  }
  for (const std::string& entry : list) {
    if (entry.size() > kMaxNameLength) {
      return InvalidField(field, absl::StrCat("entries are at most ",
                                              kMaxNameLength, " characters"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> MicrosOf(const google::protobuf::Timestamp& ts,
                                 const std::string& field) {
  if (ts.nanos() < 0 || ts.nanos() > 999'999'999 ||
      ts.seconds() < -62135596800 || ts.seconds() > 253402300799) {
    return InvalidField(field, "not a valid timestamp");
  }
  return ts.seconds() * 1'000'000 + ts.nanos() / 1000;
}

absl::Status ResolveSeniority(const v1::SalaryFilter& f,
                              engine::RecordFilter* records) {
  if (f.seniority_levels_size() > kMaxFilterEntries) {
    return InvalidField("filter.seniority_levels", "too many entries");
  }
  if (f.seniority_levels_size() == 0) return absl::OkStatus();
  records->seniority.assign(engine::kSeniorityLevels, false);
  for (int i = 0; i < f.seniority_levels_size(); ++i) {
    const int level = f.seniority_levels(i);
    if (level <= 0 || level >= engine::kSeniorityLevels) {
      return InvalidField(absl::StrCat("filter.seniority_levels[", i, "]"),
                          "must be ENTRY, MID, SENIOR, STAFF or PRINCIPAL");
    }
    records->seniority[level] = true;
  }
  return absl::OkStatus();
}

// Metros by name or alias, companies by name in any case; a name the
// snapshot does not know matches nothing.
absl::Status ResolvePlaces(const v1::SalaryFilter& f, const engine::Snapshot& s,
                           engine::RecordFilter* records) {
  COMPDATA_RETURN_IF_ERROR(CheckList(f.metros(), "filter.metros"));
  COMPDATA_RETURN_IF_ERROR(CheckList(f.companies(), "filter.companies"));
  if (f.metros_size() > 0) {
    records->any_metro = false;
    for (const std::string& metro : f.metros()) {
      auto it = s.metro_by_key.find(NormalizeKey(metro));
      records->metros.insert(it == s.metro_by_key.end() ? kNoMatch
                                                        : it->second);
    }
  }
  if (f.companies_size() > 0) {
    records->any_company = false;
    records->companies.insert(kNoMatch);
    for (const std::string& company : f.companies()) {
      auto it = s.companies_by_lower.find(absl::AsciiStrToLower(company));
      if (it == s.companies_by_lower.end()) continue;
      records->companies.insert(it->second.begin(), it->second.end());
    }
  }
  return absl::OkStatus();
}

absl::Status ResolveRemote(const v1::SalaryFilter& f,
                           engine::RecordFilter* records) {
  switch (f.remote()) {
    case v1::REMOTE_FILTER_UNSPECIFIED:
      return absl::OkStatus();
    case v1::REMOTE_FILTER_REMOTE_ONLY:
      records->remote = engine::RemoteMode::kRemoteOnly;
      return absl::OkStatus();
    case v1::REMOTE_FILTER_ON_SITE_ONLY:
      records->remote = engine::RemoteMode::kOnSiteOnly;
      return absl::OkStatus();
    default:
      return InvalidField("filter.remote", "not a RemoteFilter value");
  }
}

absl::Status ResolveTimeWindow(const v1::SalaryFilter& f, absl::Time now,
                               ResolvedFilter* r) {
  r->window_end = absl::ToUnixMicros(now);
  if (!f.has_time_window()) return absl::OkStatus();
  const v1::TimeWindow& w = f.time_window();
  if (w.has_start_time()) {
    COMPDATA_ASSIGN_OR_RETURN(
        r->records.start,
        MicrosOf(w.start_time(), "filter.time_window.start_time"));
    r->has_start = true;
  }
  if (w.has_end_time()) {
    COMPDATA_ASSIGN_OR_RETURN(
        r->records.end, MicrosOf(w.end_time(), "filter.time_window.end_time"));
    r->window_end = r->records.end;
  }
  if (w.has_start_time() && w.has_end_time() &&
      r->records.end <= r->records.start) {
    return InvalidField("filter.time_window",
                        "end_time must be after start_time");
  }
  return absl::OkStatus();
}

absl::Status ResolveComponent(const v1::SalaryFilter& f, ResolvedFilter* r) {
  switch (f.pay_component()) {
    case v1::PAY_COMPONENT_UNSPECIFIED:
    case v1::PAY_COMPONENT_TOTAL:
      r->component = engine::Component::kTotal;
      return absl::OkStatus();
    case v1::PAY_COMPONENT_BASE:
      r->component = engine::Component::kBase;
      return absl::OkStatus();
    case v1::PAY_COMPONENT_BONUS:
      r->component = engine::Component::kBonus;
      return absl::OkStatus();
    case v1::PAY_COMPONENT_EQUITY:
      r->component = engine::Component::kEquity;
      return absl::OkStatus();
    default:
      return InvalidField("filter.pay_component", "not a PayComponent value");
  }
}

// Bonus and equity exist only in salary reports.
absl::Status ResolveSources(const v1::SalaryFilter& f, ResolvedFilter* r) {
  const bool reports_only_component =
      r->component == engine::Component::kBonus ||
      r->component == engine::Component::kEquity;
  switch (f.data_source()) {
    case v1::DATA_SOURCE_UNSPECIFIED:
      r->postings = !reports_only_component;
      return absl::OkStatus();
    case v1::DATA_SOURCE_POSTINGS:
      if (reports_only_component) {
        return InvalidField("filter.pay_component",
                            "postings carry no bonus or equity");
      }
      r->reports = false;
      return absl::OkStatus();
    case v1::DATA_SOURCE_REPORTS:
      r->postings = false;
      return absl::OkStatus();
    default:
      return InvalidField("filter.data_source", "not a DataSource value");
  }
}

absl::Status ResolveCurrency(const v1::SalaryFilter& f,
                             const engine::Snapshot& s, ResolvedFilter* r) {
  r->currency_code = f.currency().empty() ? "USD" : f.currency();
  if (!ingest::IsKnownCurrency(r->currency_code)) {
    return InvalidField("filter.currency",
                        absl::StrCat("\"", f.currency(),
                                     "\" is not an ISO 4217 currency code"));
  }
  auto cur = s.currency_by_code.find(r->currency_code);
  r->currency = cur == s.currency_by_code.end() ? -1 : cur->second;
  return absl::OkStatus();
}

}  // namespace

engine::PayQuery ResolvedFilter::Pay(int32_t role) const {
  engine::PayQuery q;
  q.role = role;
  q.filter = records;
  q.component = component;
  q.postings = postings;
  q.reports = reports;
  q.currency = currency;
  return q;
}

engine::RecordFilter ResolvedFilter::DemandRecords() const {
  engine::RecordFilter f = records;
  f.start = std::numeric_limits<int64_t>::min();
  f.end = std::numeric_limits<int64_t>::max();
  return f;
}

const std::string& ResolvedFilter::DemandKey() const {
  // CompareRoles asks once per tracked role: built once per request.
  if (demand_key.has_value()) return *demand_key;
  v1::SalaryFilter demand_fields;
  if (source != nullptr) {
    *demand_fields.mutable_seniority_levels() = source->seniority_levels();
    *demand_fields.mutable_metros() = source->metros();
    demand_fields.set_remote(source->remote());
    *demand_fields.mutable_companies() = source->companies();
  }
  demand_key = absl::StrCat(window_end, "|", demand_fields.SerializeAsString());
  return *demand_key;
}

const std::string& ResolvedFilter::PayKey() const {
  // CompareRoles asks once per role and level: built once per request.
  if (!pay_key.has_value()) {
    pay_key = source != nullptr ? source->SerializeAsString() : std::string();
  }
  return *pay_key;
}

absl::StatusOr<ResolvedFilter> ResolveFilter(const v1::SalaryFilter& f,
                                             const QueryContext& ctx) {
  ResolvedFilter r;
  r.source = &f;
  // In the order of the old single pass, so a request with several faults
  // keeps naming the same field.
  COMPDATA_RETURN_IF_ERROR(ResolvePlaces(f, ctx.snapshot, &r.records));
  COMPDATA_RETURN_IF_ERROR(ResolveSeniority(f, &r.records));
  COMPDATA_RETURN_IF_ERROR(ResolveRemote(f, &r.records));
  COMPDATA_RETURN_IF_ERROR(ResolveTimeWindow(f, ctx.now, &r));
  COMPDATA_RETURN_IF_ERROR(ResolveComponent(f, &r));
  COMPDATA_RETURN_IF_ERROR(ResolveSources(f, &r));
  COMPDATA_RETURN_IF_ERROR(ResolveCurrency(f, ctx.snapshot, &r));
  return r;
}

}  // namespace compdata::api
