#include "core/ingest/official_import.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status_util.h"
#include "core/ingest/official_table.h"
#include "core/ingest/pay.h"

namespace compdata::ingest {
namespace {

using Violations = std::vector<FieldViolation>;

void CheckText(absl::string_view value, absl::string_view field, size_t max,
               Violations* out) {
  if (value.empty()) {
    out->push_back({std::string(field), absl::StrCat(field, " is required")});
    return;
  }
  // "US BLS OEWS " would be another table than "US BLS OEWS": the key is
  // compared as given, so it must be given clean.
  if (absl::ascii_isspace(static_cast<unsigned char>(value.front())) ||
      absl::ascii_isspace(static_cast<unsigned char>(value.back()))) {
    out->push_back({std::string(field),
                    absl::StrCat(field, " starts or ends with white space")});
    return;
  }
  for (const char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out->push_back({std::string(field),
                      absl::StrCat(field, " holds a control character")});
      return;
    }
  }
  const size_t length = CodePoints(value);
  if (length > max) {
    out->push_back(
        {std::string(field), absl::StrCat(field, " is ", length,
                                          " characters; the limit is ", max)});
  }
}

// top_coded_value in cents (also when its currency is wrong, so the
// table's "#" cells are not reported as well), or nullopt.
std::optional<int64_t> TopCoded(const v1::ImportOfficialStatisticsRequest& r,
                                Violations* out) {
  if (!r.has_top_coded_value()) return std::nullopt;
  const google::type::Money& m = r.top_coded_value();
  if (m.currency_code() != r.currency()) {
    out->push_back({"top_coded_value.currency_code",
                    absl::StrCat("\"", m.currency_code(),
                                 "\" differs from the table's currency \"",
                                 r.currency(), "\"")});
  }
  const char* why = nullptr;
  if (m.units() < 0 || m.nanos() < 0 || m.nanos() > 999'999'999) {
    why =
        "top_coded_value must be a positive amount (units >= 0, nanos "
        "0..999,999,999)";
  } else if (m.units() == 0 && m.nanos() == 0) {
    why = "top_coded_value must be greater than 0";
  } else if (m.nanos() % 10'000'000 != 0) {
    why = "top_coded_value has a fraction of a cent";
  } else if (m.units() > kMaxAnnualUnits ||
             (m.units() == kMaxAnnualUnits && m.nanos() > 0)) {
    why = "top_coded_value exceeds 1,000,000,000";
  }
  if (why != nullptr) {
    out->push_back({"top_coded_value", why});
    return std::nullopt;
  }
  return m.units() * 100 + m.nanos() / 10'000'000;
}

// `codes`: the table's occupation codes; null when the table is bad, so
// only the roles are checked.
void CheckLinks(const v1::ImportOfficialStatisticsRequest& r,
                const NameIndex& roles,
                const absl::flat_hash_set<std::string>* codes,
                OfficialImport* import, Violations* out) {
  if (r.links().empty()) {
    out->push_back({"links",
                    "at least one link (occupation code -> role) "
                    "is needed"});
  }
  absl::flat_hash_set<std::pair<std::string, int64_t>> seen;
  for (int i = 0; i < r.links_size(); ++i) {
    const v1::OccupationLink& link = r.links(i);
    const std::string field = absl::StrCat("links[", i, "]");
    const std::string& code = link.occupation_code();
    bool good = true;
    if (code.empty()) {
      out->push_back({field + ".occupation_code", "required"});
      good = false;
    } else if (codes != nullptr && !codes->contains(code)) {
      out->push_back(
          {field + ".occupation_code",
           absl::StrCat("no line of the table has OCC_CODE \"", code, "\"")});
      good = false;
    }
    const std::optional<int64_t> role =
        link.role().empty() ? std::nullopt : roles.Find(link.role());
    if (!role.has_value()) {
      out->push_back(
          {field + ".role", link.role().empty()
                                ? std::string("required")
                                : absl::StrCat("no role with slug or alias \"",
                                               link.role(), "\"")});
      good = false;
    }
    if (good && seen.insert({code, *role}).second) {
      import->links.emplace_back(code, *role);
    }
  }
}

std::string Summary(const Violations& violations, int64_t bad_lines) {
  std::string text =
      absl::StrCat("nothing was imported: ", violations.size(),
                   violations.size() == 1 ? " problem" : " problems");
  if (bad_lines > static_cast<int64_t>(kMaxOfficialTableProblems)) {
    absl::StrAppend(&text, " listed (the table has ", bad_lines,
                    " bad lines; the first ", kMaxOfficialTableProblems,
                    " are listed)");
  }
  absl::StrAppend(&text, "; the first: ", violations[0].field, ": ",
                  violations[0].description);
  return text;
}

}  // namespace

absl::StatusOr<OfficialImport> ValidateOfficialImport(
    const v1::ImportOfficialStatisticsRequest& request,
    const NameIndex& roles) {
  Violations violations;
  CheckText(request.source(), "source", kMaxOfficialSourceLength, &violations);
  CheckText(request.reference_period(), "reference_period",
            kMaxOfficialPeriodLength, &violations);
  CheckText(request.area(), "area", kMaxOfficialAreaLength, &violations);
  if (!IsKnownCurrency(request.currency())) {
    violations.push_back(
        {"currency", absl::StrCat("\"", request.currency(),
                                  "\" is not an ISO 4217 currency code")});
  }
  OfficialImport import;
  import.top_coded_cents = TopCoded(request, &violations);
  OfficialTableResult table = ParseOfficialTable(
      request.table(), OfficialTableOptions{import.top_coded_cents});
  for (std::string& problem : table.problems) {
    violations.push_back({"table", std::move(problem)});
  }
  absl::flat_hash_set<std::string> codes;
  for (const engine::OfficialOccupation& o : table.occupations) {
    codes.insert(o.code);
  }
  CheckLinks(request, roles, table.ok() ? &codes : nullptr, &import,
             &violations);
  if (!violations.empty()) {
    return InvalidFields(violations, Summary(violations, table.bad_lines));
  }
  import.table = engine::OfficialTableKey{
      request.source(), request.reference_period(), request.area()};
  import.currency = request.currency();
  import.occupations = std::move(table.occupations);
  import.dry_run = request.dry_run();
  return import;
}

absl::StatusOr<v1::ImportOfficialStatisticsResponse> ImportOfficialStatistics(
    const v1::ImportOfficialStatisticsRequest& request,
    OfficialTableWriter& writer) {
  COMPDATA_ASSIGN_OR_RETURN(const NameIndex roles, writer.LoadRoleIndex());
  COMPDATA_ASSIGN_OR_RETURN(const OfficialImport import,
                            ValidateOfficialImport(request, roles));
  COMPDATA_ASSIGN_OR_RETURN(const OfficialImportCounts counts,
                            writer.Replace(import));
  v1::ImportOfficialStatisticsResponse response;
  response.set_rows(static_cast<int32_t>(counts.rows));
  response.set_links(static_cast<int32_t>(counts.links));
  response.set_replaced_rows(static_cast<int32_t>(counts.replaced_rows));
  response.set_dry_run(import.dry_run);
  return response;
}

}  // namespace compdata::ingest
