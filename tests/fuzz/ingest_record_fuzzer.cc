// libFuzzer target for ingest validation. The first input byte picks a
// record kind, the rest is one record's wire bytes, validated as the ingest
// streams validate them against a small reference index. Every record must
// come out as a row that keeps the documented limits (lengths, amounts,
// dates, distinct skills) or as a rejection naming its field, reason and
// why; anything else, and any sanitizer report, is a finding. One more
// kind takes the rest as the text of an official wage table
// (core/ingest/official_table.h): it must come out as occupations within
// the documented rules or as problems naming their lines.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "core/ingest/official_table.h"
#include "core/ingest/validate.h"

namespace compdata::fuzz {
namespace {

using ingest::Rejection;

absl::Time Now() { return absl::FromUnixSeconds(1'768'435'200); }

ingest::ReferenceIndex MakeIndex() {
  ingest::ReferenceIndex index;
  const char* roles[] = {"ai-engineer", "software-engineer"};
  const char* skills[] = {"python", "rag", "kubernetes"};
  for (int i = 0; i < 2; ++i) {
    index.roles.Add(i + 1, roles[i]);
    index.role_slugs[roles[i]] = i + 1;
  }
  for (int i = 0; i < 3; ++i) {
    index.skills.Add(i + 1, skills[i]);
    index.skill_slugs[skills[i]] = i + 1;
  }
  index.metros.Add(1, "san-francisco");
  index.metros.Add(1, "SF");
  return index;
}

[[noreturn]] void Fail(const char* kind, const std::string& what) {
  std::fprintf(stderr, "%s: %s\n", kind, what.c_str());
  std::abort();
}

void Expect(bool ok, const char* kind, const char* what) {
  if (!ok) Fail(kind, what);
}

void CheckRejection(const char* kind, const Rejection& r) {
  Expect(!r.field.empty(), kind, "a rejection that names no field");
  Expect(r.reason != v1::REJECT_REASON_UNSPECIFIED, kind,
         "a rejection without a reason");
  Expect(!r.message.empty(), kind, "a rejection without a message");
}

void CheckDate(const char* kind, absl::Time t) {
  Expect(t >= absl::FromCivil(absl::CivilDay(1990, 1, 1), absl::UTCTimeZone()),
         kind, "a date before 1990 accepted");
  Expect(t <= Now() + ingest::kFutureSkew, kind, "a future date accepted");
}

void CheckSource(const char* kind, const std::string& source,
                 const std::string& id) {
  Expect(!source.empty() && source.size() <= ingest::kMaxSourceLength, kind,
         "source out of limits accepted");
  Expect(!id.empty() && id.size() <= ingest::kMaxSourceIdLength, kind,
         "source_id out of limits accepted");
}

void CheckRow(const char* kind, const ingest::PostingRow& row) {
  CheckSource(kind, row.source, row.source_id);
  Expect(row.role_id == 1 || row.role_id == 2, kind, "unknown role accepted");
  CheckDate(kind, row.posted_at);
  if (row.expires_at.has_value()) {
    Expect(*row.expires_at > row.posted_at, kind, "expiry before posting");
  }
  if (row.pay.has_value()) {
    const ingest::PostingPay& p = *row.pay;
    Expect(p.currency.size() == 3, kind, "a currency that is not 3 letters");
    Expect(0 <= p.min_cents && p.min_cents <= p.max_cents, kind,
           "pay range out of order or negative");
    Expect(0 <= p.annual_min_cents && p.annual_min_cents <= p.annual_max_cents,
           kind, "annual range out of order or negative");
  }
  const std::set<int64_t> distinct(row.skill_ids.begin(), row.skill_ids.end());
  Expect(distinct.size() == row.skill_ids.size(), kind, "repeated skills");
  Expect(row.skill_ids.size() <= ingest::kMaxSkillsPerPosting, kind,
         "too many skills accepted");
}

void CheckRow(const char* kind, const ingest::ReportRow& row) {
  CheckSource(kind, row.source, row.source_id);
  Expect(row.role_id == 1 || row.role_id == 2, kind, "unknown role accepted");
  CheckDate(kind, row.reported_at);
  Expect(row.currency.size() == 3, kind, "a currency that is not 3 letters");
  Expect(row.base_cents >= 0 && row.annual_base_cents >= 0 &&
             row.bonus_cents >= 0 && row.equity_cents >= 0,
         kind, "a negative amount accepted");
}

void CheckRow(const char* kind, const ingest::RoleRow& row) {
  Expect(!row.slug.empty() && row.slug.size() <= ingest::kMaxSlugLength, kind,
         "slug out of limits accepted");
}

void CheckRow(const char* kind, const ingest::SkillRow& row) {
  Expect(!row.slug.empty() && row.slug.size() <= ingest::kMaxSlugLength, kind,
         "slug out of limits accepted");
}

void CheckRow(const char* kind, const ingest::RoleLevelRow& row) {
  Expect(row.role_id == 1 || row.role_id == 2, kind, "unknown role accepted");
}

void CheckRow(const char* kind, const ingest::RoleTransitionRow& row) {
  Expect((row.from_role_id == 1 || row.from_role_id == 2) &&
             (row.to_role_id == 1 || row.to_role_id == 2),
         kind, "unknown role accepted");
}

template <typename Row>
void Check(const char* kind, const ingest::Validated<Row>& result) {
  if (const Rejection* r = std::get_if<Rejection>(&result)) {
    CheckRejection(kind, *r);
  } else {
    CheckRow(kind, std::get<Row>(result));
  }
}

template <typename Record, typename Validate>
void Run(const char* kind, const uint8_t* data, size_t size,
         Validate validate) {
  Record record;
  if (!record.ParseFromArray(data, static_cast<int>(size))) return;
  Check(kind, validate(record));
}

constexpr int64_t kTopCoded = 23'920'000;

void CheckOccupation(const engine::OfficialOccupation& o,
                     std::set<std::string>* codes) {
  const char* kind = "OfficialTable";
  Expect(!o.code.empty() && ingest::CodePoints(o.code) <= 32, kind,
         "an occupation code out of limits accepted");
  Expect(codes->insert(o.code).second, kind, "a repeated code accepted");
  Expect(!o.title.empty() && ingest::CodePoints(o.title) <= 300, kind,
         "a title out of limits accepted");
  Expect(ingest::IsValidUtf8(o.code) && ingest::IsValidUtf8(o.title), kind,
         "text that is not UTF-8 accepted");
  Expect(!o.employment.has_value() || *o.employment >= 0, kind,
         "a negative employment accepted");
  int64_t floor = 0;
  for (size_t i = 0; i <= o.percentiles.size(); ++i) {
    const engine::OfficialValue& v = i == 0 ? o.mean : o.percentiles[i - 1];
    switch (v.kind) {
      case engine::OfficialKind::kExact:
        Expect(v.cents > 0 && v.cents <= 100'000'000'000, kind,
               "an amount out of limits accepted");
        break;
      case engine::OfficialKind::kAtLeast:
        Expect(v.cents == kTopCoded, kind, "\"#\" is not the top-coded value");
        break;
      case engine::OfficialKind::kNotAvailable:
        Expect(v.cents == 0, kind, "a value for a figure not available");
        continue;
    }
    if (i == 0) continue;  // the mean is not ordered
    Expect(v.kind != engine::OfficialKind::kExact || v.cents >= floor, kind,
           "decreasing percentiles accepted");
    floor = std::max(floor, v.cents);
  }
}

void RunOfficialTable(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  // Half the inputs without a top-coded value, so "#" is refused too.
  const bool top = size % 2 == 0;
  const ingest::OfficialTableResult r = ingest::ParseOfficialTable(
      text, ingest::OfficialTableOptions{top ? std::optional<int64_t>(kTopCoded)
                                             : std::nullopt});
  const char* kind = "OfficialTable";
  if (r.ok()) {
    Expect(r.problems.empty() && !r.occupations.empty(), kind,
           "a table accepted without occupations");
    std::set<std::string> codes;
    for (const auto& o : r.occupations) CheckOccupation(o, &codes);
    return;
  }
  Expect(!r.problems.empty() &&
             r.problems.size() <= ingest::kMaxOfficialTableProblems &&
             r.bad_lines >= static_cast<int64_t>(r.problems.size()),
         kind, "a refused table without its problems");
  for (const std::string& p : r.problems) {
    Expect(p.rfind("line ", 0) == 0 || p.rfind("the table is ", 0) == 0, kind,
           "a problem that names no line");
  }
}

}  // namespace
}  // namespace compdata::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace compdata;  // NOLINT: the target's one entry point
  if (size == 0) return 0;
  const uint8_t* body = data + 1;
  const size_t n = size - 1;
  // A fresh index per input: role and skill records register themselves.
  ingest::ReferenceIndex index = fuzz::MakeIndex();
  switch (data[0] % 7) {
    case 0:
      fuzz::Run<v1::JobPosting>("JobPosting", body, n, [&](const auto& r) {
        return ingest::ValidatePosting(r, index, fuzz::Now());
      });
      break;
    case 1:
      fuzz::Run<v1::SalaryReport>("SalaryReport", body, n, [&](const auto& r) {
        return ingest::ValidateReport(r, index, fuzz::Now());
      });
      break;
    case 2:
      fuzz::Run<v1::Role>("Role", body, n, [&](const auto& r) {
        return ingest::ValidateRole(r, &index);
      });
      break;
    case 3:
      fuzz::Run<v1::Skill>("Skill", body, n, [&](const auto& r) {
        return ingest::ValidateSkill(r, &index);
      });
      break;
    case 4:
      fuzz::Run<v1::RoleLevel>("RoleLevel", body, n, [&](const auto& r) {
        return ingest::ValidateRoleLevel(r, index);
      });
      break;
    case 5:
      fuzz::Run<v1::RoleTransition>(
          "RoleTransition", body, n, [&](const auto& r) {
            return ingest::ValidateRoleTransition(r, index);
          });
      break;
    case 6:
      fuzz::RunOfficialTable(body, n);
      break;
  }
  return 0;
}
