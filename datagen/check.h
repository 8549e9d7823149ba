// --check: recomputes every target figure from generated (or re-read) rows
// and compares it with its target and tolerance.

#ifndef COMPDATA_DATAGEN_CHECK_H_
#define COMPDATA_DATAGEN_CHECK_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "datagen/catalog.h"
#include "datagen/records.h"

namespace compdata::datagen {

enum class Verdict { kPass, kFail, kInfo };

struct Figure {
  std::string name;
  std::string target;
  std::string generated;
  std::string tolerance;
  Verdict verdict;
};

// Collects what the figures need, one record at a time. Memory: one pay
// observation per record with pay (about 24 bytes), nothing else grows.
class CheckAccumulator {
 public:
  explicit CheckAccumulator(int64_t as_of) : as_of_(as_of) {}

  void Add(const Posting& p);
  void Add(const Report& r);

  // All figures, in table order.
  std::vector<Figure> Figures() const;

  struct PostingPay {
    double pay;  // annualised midpoint
    SkillMask skills;
    int8_t level;
    bool recent;  // posted in the 12 months before as_of
  };
  struct ReportPay {
    double pay;  // base + bonus + equity
    int8_t level;
    bool recent;
  };

 private:
  friend class FigureBuilder;

  int64_t as_of_;
  int64_t postings_ = 0;
  int64_t reports_ = 0;
  int64_t postings_with_pay_ = 0;
  int min_skills_ = 99;
  int max_skills_ = 0;
  std::array<std::vector<PostingPay>, kNumRoles> posting_pay_;
  std::array<std::vector<ReportPay>, kNumRoles> report_pay_;
  std::array<int64_t, kNumRoles> open_{};
  std::array<int64_t, kNumRoles> open_remote_{};
  std::array<std::array<int64_t, kNumLevels + 1>, kNumRoles> open_levels_{};
  std::array<std::array<int64_t, kNumSkills>, kNumRoles> open_skills_{};
  std::array<std::array<int64_t, kNumMetros>, kNumRoles> open_metros_{};
  std::array<double, kNumRoles> pay_min_sum_{};  // annualised
  std::array<double, kNumRoles> pay_max_sum_{};
};

// Fixed-width text table of the figures, one per line.
std::string FormatTable(const std::vector<Figure>& figures);

// True when no figure failed.
bool AllPass(const std::vector<Figure>& figures);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_CHECK_H_
