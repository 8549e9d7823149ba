#ifndef COMPDATA_TESTS_QUERY_MODEL_H_
#define COMPDATA_TESTS_QUERY_MODEL_H_

// The figures of a generated data set recomputed in plain C++ from the
// record models (no SQL, no server): a check that the SQL oracle and the
// ingest path agree before any server answer is compared with them.

#include <string>
#include <vector>

#include "tests/query/data_gen.h"
#include "tests/query/sql_oracle.h"

namespace compdata::testing::query {

// D4 over ascending values; p in [0, 100]; `sorted` non-empty.
double PercentileCont(const std::vector<double>& sorted, double p);

PayFigures ModelPay(const DataSet& data, const std::string& role,
                    const Filter& filter,
                    const std::vector<double>& percentiles);

DemandFigures ModelDemand(const DataSet& data, const std::string& role,
                          const Filter& filter);

// Empty when they agree, else what differs.
std::string ComparePay(const PayFigures& sql, const PayFigures& model);
std::string CompareDemand(const DemandFigures& sql, const DemandFigures& model);

}  // namespace compdata::testing::query

#endif  // COMPDATA_TESTS_QUERY_MODEL_H_
