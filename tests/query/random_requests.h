#ifndef COMPDATA_TESTS_QUERY_RANDOM_REQUESTS_H_
#define COMPDATA_TESTS_QUERY_RANDOM_REQUESTS_H_

// Random request parts over a generated data set's dimensions.

#include <string>
#include <vector>

#include "tests/query/data_gen.h"
#include "tests/query/rng_util.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

// A random filter over the data set's dimensions. With `pay_fields` the pay
// component, data source and currency vary too (never POSTINGS together
// with BONUS or EQUITY, which is INVALID_ARGUMENT).
Filter RandomFilter(Rng& rng, const DataSet& data, bool pay_fields);

// 0..7 percentiles (0 = the server's default list), incl. 0, 100, 33.3.
std::vector<double> RandomPercentiles(Rng& rng);

// The role as a request may name it: the slug, or an alias, in random case.
std::string RandomRoleName(Rng& rng, const std::string& slug);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_RANDOM_REQUESTS_H_
