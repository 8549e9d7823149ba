// One generated job posting / salary report, as written to (and read back
// from) the CSVs.

#ifndef COMPDATA_DATAGEN_RECORDS_H_
#define COMPDATA_DATAGEN_RECORDS_H_

#include <cstdint>
#include <string>

#include "datagen/catalog.h"

namespace compdata::datagen {

constexpr int64_t kNoTime = INT64_MIN;  // empty timestamp field

struct Posting {
  int64_t seq = 0;  // source_id = "p" + seq
  int role = 0;
  int level = kNoLevel;
  std::string title;
  int company = 0;
  int metro = kNoMetro;
  bool remote = false;
  bool has_pay = false;
  int pay_period = kYear;
  int64_t pay_min_cents = 0;  // in pay_period units
  int64_t pay_max_cents = 0;
  int64_t posted_at = 0;  // Unix seconds
  int64_t expires_at = kNoTime;
  SkillMask skills = 0;

  // Annualised midpoint of the advertised range, in dollars.
  double AnnualMidpoint() const {
    return static_cast<double>(pay_min_cents + pay_max_cents) * 0.5 *
           kAnnualisation[pay_period] / 100.0;
  }
  bool OpenAt(int64_t t) const {
    return posted_at <= t && (expires_at == kNoTime || t < expires_at);
  }
};

struct Report {
  int64_t seq = 0;  // source_id = "r" + seq
  int role = 0;
  int level = kEntry;
  int years_tenths = 0;  // years of experience x 10
  int company = 0;
  int metro = kNoMetro;
  bool remote = false;
  int64_t base_cents = 0;  // annual
  int64_t bonus_cents = 0;
  int64_t equity_cents = 0;
  int64_t reported_at = 0;

  double TotalDollars() const {
    return static_cast<double>(base_cents + bonus_cents + equity_cents) / 100.0;
  }
};

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_RECORDS_H_
