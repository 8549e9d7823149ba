#ifndef COMPDATA_CORE_INGEST_REFERENCE_INDEX_H_
#define COMPDATA_CORE_INGEST_REFERENCE_INDEX_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace compdata::ingest {

// Name -> id lookup for one kind of reference entity (roles, skills,
// metros). Every name is looked up by NormalizeKey, so a slug, a title and
// an alias in any case or punctuation all resolve.
class NameIndex {
 public:
  // Registers the slug, display name and aliases of entity `id`. A key that
  // already belongs to another id keeps its first owner.
  void Add(int64_t id, absl::string_view name);
  std::optional<int64_t> Find(absl::string_view name) const;
  // The id owning `name`'s key, if it is not `id` itself.
  std::optional<int64_t> OwnerOtherThan(absl::string_view name,
                                        int64_t id) const;
  size_t size() const { return by_key_.size(); }

 private:
  absl::flat_hash_map<std::string, int64_t> by_key_;
};

struct ReferenceIndex {
  NameIndex roles;
  NameIndex skills;
  NameIndex metros;
  // Slug -> id, for reference-data upserts keyed by slug.
  absl::flat_hash_map<std::string, int64_t> role_slugs;
  absl::flat_hash_map<std::string, int64_t> skill_slugs;
};

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_REFERENCE_INDEX_H_
