#ifndef COMPDATA_CORE_ENGINE_OFFICIAL_H_
#define COMPDATA_CORE_ENGINE_OFFICIAL_H_

// Official statistics: occupational wage tables published by statistics
// offices (IngestService.ImportOfficialStatistics), linked to our roles and
// shown beside our own figures, never blended into them. They are the
// office's figures for its own population, so nothing here is computed: a
// figure is held as published, exact to the cent.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace compdata::engine {

struct Snapshot;

// How a figure was published; the numbers are the API's OfficialValueKind.
enum class OfficialKind : int8_t {
  kExact = 1,         // a value
  kAtLeast = 2,       // "#": at or above the table's top-coded value
  kNotAvailable = 3,  // "*" / "**"
};

struct OfficialValue {
  OfficialKind kind = OfficialKind::kNotAvailable;
  // kExact: the value; kAtLeast: the top-coded value; kNotAvailable: 0.
  int64_t cents = 0;
};

// The percentiles every table publishes, in the order they are held.
inline constexpr std::array<int, 5> kOfficialPercentiles = {10, 25, 50, 75, 90};

// One occupation line of a published table.
struct OfficialOccupation {
  std::string code;                   // OCC_CODE, e.g. "15-1252"
  std::string title;                  // OCC_TITLE
  std::optional<int64_t> employment;  // TOT_EMP; nullopt = not available
  OfficialValue mean;                 // A_MEAN
  std::array<OfficialValue, kOfficialPercentiles.size()> percentiles;
};

// Which table a row comes from: an import replaces every row of the same
// (source, reference_period, area).
struct OfficialTableKey {
  std::string source;            // e.g. "US BLS OEWS"
  std::string reference_period;  // e.g. "May 2024"
  std::string area;              // e.g. "United States"
};

// One occupation of one imported table, as the snapshot holds it.
struct OfficialStatistic {
  OfficialTableKey table;
  std::string currency;  // ISO 4217, of every amount of the table
  OfficialOccupation occupation;
};

// Every imported row and which roles each is linked to. Small (hundreds of
// rows), replaced whole when any of it changes, shared between snapshot
// versions otherwise.
struct OfficialStatistics {
  // Ordered by source, reference period, area and occupation code (bytes).
  std::vector<OfficialStatistic> rows;
  // Per role index: the rows linked to it, ascending. Roles added after
  // the rows were loaded have no entry (and no link: a link to them would
  // have reloaded the rows).
  std::vector<std::vector<int32_t>> by_role;
};

// The rows linked to `role` whose table is in `currency`, in row order.
std::vector<const OfficialStatistic*> OfficialStatisticsOf(
    const Snapshot& snapshot, int32_t role, absl::string_view currency);

// Sorts the rows into their order and indexes the links (row index, role
// index; links to an unknown row or role are dropped) by role, for
// `role_count` roles.
OfficialStatistics IndexOfficialStatistics(
    std::vector<OfficialStatistic> rows,
    const std::vector<std::pair<int32_t, int32_t>>& links, size_t role_count);

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_OFFICIAL_H_
