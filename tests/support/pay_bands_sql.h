#ifndef COMPDATA_TESTS_SUPPORT_PAY_BANDS_SQL_H_
#define COMPDATA_TESTS_SUPPORT_PAY_BANDS_SQL_H_

// The pay bands of D10 (common.proto) as an SQL derived table of rows
// (lo, hi, rep): an amount of c cents with lo <= c < hi counts as rep
// (currency units); under 1.00 it counts as 0. Built from the documented
// recurrence, independently of the engine's table, for the oracles that
// check the service against PostgreSQL. Use as `JOIN <this> b ON ...`.

namespace compdata::testing {

inline constexpr char kPayBandsSql[] =
    "(WITH RECURSIVE e(lo) AS (SELECT 100::bigint UNION ALL SELECT lo + lo / "
    "10 FROM e WHERE lo < 4503599627370496) SELECT 0::bigint AS lo, "
    "100::bigint AS hi, 0::numeric AS rep UNION ALL SELECT lo, hi, ((lo + hi) "
    "/ 2)::numeric / 100 FROM (SELECT lo, lead(lo) OVER (ORDER BY lo) AS hi "
    "FROM e) x WHERE hi IS NOT NULL)";

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_PAY_BANDS_SQL_H_
