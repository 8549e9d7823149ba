#ifndef COMPDATA_TESTS_SUPPORT_SNAPSHOT_FIGURES_H_
#define COMPDATA_TESTS_SUPPORT_SNAPSHOT_FIGURES_H_

#include <string>

#include "core/engine/snapshot.h"

namespace compdata::testing {

// Every figure the read RPCs build on (pay samples, percentiles, dated pay,
// premiums, demand) for every role and currency under a few filters, as
// text that names companies, currencies and skills by name: two snapshots
// of the same records print the same however their parts and dictionaries
// are laid out.
std::string SnapshotFigures(const engine::Snapshot& s);

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_SNAPSHOT_FIGURES_H_
