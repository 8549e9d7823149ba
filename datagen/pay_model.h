// Pay model: log-normal pay per (role, level), stratified draws and the pay
// trend over time.

#ifndef COMPDATA_DATAGEN_PAY_MODEL_H_
#define COMPDATA_DATAGEN_PAY_MODEL_H_

#include <cstdint>

#include "datagen/targets.h"

namespace compdata::datagen {

// Log-normal parameters of (role, level), scale factors applied.
LevelPay PayParams(int role, int level);

// Standard normal deviate of the record in quantile cell `cell` of a group of
// `count` records with the same pay parameters (a (role, level) group): the
// cells are a permutation of the records' indices, so the group gets exactly
// one value per 1/count quantile slice, at its midpoint, and its empirical
// quantiles match the model at any sample size. Clamped to +-kMaxZ.
double StratifiedZ(int64_t cell, int64_t count);

// log(pay) offset of a record dated `age_days` before as_of when the mean age
// of the records it is pooled with is `center_age_days`.
double TrendLogOffset(double age_days, double center_age_days);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_PAY_MODEL_H_
