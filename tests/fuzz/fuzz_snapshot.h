#ifndef COMPDATA_TESTS_FUZZ_FUZZ_SNAPSHOT_H_
#define COMPDATA_TESTS_FUZZ_FUZZ_SNAPSHOT_H_

// A small snapshot with every feature the read path looks at: four roles in
// two families with aliases, ladders and transitions; skills with aliases;
// metros; postings and reports in two currencies, every seniority, remote
// and on site, open and expired; and groups below the privacy floor.

#include <memory>

#include "absl/time/time.h"
#include "core/engine/snapshot.h"

namespace compdata::fuzz {

// The "now" of the snapshot's data (its records span the two years before).
absl::Time FuzzNow();

std::shared_ptr<const engine::Snapshot> MakeFuzzSnapshot();

}  // namespace compdata::fuzz

#endif  // COMPDATA_TESTS_FUZZ_FUZZ_SNAPSHOT_H_
