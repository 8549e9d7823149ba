#ifndef COMPDATA_BENCH_RATIO_REPORTER_H_
#define COMPDATA_BENCH_RATIO_REPORTER_H_

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace compdata::bench {

// Console output as usual, then one line per (candidate, baseline) pair:
// the candidate's time per iteration divided by the baseline's, both measured
// in this run, so the figure does not depend on how fast the machine is.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  explicit RatioReporter(std::vector<std::pair<std::string, std::string>> pairs)
      : pairs_(std::move(pairs)) {}

  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::map<std::string, double> real_ns_;
};

}  // namespace compdata::bench

#endif  // COMPDATA_BENCH_RATIO_REPORTER_H_
