#include "bench/ratio_reporter.h"

#include <cstdio>

namespace compdata::bench {

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  for (const Run& run : runs) {
    if (run.run_type == Run::RT_Iteration && run.iterations > 0) {
      real_ns_[run.benchmark_name()] =
          run.GetAdjustedRealTime() *
          (run.time_unit == benchmark::kMicrosecond   ? 1e3
           : run.time_unit == benchmark::kMillisecond ? 1e6
                                                      : 1.0);
    }
  }
  ConsoleReporter::ReportRuns(runs);
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  for (const auto& [candidate, baseline] : pairs_) {
    auto c = real_ns_.find(candidate);
    auto b = real_ns_.find(baseline);
    if (c == real_ns_.end() || b == real_ns_.end()) continue;
    std::printf("ratio %s / %s = %.3f\n", candidate.c_str(), baseline.c_str(),
                c->second / b->second);
  }
}

}  // namespace compdata::bench
