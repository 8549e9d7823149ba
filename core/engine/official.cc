#include "core/engine/official.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "core/engine/snapshot.h"

namespace compdata::engine {
namespace {

auto OrderKey(const OfficialStatistic& s) {
  return std::tie(s.table.source, s.table.reference_period, s.table.area,
                  s.occupation.code);
}

}  // namespace

std::vector<const OfficialStatistic*> OfficialStatisticsOf(
    const Snapshot& snapshot, int32_t role, absl::string_view currency) {
  std::vector<const OfficialStatistic*> out;
  const OfficialStatistics* official = snapshot.official.get();
  if (official == nullptr || role < 0 ||
      static_cast<size_t>(role) >= official->by_role.size()) {
    return out;
  }
  for (int32_t row : official->by_role[role]) {
    const OfficialStatistic& s = official->rows[row];
    if (s.currency == currency) out.push_back(&s);
  }
  return out;
}

OfficialStatistics IndexOfficialStatistics(
    std::vector<OfficialStatistic> rows,
    const std::vector<std::pair<int32_t, int32_t>>& links, size_t role_count) {
  // order[i] = the input index of the i-th row in answer order.
  std::vector<int32_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return OrderKey(rows[a]) < OrderKey(rows[b]);
  });
  std::vector<int32_t> position(rows.size());
  OfficialStatistics out;
  out.rows.reserve(rows.size());
  for (size_t i = 0; i < order.size(); ++i) {
    position[order[i]] = static_cast<int32_t>(i);
    out.rows.push_back(std::move(rows[order[i]]));
  }
  out.by_role.resize(role_count);
  for (const auto& [row, role] : links) {
    if (row < 0 || static_cast<size_t>(row) >= position.size() || role < 0 ||
        static_cast<size_t>(role) >= role_count) {
      continue;
    }
    out.by_role[role].push_back(position[row]);
  }
  for (std::vector<int32_t>& linked : out.by_role) {
    std::sort(linked.begin(), linked.end());
    linked.erase(std::unique(linked.begin(), linked.end()), linked.end());
  }
  return out;
}

}  // namespace compdata::engine
