#ifndef COMPDATA_CORE_INGEST_VALIDATE_H_
#define COMPDATA_CORE_INGEST_VALIDATE_H_

// Record validation and normalisation: proto record in, database row or the
// record's first violation out. Pure: no I/O; reference lookups go through
// the index loaded at the start of the stream.

#include "absl/time/time.h"
#include "compdata/v1/common.pb.h"
#include "compdata/v1/ingest_service.pb.h"
#include "core/ingest/checks.h"
#include "core/ingest/reference_index.h"
#include "core/ingest/rows.h"

namespace compdata::ingest {

Validated<PostingRow> ValidatePosting(const v1::JobPosting& posting,
                                      const ReferenceIndex& index,
                                      absl::Time now);
Validated<ReportRow> ValidateReport(const v1::SalaryReport& report,
                                    const ReferenceIndex& index,
                                    absl::Time now);
// Roles and skills are registered in `index` when valid, so a later record
// of the same stream cannot claim their aliases.
Validated<RoleRow> ValidateRole(const v1::Role& role, ReferenceIndex* index);
Validated<SkillRow> ValidateSkill(const v1::Skill& skill,
                                  ReferenceIndex* index);
Validated<RoleLevelRow> ValidateRoleLevel(const v1::RoleLevel& level,
                                          const ReferenceIndex& index);
Validated<RoleTransitionRow> ValidateRoleTransition(
    const v1::RoleTransition& transition, const ReferenceIndex& index);

}  // namespace compdata::ingest

#endif  // COMPDATA_CORE_INGEST_VALIDATE_H_
