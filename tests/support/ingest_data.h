#ifndef COMPDATA_TESTS_SUPPORT_INGEST_DATA_H_
#define COMPDATA_TESTS_SUPPORT_INGEST_DATA_H_

#include <functional>
#include <string>
#include <vector>

#include "client/client.h"
#include "compdata/v1/ingest_service.pb.h"

namespace compdata::testing {

// Streams db/seed/*.jsonl through the client; fails the test on any reject.
void LoadSeed(const Client& client);

// A valid posting / report numbered i (source "test", source_id "<prefix>i"),
// varying role, seniority, metro, pay and skills with i.
v1::JobPosting MakePosting(int64_t i, const std::string& prefix = "p");
v1::SalaryReport MakeReport(int64_t i, const std::string& prefix = "r");

google::type::Money Usd(int64_t units, int32_t nanos = 0);
google::protobuf::Timestamp DaysAgo(int days);

template <typename Record>
std::function<bool(Record*)> FromVector(const std::vector<Record>& records) {
  auto next = std::make_shared<size_t>(0);
  return [&records, next](Record* out) {
    if (*next >= records.size()) return false;
    *out = records[(*next)++];
    return true;
  };
}

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_INGEST_DATA_H_
