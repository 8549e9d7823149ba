// What the pool costs per transaction over a bare libpqxx connection running
// the same statement. Needs COMPDATA_BENCH_DATABASE_URL (bench/run.sh sets it).

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>

#include "bench/ratio_reporter.h"
#include "db/pool.h"

namespace {

const char* Url() { return std::getenv("COMPDATA_BENCH_DATABASE_URL"); }

void BM_BareConnection(benchmark::State& state) {
  pqxx::connection conn(Url());
  for (auto _ : state) {
    pqxx::work txn(conn);
    benchmark::DoNotOptimize(txn.exec1("SELECT 1")[0].as<int>());
    txn.commit();
  }
}
BENCHMARK(BM_BareConnection);

void BM_PoolTransact(benchmark::State& state) {
  auto pool =
      compdata::db::ConnectionPool::Create(compdata::db::PoolOptions{Url(), 1});
  for (auto _ : state) {
    absl::Status s = (*pool)->Transact({}, [](pqxx::work& txn) {
      benchmark::DoNotOptimize(txn.exec1("SELECT 1")[0].as<int>());
      return absl::OkStatus();
    });
    if (!s.ok()) state.SkipWithError(std::string(s.message()).c_str());
  }
}
BENCHMARK(BM_PoolTransact);

}  // namespace

int main(int argc, char** argv) {
  if (Url() == nullptr) {
    std::fprintf(stderr,
                 "set COMPDATA_BENCH_DATABASE_URL (bench/run.sh does)\n");
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  compdata::bench::RatioReporter reporter(
      std::vector<std::pair<std::string, std::string>>{
          {"BM_PoolTransact", "BM_BareConnection"}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
