#ifndef COMPDATA_TESTS_SUPPORT_MEMORY_SNAPSHOT_H_
#define COMPDATA_TESTS_SUPPORT_MEMORY_SNAPSHOT_H_

// A small in-memory snapshot (no database) with every feature the read path
// looks at: four roles in two families with aliases, ladders and transitions;
// skills with aliases; metros; postings and reports in two currencies, every
// seniority, remote and on site, open and expired; and groups below the privacy
// floor.

#include <memory>

#include "absl/time/time.h"
#include "core/engine/snapshot.h"

namespace compdata::testing {

// The "now" of the snapshot's data (its records span the two years before).
absl::Time MemoryNow();

std::shared_ptr<const engine::Snapshot> MakeMemorySnapshot();

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_MEMORY_SNAPSHOT_H_
