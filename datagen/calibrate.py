#!/usr/bin/env python3
"""Offline solver for the pay constants hard-coded in targets.h.

Standard library only. Prints the solved parameters; compdata-gen --check
verifies them on generated data. Method: bisection on the CDF of a mixture of
log-normals (one per seniority level, weights = the level mix).
"""
import math


def phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2))


def cdf(x, comps):
    return sum(w * phi((math.log(x) - math.log(m)) / s) for w, m, s in comps)


def quantile(p, comps):
    lo, hi = 1.0, 1e8
    for _ in range(70):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if cdf(mid, comps) < p else (lo, mid)
    return lo


def mean(comps):
    return sum(w * m * math.exp(s * s / 2) for w, m, s in comps)


def bisect(f, lo, hi, steps=60):
    flo = f(lo)
    for _ in range(steps):
        mid = (lo + hi) / 2
        fm = f(mid)
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def solve_mid_sigma(comps_of, median, p75, s_lo, s_hi):
    """Mid-level median and sigma giving the mixture median and p75."""
    def mid_for(s):
        return bisect(lambda m: quantile(0.5, comps_of(m, s)) - median, 20e3, 800e3)
    s = bisect(lambda s: quantile(0.75, comps_of(mid_for(s), s)) - p75, s_lo, s_hi)
    return mid_for(s), s


# P2 AI Software Engineer, mix entry 2 / mid 43 / senior 55: entry = 0.7 mid,
# senior = 1.3 mid with twice the sigma; median 235k, p75 300k.
def aiswe(m, s):
    return [(0.02, 0.7 * m, s), (0.43, m, s), (0.55, 1.3 * m, 2 * s)]


m, s = solve_mid_sigma(aiswe, 235e3, 300e3, 0.05, 0.5)
aiswe_mean = mean(aiswe(m, s))
print("ai-software-engineer: mid %.0f sigma %.5f entry %.0f senior %.0f "
      "(sigma %.5f) mean %.0f" % (m, s, 0.7 * m, 1.3 * m, 2 * s, aiswe_mean))


# P2 AI/ML Engineer, mix 11 / 71 / 18: entry = 0.75 mid, senior sigma 0.20;
# median 120k, p75 218k and mean = AI SWE mean / 1.67 ("67% more").
def aiml_of(k):
    return lambda m, s: [(0.11, 0.75 * m, s), (0.71, m, s), (0.18, k * m, 0.20)]


def aiml_mean(k):
    return mean(aiml_of(k)(*solve_mid_sigma(aiml_of(k), 120e3, 218e3, 0.1, 1.5)))


k = bisect(lambda k: aiml_mean(k) - aiswe_mean / 1.67, 2.6, 3.4, steps=30)
m, s = solve_mid_sigma(aiml_of(k), 120e3, 218e3, 0.1, 1.5)
print("ai-ml-engineer: mid %.0f sigma %.5f entry %.0f senior %.0f (x%.3f) "
      "mean ratio %.3f" % (m, s, 0.75 * m, k * m, k,
                           aiswe_mean / mean(aiml_of(k)(m, s))))

# P1: per-level medians given; check the typical (overall) median that the
# chosen level mixes give with sigma 0.20.
for name, medians, mix in [
        ("ai-engineer", [188e3, 257e3, 350e3, 455e3, 560e3],
         [0.40, 0.38, 0.16, 0.05, 0.01]),
        ("software-engineer", [140e3, 206e3, 285e3, 370e3, 460e3],
         [0.22, 0.44, 0.25, 0.07, 0.02])]:
    comps = [(w, m, 0.20) for w, m in zip(mix, medians)]
    print("%s: typical (mixture median) %.0f" % (name, quantile(0.5, comps)))


# P1 skill premiums: a skill listed with probability share * exp(b z - b^2/2)
# (b = shift / sigma) shifts the log pay of the postings listing it by
# `shift`; print the resulting median(with) / median(without) - 1.
def premium(comps, share, shift):
    shifted = [(w, m * math.exp(shift), s) for w, m, s in comps]
    with_median = quantile(0.5, shifted)
    lo, hi = 1.0, 1e8  # median of the rest: (F - share * F_shifted) / (1 - share)
    for _ in range(70):
        mid = math.sqrt(lo * hi)
        rest = (cdf(mid, comps) - share * cdf(mid, shifted)) / (1 - share)
        lo, hi = (mid, hi) if rest < 0.5 else (lo, mid)
    return with_median / lo - 1


ai = [(w, m, 0.20) for w, m in zip([0.40, 0.38, 0.16, 0.05, 0.01],
                                    [188e3, 257e3, 350e3, 455e3, 560e3])]
swe = [(w, m, 0.20) for w, m in zip([0.22, 0.44, 0.25, 0.07, 0.02],
                                     [140e3, 206e3, 285e3, 370e3, 460e3])]
for name, comps, share, shift in [
        ("ai-engineer deep-learning-frameworks", ai, 0.32, 0.116),
        ("ai-engineer computer-vision", ai, 0.24, 0.120),
        ("software-engineer system-design", swe, 0.30, 0.117),
        ("software-engineer full-stack-development", swe, 0.28, 0.044),
        ("software-engineer devops-ci-cd", swe, 0.25, 0.045)]:
    print("premium %s: %+.1f%%" % (name, 100 * premium(comps, share, shift)))
