// Generates self-reported salary reports: record i is a pure function of
// (seed, as_of, M, i). Strata (role, level, remote) have exact quota sizes;
// total pay is stratified over each (role, level) group like postings
// (pay_model.h), and so are report dates.

#ifndef COMPDATA_DATAGEN_REPORT_GENERATOR_H_
#define COMPDATA_DATAGEN_REPORT_GENERATOR_H_

#include <array>
#include <cstdint>
#include <vector>

#include "datagen/records.h"
#include "datagen/strata.h"

namespace compdata::datagen {

class ReportGenerator {
 public:
  ReportGenerator(int64_t m, uint64_t seed, int64_t as_of);

  int64_t size() const { return layout_.total(); }
  void Generate(int64_t i, Report* out) const;

 private:
  struct Stratum {
    int role;
    int level;
    bool remote;
    int64_t pay_offset;  // start inside the (role, level) group
    uint64_t age_offset;
  };
  struct PayGroup {
    int64_t count = 0;
    AffinePermutation cells;
  };

  uint64_t seed_;
  int64_t as_of_;
  std::vector<Stratum> strata_;
  std::array<std::array<PayGroup, kNumLevels>, kNumRoles> pay_groups_;
  StrataLayout layout_;
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_REPORT_GENERATOR_H_
