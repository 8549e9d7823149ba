#include "client/cli/offer_command.h"

#include <iostream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/cli/format.h"

namespace compdata::cli {
namespace {

// "-12", "150000", "52.125" -> exact units and nanos; false otherwise.
bool ParseAmount(const std::string& text, const std::string& currency,
                 google::type::Money* out) {
  absl::string_view s = text;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  const size_t dot = s.find('.');
  const absl::string_view whole = s.substr(0, dot);
  absl::string_view fraction =
      dot == absl::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || fraction.size() > 9 ||
      (dot != absl::string_view::npos && fraction.empty())) {
    return false;
  }
  for (char c : absl::StrCat(whole, fraction)) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  int64_t units = 0;
  int64_t nanos = 0;
  if (!absl::SimpleAtoi(whole, &units)) return false;
  if (!fraction.empty()) {
    const std::string padded =
        absl::StrCat(fraction, std::string(9 - fraction.size(), '0'));
    if (!absl::SimpleAtoi(padded, &nanos)) return false;
  }
  out->set_currency_code(currency);
  out->set_units(negative ? -units : units);
  out->set_nanos(static_cast<int32_t>(negative ? -nanos : nanos));
  return true;
}

bool SetAmount(const std::string& text, const char* what,
               const std::string& currency, google::type::Money* out) {
  if (ParseAmount(text, currency, out)) return true;
  std::cerr << what << ": \"" << text << "\" is not a decimal amount\n";
  return false;
}

bool SetPeriod(const std::string& name, v1::Offer* offer) {
  if (name.empty()) return true;
  v1::PayPeriod period;
  if (!v1::PayPeriod_Parse("PAY_PERIOD_" + absl::AsciiStrToUpper(name),
                           &period)) {
    std::cerr << "--period: one of hour, day, week, month, year\n";
    return false;
  }
  offer->set_pay_period(period);
  return true;
}

bool SetAmounts(const Args& args, v1::Offer* offer) {
  const std::string& c = args.currency;
  if (args.positional.size() == 3 &&
      !SetAmount(args.positional[2], "TOTAL", c, offer->mutable_total())) {
    return false;
  }
  if (!args.base.empty() &&
      !SetAmount(args.base, "--base", c, offer->mutable_base())) {
    return false;
  }
  if (!args.bonus.empty() &&
      !SetAmount(args.bonus, "--bonus", c, offer->mutable_bonus())) {
    return false;
  }
  return args.equity.empty() || SetAmount(args.equity, "--equity", c,
                                          offer->mutable_equity_per_year());
}

std::string Position(v1::OfferPosition p) {
  static const char* kNames[] = {"-",
                                 "below p10",
                                 "p10 to p25",
                                 "p25 to the median",
                                 "the median to p75",
                                 "p75 to p90",
                                 "at or above p90"};
  return p >= 0 && p < 7 ? kNames[p] : "?";
}

std::string Signed(const google::type::Money& m) {
  const bool negative = m.units() < 0 || m.nanos() < 0;
  google::type::Money abs = m;
  abs.set_units(negative ? -m.units() : m.units());
  abs.set_nanos(negative ? -m.nanos() : m.nanos());
  return absl::StrCat(negative ? "-" : "+", Money(abs));
}

std::string Market(const v1::EvaluateOfferResponse& r) {
  const v1::Quality& q = r.quality();
  std::string out = absl::StrCat(
      "Market: ", QualityNote(q), " (", Count(q.posting_count()), " postings, ",
      Count(q.report_count()), " reports",
      q.privacy_protection() == v1::PRIVACY_PROTECTION_BANDED ? ", banded" : "",
      ")\n");
  if (!r.has_median()) return out;
  Table t;
  t.Row({"p10", "p25", "median", "p75", "p90"});
  t.Row({Money(r.p10_to_p90().low()), Money(r.interquartile_range().low()),
         Money(r.median()), Money(r.interquartile_range().high()),
         Money(r.p10_to_p90().high())});
  return absl::StrCat(out, t.Render());
}

std::string Move(const v1::CareerTransition& t) {
  std::string kind = v1::TransitionKind_Name(t.kind());
  kind = absl::AsciiStrToLower(kind.substr(kind.rfind('_') + 1));
  std::string out = absl::StrFormat("%s %.2f", kind, t.weight());
  if (t.has_pay_change())
    absl::StrAppend(&out, ", pay ", Signed(t.pay_change()));
  return out;
}

}  // namespace

std::optional<v1::EvaluateOfferRequest> OfferRequest(const Args& args) {
  if (args.positional.size() < 2 || args.positional.size() > 3) {
    return std::nullopt;
  }
  if (args.levels.size() > 1 || args.metros.size() > 1) {
    std::cerr << "offer: at most one --level and one --metro\n";
    return std::nullopt;
  }
  v1::EvaluateOfferRequest request;
  request.set_role(args.positional[1]);
  if (!SetAmounts(args, request.mutable_offer()) ||
      !SetPeriod(args.period, request.mutable_offer())) {
    return std::nullopt;
  }
  if (!args.levels.empty()) {
    request.set_seniority_level(
        static_cast<v1::SeniorityLevel>(args.levels[0]));
  }
  if (!args.metros.empty()) request.set_metro(args.metros[0]);
  if (args.remote) request.set_remote(v1::REMOTE_FILTER_REMOTE_ONLY);
  return request;
}

std::string RenderOffer(const v1::EvaluateOfferResponse& r) {
  std::string out = absl::StrCat(
      r.role().title(), ": offer ", Money(r.annual_offer()), " a year (",
      r.compared_component() == v1::PAY_COMPONENT_BASE ? "base" : "total",
      " pay)\n", Market(r));
  if (r.has_percentile_rank()) {
    absl::StrAppend(
        &out, "Percentile rank: ", absl::StrFormat("%.1f", r.percentile_rank()),
        " (", Position(r.position()), ")\n");
  }
  if (r.has_gap_to_median()) {
    absl::StrAppend(&out, "Gap to median: ", Signed(r.gap_to_median()));
    if (r.has_gap_to_median_fraction()) {
      absl::StrAppend(&out, " (", Percent(r.gap_to_median_fraction()), ")");
    }
    absl::StrAppend(&out, "\n");
  }
  if (r.has_counter()) {
    absl::StrAppend(&out, "Counter: ", Money(r.counter().range().low()), " - ",
                    Money(r.counter().range().high()), "\n  ",
                    r.counter().explanation(), "\n");
  }
  return absl::StrCat(out, r.explanation(), "\n(data version ",
                      r.metadata().data_version(), ")\n");
}

std::string RenderRelated(const v1::GetRelatedRolesResponse& r) {
  Table t;
  t.Row({"Role", "Relatedness", "Shared skills", "Move to", "Move from"});
  for (const v1::RelatedRole& rr : r.related_roles()) {
    const v1::SkillOverlap& o = rr.skill_overlap();
    t.Row({rr.role().title(), absl::StrFormat("%.2f", rr.relatedness()),
           absl::StrFormat("%d of %d (Jaccard %.2f)", o.overlap_count(),
                           o.top_n(), o.jaccard_index()),
           rr.has_transition_to() ? Move(rr.transition_to()) : "-",
           rr.has_transition_from() ? Move(rr.transition_from()) : "-"});
  }
  return absl::StrCat("Roles related to ", r.role().title(), "\n", t.Render(),
                      r.explanation(), "\n(data version ",
                      r.metadata().data_version(), ")\n");
}

}  // namespace compdata::cli
