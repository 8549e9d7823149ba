#include "datagen/pay_model.h"

#include <algorithm>
#include <cmath>

#include "datagen/normal.h"

namespace compdata::datagen {

LevelPay PayParams(int role, int level) {
  switch (role) {
    case kAiMlEngineer:
      return kAiMlEngineerPay[level];
    case kAiSoftwareEngineer:
      return kAiSoftwareEngineerPay[level];
    case kAiEngineer:
      return kAiEngineerPay[level];
    case kSoftwareEngineer:
      return kSoftwareEngineerPay[level];
    case kMlEngineer: {
      LevelPay p = kAiEngineerPay[level];
      p.median *= kMlEngineerFactor;
      return p;
    }
    default: {
      LevelPay p = kSoftwareEngineerPay[level];
      p.median *= kDataScientistFactor;
      return p;
    }
  }
}

double StratifiedZ(int64_t cell, int64_t count) {
  const double u =
      (static_cast<double>(cell) + 0.5) / static_cast<double>(count);
  return std::clamp(InverseNormalCdf(u), -kMaxZ, kMaxZ);
}

double TrendLogOffset(double age_days, double center_age_days) {
  return std::log1p(kTrendPerYear) * (center_age_days - age_days) / 365.25;
}

}  // namespace compdata::datagen
