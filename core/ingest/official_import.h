#ifndef COMPDATA_CORE_INGEST_OFFICIAL_IMPORT_H_
#define COMPDATA_CORE_INGEST_OFFICIAL_IMPORT_H_

// IngestService.ImportOfficialStatistics without the wire: the request is
// validated whole (the table by official_table.h, the rest here), then
// written through an OfficialTableWriter (db/ implements it on PostgreSQL)
// in one transaction, or nothing is written.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "compdata/v1/ingest_service.pb.h"
#include "core/engine/official.h"
#include "core/ingest/reference_index.h"

namespace compdata::ingest {

// Documented limits (ingest_service.proto), in characters.
inline constexpr size_t kMaxOfficialSourceLength = 200;
inline constexpr size_t kMaxOfficialPeriodLength = 100;
inline constexpr size_t kMaxOfficialAreaLength = 200;

// A validated import.
struct OfficialImport {
  engine::OfficialTableKey table;
  std::string currency;
  std::optional<int64_t> top_coded_cents;
  std::vector<engine::OfficialOccupation> occupations;  // in file order
  // Distinct (occupation code, role id) pairs, in request order.
  std::vector<std::pair<std::string, int64_t>> links;
  bool dry_run = false;
};

// OK, or INVALID_ARGUMENT listing every problem as a BadRequest violation:
// source, reference_period, area, currency, top_coded_value[.currency_code],
// one "table" violation per bad line (official_table.h), links,
// links[i].occupation_code, links[i].role. `roles` resolves slugs and
// aliases to role ids.
absl::StatusOr<OfficialImport> ValidateOfficialImport(
    const v1::ImportOfficialStatisticsRequest& request, const NameIndex& roles);

struct OfficialImportCounts {
  int64_t rows = 0;           // occupation rows stored (or that would be)
  int64_t links = 0;          // links stored (or that would be)
  int64_t replaced_rows = 0;  // rows of the earlier import of the table
};

class OfficialTableWriter {
 public:
  virtual ~OfficialTableWriter() = default;
  // Every role slug, title and alias with its role id, as committed now.
  virtual absl::StatusOr<NameIndex> LoadRoleIndex() = 0;
  // Replaces every row (and link) of the import's table with the import's,
  // in one transaction: all of it or nothing. A dry run writes nothing and
  // counts what would be replaced.
  virtual absl::StatusOr<OfficialImportCounts> Replace(
      const OfficialImport& import) = 0;
};

// Validates the request against the committed roles and writes it.
absl::StatusOr<v1::ImportOfficialStatisticsResponse> ImportOfficialStatistics(
    const v1::ImportOfficialStatisticsRequest& request,
    OfficialTableWriter& writer);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_OFFICIAL_IMPORT_H_
