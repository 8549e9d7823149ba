// GetSkillPremiums on a loaded database (default 1M postings + 1M reports),
// every call computed (the server runs with --response_cache_entries=0):
//   * latency p50/p99 one call at a time, for two roles unfiltered and one
//     narrowed to senior (a group small enough for the bootstrap interval).
//     Goal: p50 <= 20 ms for each.
//   * GetSalaryDistribution p50 one call at a time, alone and while another
//     client keeps GetSkillPremiums busy; the ratio is printed. Goal: <= 1.5
//     (a premiums computation must not hold up other calls).
//   * calls with a 2 ms deadline: how many end DEADLINE_EXCEEDED and how
//     long the server takes to answer them (it stops computing).
// Prints `ratio ...` and `GOAL ...` lines like query_bench; exits 0 unless
// the benchmark itself fails.
//
//   bench/query/premiums.sh [--postings=N --reports=N] [--reuse_data]
//   (the flags are query_bench's, bench_options.cc)

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "absl/time/clock.h"
#include "bench/query/bench_databases.h"
#include "bench/query/bench_options.h"
#include "bench/query/scenarios.h"
#include "bench/query/server_launcher.h"
#include "compdata/v1/compensation_service.grpc.pb.h"

namespace compdata::bench {
namespace {

using Stub = v1::CompensationService::Stub;

struct Timings {
  std::vector<double> ms;
  int failed = 0;
  double Percentile(double p) {
    if (ms.empty()) return NAN;
    std::sort(ms.begin(), ms.end());
    return ms[static_cast<size_t>((ms.size() - 1) * p / 100)];
  }
};

v1::GetSkillPremiumsRequest Premiums(const std::string& role, bool senior) {
  v1::GetSkillPremiumsRequest r;
  r.set_role(role);
  if (senior)
    r.mutable_filter()->add_seniority_levels(v1::SENIORITY_LEVEL_SENIOR);
  return r;
}

// One call; its latency in ms, or < 0 (code stored) when it failed.
double CallPremiums(Stub& stub, const v1::GetSkillPremiumsRequest& request,
                    absl::Duration deadline, grpc::StatusCode* code) {
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  v1::GetSkillPremiumsResponse response;
  const absl::Time start = absl::Now();
  const grpc::Status status = stub.GetSkillPremiums(&ctx, request, &response);
  *code = status.error_code();
  if (!status.ok()) return -1;
  return absl::ToDoubleMilliseconds(absl::Now() - start);
}

Timings TimePremiums(Stub& stub, const v1::GetSkillPremiumsRequest& request,
                     int calls) {
  Timings t;
  grpc::StatusCode code;
  for (int i = 0; i < calls + 3; ++i) {
    const double ms = CallPremiums(stub, request, absl::Seconds(10), &code);
    if (ms < 0) ++t.failed;
    if (ms >= 0 && i >= 3) t.ms.push_back(ms);  // 3 warm-up calls
  }
  return t;
}

Timings TimeDistribution(Stub& stub, absl::Duration duration) {
  Timings t;
  v1::GetSalaryDistributionRequest request;
  request.set_role(kRoleB);
  const absl::Time end = absl::Now() + duration;
  while (absl::Now() < end) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::GetSalaryDistributionResponse response;
    const absl::Time start = absl::Now();
    if (stub.GetSalaryDistribution(&ctx, request, &response).ok()) {
      t.ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    } else {
      ++t.failed;
    }
  }
  return t;
}

void Goal(const char* name, bool met) {
  std::printf("GOAL %-52s %s\n", name, met ? "MET" : "NOT MET");
}

int MeasureLatency(Stub& stub) {
  int failed = 0;
  bool met = true;
  for (const auto& [role, senior] :
       {std::pair{kRoleA, false}, {kRoleB, false}, {kRoleA, true}}) {
    Timings t = TimePremiums(stub, Premiums(role, senior), 30);
    failed += t.failed;
    const double p50 = t.Percentile(50);
    std::printf("GetSkillPremiums %-18s %-8s p50 %7.2f ms  p99 %7.2f ms\n",
                role, senior ? "senior" : "all", p50, t.Percentile(99));
    met = met && p50 <= 20;
  }
  Goal("GetSkillPremiums p50 <= 20 ms uncached", met && failed == 0);
  return failed;
}

int MeasureInterference(Stub& stub, const Options& o) {
  Timings alone = TimeDistribution(stub, o.latency_duration);
  std::atomic<bool> stop{false};
  std::atomic<int> premiums{0};
  std::thread busy([&] {
    grpc::StatusCode code;
    while (!stop.load()) {
      CallPremiums(stub, Premiums(kRoleA, false), absl::Seconds(10), &code);
      premiums.fetch_add(1);
    }
  });
  Timings during = TimeDistribution(stub, o.latency_duration);
  stop = true;
  busy.join();
  const double ratio = during.Percentile(50) / alone.Percentile(50);
  std::printf(
      "GetSalaryDistribution p50 alone %.3f ms, during %d premiums calls "
      "%.3f ms\nratio distribution_p50 during / alone = %.2f\n",
      alone.Percentile(50), premiums.load(), during.Percentile(50), ratio);
  Goal("distribution p50 during premiums <= 1.5 x alone", ratio <= 1.5);
  return alone.failed + during.failed;
}

void MeasureDeadline(Stub& stub) {
  int exceeded = 0;
  double longest = 0;
  for (int i = 0; i < 20; ++i) {
    grpc::StatusCode code;
    const absl::Time start = absl::Now();
    CallPremiums(stub, Premiums(kRoleA, true), absl::Milliseconds(2), &code);
    longest =
        std::max(longest, absl::ToDoubleMilliseconds(absl::Now() - start));
    if (code == grpc::StatusCode::DEADLINE_EXCEEDED) ++exceeded;
  }
  std::printf("2 ms deadline: %d of 20 DEADLINE_EXCEEDED, longest %.2f ms\n",
              exceeded, longest);
}

int Run(const Options& o, const std::string& base) {
  if (absl::Status s = PrepareDatabases(base, o); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::vector<std::string> args = o.server_args;
  args.push_back("--response_cache_entries=0");
  auto server = LaunchedServer::Launch(WithDatabase(base, kDataDb), args,
                                       kRoleA, o.ready_timeout);
  if (!server.ok()) {
    std::fprintf(stderr, "server: %s\n", server.status().ToString().c_str());
    return 1;
  }
  std::printf("premiums_bench: %lld postings + %lld reports, %u CPUs\n",
              static_cast<long long>(o.postings),
              static_cast<long long>(o.reports),
              std::thread::hardware_concurrency());
  auto stub = v1::CompensationService::NewStub(grpc::CreateChannel(
      (*server)->target(), grpc::InsecureChannelCredentials()));
  int failed = MeasureLatency(*stub);
  failed += MeasureInterference(*stub, o);
  MeasureDeadline(*stub);
  const int exit_code = (*server)->Stop(SIGTERM);
  if (failed > 0) std::fprintf(stderr, "%d calls failed\n", failed);
  return failed > 0 || exit_code != 0 ? 1 : 0;
}

}  // namespace
}  // namespace compdata::bench

int main(int argc, char** argv) {
  return compdata::bench::RunBenchmark(argc, argv, "bench/query/premiums.sh",
                                       compdata::bench::Run);
}
