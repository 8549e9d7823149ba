#include "bench/query/batch_vs_unary.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "compdata/v1/compensation_service.grpc.pb.h"

namespace compdata::bench {
namespace {

// Far from query_bench's own call numbers: the batch's requests never
// repeat one of theirs.
std::atomic<uint64_t> next_item{uint64_t{1} << 40};

struct BatchSlice {
  int64_t items = 0;  // answered inside the window
  int64_t failed = 0;
  double seconds = 0;
};

// One stream's loop: BatchRead calls of `items` distinct requests, one after
// another, until `end`; answers count from `start` on.
void StreamLoop(const std::shared_ptr<grpc::Channel>& channel,
                const RequestSource& distinct, int items, absl::Time start,
                absl::Time end, std::atomic<int64_t>* answered,
                std::atomic<int64_t>* failed) {
  auto stub = v1::CompensationService::NewStub(channel);
  while (absl::Now() < end) {
    v1::BatchReadRequest request;
    for (int i = 0; i < items; ++i) {
      request.add_items()->mutable_salary_distribution()->ParseFromString(
          distinct(next_item.fetch_add(1)));
    }
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    auto reader = stub->BatchRead(&ctx, request);
    v1::BatchReadResponse answer;
    while (reader->Read(&answer)) {
      const absl::Time now = absl::Now();
      if (answer.has_error()) failed->fetch_add(1);
      if (now >= start && now < end && !answer.has_error()) {
        answered->fetch_add(1);
      }
    }
    if (!reader->Finish().ok()) failed->fetch_add(1);
  }
}

BatchSlice RunBatchSlice(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const RequestSource& distinct, const Options& o, absl::Duration warmup,
    absl::Duration duration) {
  const absl::Time start = absl::Now() + warmup;
  const absl::Time end = start + duration;
  std::atomic<int64_t> answered{0}, failed{0};
  std::vector<std::thread> streams;
  for (int s = 0; s < o.batch_streams; ++s) {
    streams.emplace_back(StreamLoop, channels[s % channels.size()],
                         std::cref(distinct), o.batch_items, start, end,
                         &answered, &failed);
  }
  for (std::thread& t : streams) t.join();
  return {answered.load(), failed.load(), absl::ToDoubleSeconds(duration)};
}

}  // namespace

BatchVsUnary MeasureBatchVsUnary(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const RequestSource& distinct, const Options& o) {
  BatchVsUnary out;
  LoadOptions slice;
  slice.concurrency = o.concurrency;
  slice.warmup = o.warmup / o.rounds;
  slice.duration = o.duration / o.rounds;
  const std::string method =
      absl::StrCat("/", v1::CompensationService::service_full_name(),
                   "/GetSalaryDistribution");
  double batch_seconds = 0;
  for (int r = 0; r < o.rounds; ++r) {
    LoadResult unary = RunClosedLoop(channels, method, distinct, slice);
    const BatchSlice batch =
        RunBatchSlice(channels, distinct, o, slice.warmup, slice.duration);
    out.round_ratios.push_back(
        unary.ok > 0 ? (batch.items / batch.seconds) / unary.throughput() : 0);
    out.unary.ok += unary.ok;
    out.unary.failed += unary.failed;
    out.unary.window_seconds += unary.window_seconds;
    out.batch_items += batch.items;
    out.batch_failed += batch.failed;
    batch_seconds += batch.seconds;
  }
  out.batch_items_per_second =
      batch_seconds > 0 ? out.batch_items / batch_seconds : 0;
  return out;
}

void PrintBatchVsUnary(const BatchVsUnary& r, const Options& o) {
  if (r.round_ratios.empty()) return;
  std::printf(
      "batch vs unary     GetSalaryDistribution, distinct requests: unary "
      "%.0f items/s (%d outstanding, %lld failed); BatchRead of %d items "
      "%.0f items/s (%d streams, %lld failed)\n",
      r.unary.throughput(), o.concurrency,
      static_cast<long long>(r.unary.failed), o.batch_items,
      r.batch_items_per_second, o.batch_streams,
      static_cast<long long>(r.batch_failed));
  std::printf(
      "ratio batch / unary items per second = %.4g (median of %zu paired "
      "rounds, %.3g to %.3g; pooled %.4g)\n",
      MedianRatio(r.round_ratios), r.round_ratios.size(),
      *std::min_element(r.round_ratios.begin(), r.round_ratios.end()),
      *std::max_element(r.round_ratios.begin(), r.round_ratios.end()),
      r.unary.throughput() > 0 ? r.batch_items_per_second / r.unary.throughput()
                               : 0);
}

}  // namespace compdata::bench
