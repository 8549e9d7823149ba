#include "core/ingest/reference_index.h"

#include "common/normalize.h"

namespace compdata::ingest {

void NameIndex::Add(int64_t id, absl::string_view name) {
  std::string key = NormalizeKey(name);
  if (!key.empty()) by_key_.try_emplace(std::move(key), id);
}

std::optional<int64_t> NameIndex::Find(absl::string_view name) const {
  auto it = by_key_.find(NormalizeKey(name));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> NameIndex::OwnerOtherThan(absl::string_view name,
                                                 int64_t id) const {
  std::optional<int64_t> owner = Find(name);
  if (owner.has_value() && *owner != id) return owner;
  return std::nullopt;
}

}  // namespace compdata::ingest
