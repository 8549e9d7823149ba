// What observing every call costs: the server interceptor behind the
// grpc_server_* metrics and the failed/slow call logs, plus the /metrics
// endpoint scraped every second as a fast Prometheus would.
//
//   bench/query/metrics.sh [--postings=N --reports=N --rounds=N ...]
//
// Two servers on the same loaded database: "on" (the defaults) and "off"
// (--observe_rpcs=false --metrics_address=, no interceptor, no endpoint).
// Each RPC is driven in slices alternating between them (--rounds pairs of
// --duration / 2 each); per pair, the throughput of "on" over "off". The
// cost per RPC is 1 - the median of those ratios; goal: under 2%, for the
// health check (the cheapest call, so the largest share) and for
// GetSalaryDistribution on requests no cache can answer (the case users
// live in).

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "bench/query/bench_databases.h"
#include "bench/query/bench_options.h"
#include "bench/query/load_generator.h"
#include "bench/query/scenarios.h"
#include "bench/query/server_launcher.h"
#include "tests/support/metrics_scrape.h"

namespace compdata::bench {
namespace {

struct Pair {
  std::vector<double> ratios;  // on / off, per round
  double on = 0;               // calls/s, summed over rounds
  double off = 0;
  int64_t failed = 0;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Scrapes the "on" server's /metrics every second while it lives.
class Scraper {
 public:
  explicit Scraper(int port)
      : thread_([this, port] {
          while (!stop_) {
            if (testing::HttpGet(port, "/metrics").ok()) ++scrapes_;
            for (int i = 0; i < 10 && !stop_; ++i) {
              std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
          }
        }) {}
  ~Scraper() {
    stop_ = true;
    thread_.join();
  }
  int scrapes() const { return scrapes_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> scrapes_{0};
  std::thread thread_;
};

Pair RunPairs(const Options& o, const Scenario& s, const std::string& on,
              const std::string& off) {
  LoadOptions load;
  load.concurrency = o.concurrency;
  load.warmup = absl::Milliseconds(300);
  load.duration = o.duration / 2;
  const auto on_channels = MakeChannels(on, o.channels);
  const auto off_channels = MakeChannels(off, o.channels);
  const RequestSource requests =
      s.distinct ? s.distinct : FixedRequest(s.request);
  Pair pair;
  for (int round = 0; round < o.rounds; ++round) {
    // Which goes first alternates too, so a drift favours neither.
    const bool on_first = round % 2 == 0;
    LoadResult a = RunClosedLoop(on_first ? on_channels : off_channels,
                                 s.method, requests, load);
    LoadResult b = RunClosedLoop(on_first ? off_channels : on_channels,
                                 s.method, requests, load);
    const LoadResult& r_on = on_first ? a : b;
    const LoadResult& r_off = on_first ? b : a;
    pair.ratios.push_back(r_on.throughput() / r_off.throughput());
    pair.on += r_on.throughput();
    pair.off += r_off.throughput();
    pair.failed += r_on.failed + r_off.failed;
  }
  return pair;
}

int Run(const Options& o, const std::string& base) {
  std::printf(
      "metrics_bench: %lld postings + %lld reports, %d rounds of "
      "%s per server, concurrency %d\n",
      static_cast<long long>(o.postings), static_cast<long long>(o.reports),
      o.rounds, absl::FormatDuration(o.duration / 2).c_str(), o.concurrency);
  if (absl::Status s = PrepareDatabases(base, o); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  const std::string url = WithDatabase(base, kDataDb);
  std::vector<std::string> off_args = o.server_args;
  off_args.push_back("--observe_rpcs=false");
  off_args.push_back("--metrics_address=");
  auto on = LaunchedServer::Launch(url, o.server_args, kRoleA, o.ready_timeout);
  auto off = LaunchedServer::Launch(url, off_args, kRoleA, o.ready_timeout);
  if (!on.ok() || !off.ok()) {
    std::fprintf(stderr, "server: %s %s\n", on.status().ToString().c_str(),
                 off.status().ToString().c_str());
    return 1;
  }
  Scraper scraper((*on)->metrics_port());
  bool failed = false;
  std::printf("%-34s %12s %12s %10s %10s\n", "rpc", "on calls/s", "off calls/s",
              "on/off", "cost");
  for (const Scenario& s : MakeScenarios()) {
    if (s.kind == Kind::kCompare) continue;
    if (s.kind == Kind::kDistribution && !s.distinct) continue;
    const Pair p = RunPairs(o, s, (*on)->target(), (*off)->target());
    const double ratio = Median(p.ratios);
    const double cost = 1 - ratio;
    std::printf("%-34s %12.0f %12.0f %10.3f %9.1f%% %s\n", s.name.c_str(),
                p.on / o.rounds, p.off / o.rounds, ratio, 100 * cost,
                cost < 0.02 ? "(goal < 2%: met)" : "(goal < 2%: NOT met)");
    if (p.failed > 0) {
      std::printf("  %lld calls failed\n", static_cast<long long>(p.failed));
      failed = true;
    }
  }
  std::printf("scrapes of the \"on\" server during the run: %d\n",
              scraper.scrapes());
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace compdata::bench

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::optional<compdata::bench::Options> options =
      compdata::bench::ParseOptions(argc, argv);
  if (!options) return 2;
  const char* base = std::getenv("COMPDATA_BENCH_DATABASE_URL");
  if (base == nullptr) {
    std::fprintf(stderr,
                 "set COMPDATA_BENCH_DATABASE_URL (bench/query/metrics.sh "
                 "does)\n");
    return 2;
  }
  return compdata::bench::Run(*options, base);
}
