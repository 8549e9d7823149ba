#ifndef COMPDATA_BENCH_QUERY_DATASET_H_
#define COMPDATA_BENCH_QUERY_DATASET_H_

// The read benchmark's data: N job postings (with their skills) and M salary
// reports, generated deterministically in C++ (record i is always the same
// for the same reference data and load time) and bulk-loaded with COPY
// straight into the tables of db/migrations/0001_init.sql. Benchmark set-up,
// not an ingest path: rows are valid by construction.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace compdata::bench {

// Ids of the reference data (loaded through the server from db/seed and
// db/migrations/0002_metros.sql), read back by slug.
struct Reference {
  struct Role {
    int64_t id = 0;
    std::string slug, title, family;
  };
  struct Metro {
    int64_t id = 0;
    std::string slug, name, country;
  };
  std::vector<Role> roles;
  std::vector<Metro> metros;
  std::vector<std::pair<std::string, int64_t>> skills;  // slug, id

  // -1 when absent.
  int RoleIndex(const std::string& slug) const;
  int64_t SkillId(const std::string& slug) const;
};

absl::StatusOr<Reference> ReadReference(const std::string& url);

struct LoadReport {
  int64_t postings = 0;
  int64_t posting_skills = 0;
  int64_t reports = 0;
  double copy_seconds = 0;        // the three COPYs, run concurrently
  double vacuum_seconds = 0;      // VACUUM ANALYZE afterwards
  bool triggers_skipped = false;  // session_replication_role = replica
};

// COPYs `postings` postings (and their posting_skills) and `reports` salary
// reports into the migrated, seeded, otherwise empty database at `url`, then
// bumps the data version and runs VACUUM ANALYZE. Dates are relative to
// `now`: every record is dated at least an hour before it, and no posting
// expires within two days after it, so "open now" is stable for the run.
absl::StatusOr<LoadReport> LoadDataset(const std::string& url,
                                       const Reference& reference,
                                       int64_t postings, int64_t reports,
                                       absl::Time now);

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_QUERY_DATASET_H_
