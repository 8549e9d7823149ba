#include "db/official_loader.h"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "db/copy_stream.h"
#include "db/official_statements.h"

namespace compdata::db {
namespace {

// "exact:13308000", "at_least:23920000", "not_available:0".
engine::OfficialValue ParseValue(absl::string_view field) {
  const size_t colon = field.find(':');
  int64_t cents = 0;
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(field.substr(colon + 1), &cents)) {
    throw std::runtime_error("snapshot: bad official figure in COPY output");
  }
  const absl::string_view kind = field.substr(0, colon);
  if (kind == "exact") return {engine::OfficialKind::kExact, cents};
  if (kind == "at_least") return {engine::OfficialKind::kAtLeast, cents};
  return {engine::OfficialKind::kNotAvailable, 0};
}

engine::OfficialStatistic ParseRow(const CopyLine& f) {
  engine::OfficialStatistic s;
  s.table = engine::OfficialTableKey{f.Text(1), f.Text(2), f.Text(3)};
  s.currency = f.Text(4);
  s.occupation.code = f.Text(5);
  s.occupation.title = f.Text(6);
  const int64_t employment = f.Int(7);
  if (employment >= 0) s.occupation.employment = employment;
  std::string scratch;
  s.occupation.mean = ParseValue(f.View(8, &scratch));
  for (size_t i = 0; i < s.occupation.percentiles.size(); ++i) {
    s.occupation.percentiles[i] = ParseValue(f.View(9 + i, &scratch));
  }
  return s;
}

}  // namespace

void LoadOfficial(pqxx::work& txn, engine::SnapshotBuilder& builder) {
  std::vector<std::pair<int64_t, engine::OfficialStatistic>> rows;
  Stream(txn, kSnapshotOfficialWagesSql,
         [&](const CopyLine& f) { rows.emplace_back(f.Int(0), ParseRow(f)); });
  std::vector<std::pair<int64_t, int64_t>> links;
  Stream(txn, kSnapshotOfficialLinksSql,
         [&](const CopyLine& f) { links.emplace_back(f.Int(0), f.Int(1)); });
  builder.ReplaceOfficial(std::move(rows), links);
}

}  // namespace compdata::db
