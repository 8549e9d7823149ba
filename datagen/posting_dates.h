// When postings are posted and when they expire.
//
// Model (targets.h): posting volume grows 2x a year over the 24-month
// window, so the age a of a posting has density ~ exp(-r a) on [0, 730] days;
// a posting lives L days, L from a mixture of "fixed expiry" (uniform
// 14..120, expires_at set) and "open until updated" (uniform 30..510,
// expires_at empty while open). It is open at as_of when L > a.
// Generated postings are open or closed by exact quota, so dates are drawn
// from the model conditioned on that: the age by inverting the conditional
// CDF at a stratified uniform (so pay-by-date statistics carry no sampling
// noise), then the lifetime from its exact conditional distribution.

#ifndef COMPDATA_DATAGEN_POSTING_DATES_H_
#define COMPDATA_DATAGEN_POSTING_DATES_H_

#include <cstdint>

#include "datagen/rng.h"

namespace compdata::datagen {

struct PostingDates {
  int64_t posted_at;
  int64_t expires_at;  // kNoTime = open until updated
  double age_days;     // (as_of - posted_at) in days
};

// `u` in [0, 1) chooses the age (quantile of the conditional age
// distribution); `rng` chooses the lifetime.
PostingDates SamplePostingDates(bool open, double u, int64_t as_of, Rng& rng);

// Mean age in days when a fraction `open_fraction` of postings is open: the
// pay trend's center.
double MeanPostingAgeDays(double open_fraction);

// Fraction of the model's postings that are open at as_of (about 0.2616).
double ModelOpenFraction();

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_POSTING_DATES_H_
