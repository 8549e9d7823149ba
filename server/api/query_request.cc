#include "server/api/query_request.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/normalize.h"
#include "common/status_util.h"
#include "core/ingest/pay.h"
#include "server/api/lru_cache.h"

namespace compdata::api {
namespace {

constexpr int kMaxPercentiles = 20;
constexpr size_t kMaxNameLength = 200;
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

// compute()'s value, from `cache` under make_key() when there is a cache.
template <typename V, typename MakeKey, typename Compute>
std::shared_ptr<const V> Memoised(LruCache<V>* cache, MakeKey make_key,
                                  Compute compute) {
  if (cache == nullptr) return std::make_shared<const V>(compute());
  const std::string key = make_key();
  if (auto hit = cache->Get(key)) return hit;
  auto value = std::make_shared<const V>(compute());
  cache->Put(key, value);
  return value;
}

}  // namespace

absl::Status CheckDeadline(const QueryContext& ctx) {
  if (absl::Now() >= ctx.deadline) {
    return WithReason(absl::DeadlineExceededError("the call's deadline passed"),
                      kReasonDeadlineExceeded);
  }
  return absl::OkStatus();
}

absl::StatusOr<int32_t> ResolveRole(const engine::Snapshot& s,
                                    const std::string& name,
                                    const std::string& field) {
  if (name.empty()) return InvalidField(field, "is required");
  if (name.size() > kMaxNameLength) {
    return InvalidField(
        field, absl::StrCat("longer than ", kMaxNameLength, " characters"));
  }
  auto it = s.role_by_key.find(NormalizeKey(name));
  if (it == s.role_by_key.end()) {
    return WithReason(
        FieldError(absl::StatusCode::kNotFound, field,
                   absl::StrCat("no role with slug or alias \"", name, "\"")),
        kReasonRoleNotFound);
  }
  return it->second;
}

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
  const engine::Snapshot& s = ctx.snapshot;
  COMPDATA_RETURN_IF_ERROR(CheckList(f.metros(), "filter.metros"));
  COMPDATA_RETURN_IF_ERROR(CheckList(f.companies(), "filter.companies"));
  if (f.seniority_levels_size() > kMaxFilterEntries) {
    return InvalidField("filter.seniority_levels", "too many entries");
  }
  ResolvedFilter r;
  if (f.seniority_levels_size() > 0) {
    r.records.seniority.assign(engine::kSeniorityLevels, false);
    for (int i = 0; i < f.seniority_levels_size(); ++i) {
      const int level = f.seniority_levels(i);
      if (level <= 0 || level >= engine::kSeniorityLevels) {
        return InvalidField(absl::StrCat("filter.seniority_levels[", i, "]"),
                            "must be ENTRY, MID, SENIOR, STAFF or PRINCIPAL");
      }
      r.records.seniority[level] = true;
    }
  }
  if (f.metros_size() > 0) {
    r.records.any_metro = false;
    for (const std::string& metro : f.metros()) {
      auto it = s.metro_by_key.find(NormalizeKey(metro));
      r.records.metros.insert(it == s.metro_by_key.end() ? kNoMatch
                                                         : it->second);
    }
  }
  switch (f.remote()) {
    case v1::REMOTE_FILTER_UNSPECIFIED:
      break;
    case v1::REMOTE_FILTER_REMOTE_ONLY:
      r.records.remote = engine::RemoteMode::kRemoteOnly;
      break;
    case v1::REMOTE_FILTER_ON_SITE_ONLY:
      r.records.remote = engine::RemoteMode::kOnSiteOnly;
      break;
    default:
      return InvalidField("filter.remote", "not a RemoteFilter value");
  }
  if (f.companies_size() > 0) {
    r.records.any_company = false;
    r.records.companies.insert(kNoMatch);
    for (const std::string& company : f.companies()) {
      auto it = s.companies_by_lower.find(absl::AsciiStrToLower(company));
      if (it == s.companies_by_lower.end()) continue;
      r.records.companies.insert(it->second.begin(), it->second.end());
    }
  }
  r.window_end = absl::ToUnixMicros(ctx.now);
  if (f.has_time_window()) {
    const v1::TimeWindow& w = f.time_window();
    if (w.has_start_time()) {
      auto start = MicrosOf(w.start_time(), "filter.time_window.start_time");
      if (!start.ok()) return start.status();
      r.records.start = *start;
      r.has_start = true;
    }
    if (w.has_end_time()) {
      auto end = MicrosOf(w.end_time(), "filter.time_window.end_time");
      if (!end.ok()) return end.status();
      r.records.end = *end;
      r.window_end = *end;
    }
    if (w.has_start_time() && w.has_end_time() &&
        r.records.end <= r.records.start) {
      return InvalidField("filter.time_window",
                          "end_time must be after start_time");
    }
  }
  switch (f.pay_component()) {
    case v1::PAY_COMPONENT_UNSPECIFIED:
    case v1::PAY_COMPONENT_TOTAL:
      r.component = engine::Component::kTotal;
      break;
    case v1::PAY_COMPONENT_BASE:
      r.component = engine::Component::kBase;
      break;
    case v1::PAY_COMPONENT_BONUS:
      r.component = engine::Component::kBonus;
      break;
    case v1::PAY_COMPONENT_EQUITY:
      r.component = engine::Component::kEquity;
      break;
    default:
      return InvalidField("filter.pay_component", "not a PayComponent value");
  }
  const bool reports_only_component =
      r.component == engine::Component::kBonus ||
      r.component == engine::Component::kEquity;
  switch (f.data_source()) {
    case v1::DATA_SOURCE_UNSPECIFIED:
      r.postings = !reports_only_component;
      break;
    case v1::DATA_SOURCE_POSTINGS:
      if (reports_only_component) {
        return InvalidField("filter.pay_component",
                            "postings carry no bonus or equity");
      }
      r.reports = false;
      break;
    case v1::DATA_SOURCE_REPORTS:
      r.postings = false;
      break;
    default:
      return InvalidField("filter.data_source", "not a DataSource value");
  }
  r.source = &f;
  r.currency_code = f.currency().empty() ? "USD" : f.currency();
  if (!ingest::IsKnownCurrency(r.currency_code)) {
    return InvalidField("filter.currency",
                        absl::StrCat("\"", f.currency(),
                                     "\" is not an ISO 4217 currency code"));
  }
  auto cur = s.currency_by_code.find(r.currency_code);
  r.currency = cur == s.currency_by_code.end() ? -1 : cur->second;
  return r;
}

std::shared_ptr<const engine::Demand> DemandOf(const QueryContext& ctx,
                                               const ResolvedFilter& filter,
                                               int32_t role) {
  return Memoised(
      ctx.demand_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|", role, "|",
                            filter.DemandKey());
      },
      [&] {
        return engine::CollectDemand(ctx.snapshot, role, filter.DemandRecords(),
                                     filter.window_end);
      });
}

std::shared_ptr<const LevelMedians> LevelMediansOf(const QueryContext& ctx,
                                                   const ResolvedFilter& filter,
                                                   int32_t role) {
  return Memoised(
      ctx.median_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|",
                            absl::ToUnixSeconds(ctx.now), "|", role, "|",
                            filter.PayKey());
      },
      [&] {
        LevelMedians medians;
        for (int l = 0; l < engine::kSeniorityLevels; ++l) {
          engine::PayQuery q = filter.Pay(role);
          if (l > 0) {
            q.filter.seniority.assign(engine::kSeniorityLevels, false);
            q.filter.seniority[l] = true;
          }
          medians[l] = engine::ComputePayStats(
              engine::CollectPay(ctx.snapshot, q), {50}, ctx.privacy_floor);
        }
        return medians;
      });
}

int64_t TrackedPostings(const QueryContext& ctx, const ResolvedFilter& filter,
                        const std::string& family) {
  return *Memoised(
      ctx.tracked_cache,
      [&] {
        return absl::StrCat(ctx.snapshot.version.version, "|", family, "|",
                            filter.DemandKey());
      },
      [&] {
        const engine::Snapshot& s = ctx.snapshot;
        int64_t tracked = 0;
        for (int32_t r = 0; r < static_cast<int32_t>(s.roles.size()); ++r) {
          if (family.empty() || s.roles[r].family == family) {
            tracked += DemandOf(ctx, filter, r)->open;
          }
        }
        return tracked;
      });
}

absl::StatusOr<std::vector<double>> ResolvePercentiles(
    const google::protobuf::RepeatedField<double>& requested,
    const std::vector<double>& defaults, const std::string& field) {
  if (requested.empty()) return defaults;
  if (requested.size() > kMaxPercentiles) {
    return InvalidField(
        field, absl::StrCat("at most ", kMaxPercentiles, " percentiles"));
  }
  std::vector<double> out;
  out.reserve(requested.size());
  for (int i = 0; i < requested.size(); ++i) {
    const double p = requested[i];
    if (!(p >= 0 && p <= 100)) {
      return InvalidField(absl::StrCat(field, "[", i, "]"),
                          "must be within [0, 100]");
    }
    out.push_back(p);
  }
  return out;
}

absl::StatusOr<int> ResolveCount(int32_t requested, int default_n, int max_n,
                                 const std::string& field) {
  if (requested < 0) return InvalidField(field, "must be >= 0");
  if (requested == 0) return default_n;
  return std::min<int>(requested, max_n);
}

}  // namespace compdata::api
