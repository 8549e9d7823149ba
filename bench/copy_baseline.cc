#include "bench/copy_baseline.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "core/ingest/pay.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

// The rows the RPC path would store, as CSV for \copy (ids resolved here).
void WriteCopyFile(const std::string& url,
                   const std::vector<v1::JobPosting>& postings,
                   const std::string& path) {
  pqxx::connection conn(url);
  pqxx::work txn(conn);
  std::map<std::string, std::string> roles, metros;
  for (const auto& r : txn.exec("SELECT slug, title, id FROM roles")) {
    roles[r[0].as<std::string>()] = r[2].as<std::string>();
    roles[r[1].as<std::string>()] = r[2].as<std::string>();
  }
  for (const auto& r : txn.exec("SELECT alias, metro_id FROM metro_aliases")) {
    metros[r[0].as<std::string>()] = r[1].as<std::string>();
  }
  std::ofstream out(path);
  for (const auto& p : postings) {
    const auto min = compdata::ingest::Amount{p.pay_min().units(), 0};
    const auto max = compdata::ingest::Amount{p.pay_max().units(), 0};
    out << p.source() << "," << p.source_id() << "," << roles.at(p.role())
        << ",\"" << p.title() << "\",\"" << p.company() << "\","
        << (p.metro().empty() ? "" : metros.at(p.metro())) << ","
        << (p.remote() ? "t" : "f") << ",mid,USD,year,"
        << compdata::ingest::CentsToDecimal(compdata::ingest::ToCents(min))
        << ","
        << compdata::ingest::CentsToDecimal(compdata::ingest::ToCents(max))
        << ","
        << compdata::ingest::CentsToDecimal(compdata::ingest::ToCents(min))
        << ","
        << compdata::ingest::CentsToDecimal(compdata::ingest::ToCents(max))
        << ","
        << absl::FormatTime("%Y-%m-%dT%H:%M:%SZ",
                            absl::FromUnixSeconds(p.posted_at().seconds()),
                            absl::UTCTimeZone())
        << "\n";
  }
}

}  // namespace

double CopyWithPsql(const std::string& copy_url,
                    const std::vector<v1::JobPosting>& postings) {
  const std::string file = "/tmp/compdata_ingest_bench.csv";
  WriteCopyFile(copy_url, postings, file);
  const std::string command = absl::StrCat(
      "psql -q -v ON_ERROR_STOP=1 '", copy_url,
      "' -c \"\\copy job_postings (source, source_id, "
      "role_id, title, company, metro_id, remote, seniority, currency, "
      "pay_period, pay_min, pay_max, annual_min, annual_max, posted_at) FROM '",
      file, "' WITH (FORMAT csv)\"");
  const auto copy_start = Clock::now();
  const int rc = std::system(command.c_str());
  const double copy_seconds =
      std::chrono::duration<double>(Clock::now() - copy_start).count();
  std::remove(file.c_str());
  if (rc != 0) {
    std::fprintf(stderr, "psql \\copy failed\n");
    return -1;
  }
  return copy_seconds;
}

}  // namespace compdata::bench
