#include "client/cli/import_official_command.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "client/cli/format.h"
#include "common/file_util.h"

namespace compdata::cli {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

// "239200", "239,200" or "239200.5" -> Money; false for anything else.
bool ParseAmount(std::string text, const std::string& currency,
                 google::type::Money* out) {
  text = absl::StrReplaceAll(text, {{",", ""}});
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string cents =
      dot == std::string::npos ? "" : text.substr(dot + 1);
  if (!AllDigits(whole) || whole.size() > 12 || cents.size() > 2 ||
      (dot != std::string::npos && !AllDigits(cents))) {
    return false;
  }
  out->set_currency_code(currency);
  out->set_units(std::stoll(whole));
  const std::string padded = (cents + "00").substr(0, 2);
  out->set_nanos(std::stoi(padded) * 10'000'000);
  return true;
}

std::string Figure(const v1::OfficialAmount& a) {
  switch (a.kind()) {
    case v1::OFFICIAL_VALUE_KIND_EXACT:
      return Money(a.value());
    case v1::OFFICIAL_VALUE_KIND_AT_LEAST:
      return absl::StrCat(">= ", Money(a.value()));
    default:
      return "n/a";
  }
}

}  // namespace

absl::StatusOr<v1::ImportOfficialStatisticsRequest> OfficialImportRequest(
    const ImportOfficialArgs& args, const std::string& path) {
  v1::ImportOfficialStatisticsRequest request;
  request.set_source(args.source);
  request.set_reference_period(args.period);
  request.set_area(args.area);
  request.set_currency(args.currency);
  request.set_dry_run(args.dry_run);
  if (!args.top_coded.empty() &&
      !ParseAmount(args.top_coded, args.currency,
                   request.mutable_top_coded_value())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--top_coded=", args.top_coded, ": not an amount (e.g. 239200)"));
  }
  for (const std::string& link : args.links) {
    const size_t eq = link.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == link.size()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--link=", link, ": expected OCC_CODE=ROLE, e.g. 15-1252=swe"));
    }
    v1::OccupationLink* l = request.add_links();
    l->set_occupation_code(link.substr(0, eq));
    l->set_role(link.substr(eq + 1));
  }
  absl::StatusOr<std::string> table = ReadFileToString(path);
  if (!table.ok()) return table.status();
  request.set_table(*std::move(table));
  return request;
}

std::string RenderOfficialImport(
    const v1::ImportOfficialStatisticsResponse& r) {
  if (r.dry_run()) {
    return absl::StrCat("dry run, nothing written: ", r.rows(), " rows and ",
                        r.links(), " links would be imported (replacing ",
                        r.replaced_rows(), " rows)\n");
  }
  return absl::StrCat("imported ", r.rows(), " rows and ", r.links(),
                      " links (replaced ", r.replaced_rows(), " rows)\n");
}

std::string RenderOfficialStatistics(
    const google::protobuf::RepeatedPtrField<v1::OfficialWageStatistics>& rows,
    const std::string& indent) {
  std::string out;
  for (const v1::OfficialWageStatistics& s : rows) {
    std::vector<std::string> figures;
    for (const v1::OfficialPercentile& p : s.percentiles()) {
      figures.push_back(
          absl::StrCat("p", p.percentile(), " ", Figure(p.value())));
    }
    absl::StrAppend(&out, indent, s.label(), "\n", indent, "  employment ",
                    s.has_employment() ? Count(s.employment()) : "n/a",
                    ", mean ", Figure(s.mean()), "\n", indent, "  ",
                    absl::StrJoin(figures, ", "), "\n");
  }
  return out;
}

}  // namespace compdata::cli
