// Standard normal distribution helpers (own implementation, so that the
// generator does not depend on std::normal_distribution).

#ifndef COMPDATA_DATAGEN_NORMAL_H_
#define COMPDATA_DATAGEN_NORMAL_H_

namespace compdata::datagen {

// Inverse of the standard normal CDF for p in (0, 1) (Acklam's rational
// approximation, relative error < 1.2e-9). p is clamped to [1e-300, 1-1e-16].
double InverseNormalCdf(double p);

// Standard normal CDF.
double NormalCdf(double x);

}  // namespace compdata::datagen

#endif  // COMPDATA_DATAGEN_NORMAL_H_
