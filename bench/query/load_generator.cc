#include "bench/query/load_generator.h"

#include <grpcpp/generic/generic_stub.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <future>
#include <mutex>

#include "absl/strings/str_cat.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<uint64_t> next_call_number{0};

grpc::ByteBuffer ToBuffer(const std::string& bytes) {
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

class ClosedLoop {
 public:
  ClosedLoop(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
             std::string method, const RequestSource& requests,
             const LoadOptions& options)
      : method_(std::move(method)), requests_(requests), options_(options) {
    for (const auto& channel : channels) {
      stubs_.push_back(std::make_unique<grpc::GenericStub>(channel));
    }
    slots_.resize(options.concurrency);
    for (int i = 0; i < options.concurrency; ++i) {
      slots_[i].stub = stubs_[i % stubs_.size()].get();
    }
  }

  LoadResult Run() {
    const auto start = Clock::now();
    window_start_ = start + absl::ToChronoNanoseconds(options_.warmup);
    window_end_ = window_start_ + absl::ToChronoNanoseconds(options_.duration);
    active_ = static_cast<int>(slots_.size());
    for (Slot& slot : slots_) Issue(&slot);
    {
      std::unique_lock<std::mutex> lock(mu_);
      done_.wait(lock, [this] { return active_ == 0; });
    }
    LoadResult result;
    result.window_seconds =
        std::chrono::duration<double>(window_end_ - window_start_).count();
    for (Slot& slot : slots_) {
      result.ok += static_cast<int64_t>(slot.latency_ns.size());
      result.failed += slot.failed;
      for (const auto& [code, n] : slot.failures_by_code) {
        result.failures_by_code[code] += n;
      }
      if (result.first_failure.empty())
        result.first_failure = slot.first_failure;
      if (slot.response_bytes > 0) result.response_bytes = slot.response_bytes;
      result.latency_ns.insert(result.latency_ns.end(), slot.latency_ns.begin(),
                               slot.latency_ns.end());
    }
    std::sort(result.latency_ns.begin(), result.latency_ns.end());
    return result;
  }

 private:
  // One outstanding call at a time, so a slot's fields are touched by one
  // completion after another, never concurrently.
  struct Slot {
    grpc::GenericStub* stub = nullptr;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
    std::unique_ptr<grpc::ClientContext> ctx;
    Clock::time_point started;
    std::vector<int64_t> latency_ns;
    int64_t failed = 0;
    std::map<int, int64_t> failures_by_code;
    std::string first_failure;
    int64_t response_bytes = 0;
  };

  void Issue(Slot* slot) {
    slot->ctx = std::make_unique<grpc::ClientContext>();
    slot->ctx->set_deadline(std::chrono::system_clock::now() +
                            absl::ToChronoNanoseconds(options_.call_timeout));
    slot->request = ToBuffer(requests_(next_call_number++));
    slot->response.Clear();
    slot->started = Clock::now();
    slot->stub->UnaryCall(slot->ctx.get(), method_, grpc::StubOptions(),
                          &slot->request, &slot->response,
                          [this, slot](grpc::Status s) { Done(slot, s); });
  }

  void Done(Slot* slot, const grpc::Status& status) {
    const auto now = Clock::now();
    if (now >= window_start_ && now <= window_end_) {
      if (status.ok()) {
        slot->latency_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(now -
                                                                 slot->started)
                .count());
        slot->response_bytes = static_cast<int64_t>(slot->response.Length());
      } else {
        ++slot->failed;
        ++slot->failures_by_code[status.error_code()];
        if (slot->first_failure.empty()) {
          slot->first_failure =
              absl::StrCat(StatusCodeName(status.error_code()), ": ",
                           status.error_message());
        }
      }
    }
    if (now < window_end_) {
      Issue(slot);
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (--active_ == 0) done_.notify_all();
  }

  const std::string method_;
  const RequestSource& requests_;
  const LoadOptions options_;
  std::vector<std::unique_ptr<grpc::GenericStub>> stubs_;
  std::vector<Slot> slots_;
  Clock::time_point window_start_, window_end_;
  std::mutex mu_;
  std::condition_variable done_;
  int active_ = 0;
};

}  // namespace

double LoadResult::LatencyMs(double p) const {
  if (latency_ns.empty()) return NAN;
  const double h = (latency_ns.size() - 1) * p / 100;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = static_cast<size_t>(std::ceil(h));
  const double v =
      latency_ns[lo] +
      (h - lo) * static_cast<double>(latency_ns[hi] - latency_ns[lo]);
  return v / 1e6;
}

std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(
    const std::string& target, int channels) {
  std::vector<std::shared_ptr<grpc::Channel>> out;
  for (int i = 0; i < channels; ++i) {
    grpc::ChannelArguments args;
    // Distinct arguments and a local subchannel pool: one TCP connection per
    // channel instead of one shared by all.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("compdata.query_bench.channel", i);
    out.push_back(grpc::CreateCustomChannel(
        target, grpc::InsecureChannelCredentials(), args));
  }
  return out;
}

RequestSource FixedRequest(std::string bytes) {
  return [bytes = std::move(bytes)](uint64_t) { return bytes; };
}

LoadResult RunClosedLoop(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& method, const RequestSource& requests,
    const LoadOptions& options) {
  ClosedLoop loop(channels, method, requests, options);
  return loop.Run();
}

namespace {

void Accumulate(LoadResult part, LoadResult* into) {
  into->ok += part.ok;
  into->failed += part.failed;
  for (const auto& [code, n] : part.failures_by_code) {
    into->failures_by_code[code] += n;
  }
  if (into->first_failure.empty()) into->first_failure = part.first_failure;
  into->window_seconds += part.window_seconds;
  if (part.ok > 0) into->response_bytes = part.response_bytes;
  const size_t middle = into->latency_ns.size();
  into->latency_ns.insert(into->latency_ns.end(), part.latency_ns.begin(),
                          part.latency_ns.end());
  std::inplace_merge(into->latency_ns.begin(),
                     into->latency_ns.begin() + middle, into->latency_ns.end());
}

}  // namespace

PairedResult RunPaired(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels,
    const std::string& baseline_method, const RequestSource& baseline_requests,
    const std::string& method, const RequestSource& requests,
    const LoadOptions& options, int rounds) {
  LoadOptions slice = options;
  slice.duration = options.duration / rounds;
  PairedResult out;
  for (int r = 0; r < rounds; ++r) {
    LoadResult base =
        RunClosedLoop(channels, baseline_method, baseline_requests, slice);
    LoadResult measured = RunClosedLoop(channels, method, requests, slice);
    out.round_ratios.push_back(base.ok > 0 && measured.ok > 0
                                   ? measured.throughput() / base.throughput()
                                   : 0);
    Accumulate(std::move(base), &out.baseline);
    Accumulate(std::move(measured), &out.measured);
  }
  return out;
}

double MedianRatio(std::vector<double> round_ratios) {
  if (round_ratios.empty()) return 0;
  std::sort(round_ratios.begin(), round_ratios.end());
  const size_t n = round_ratios.size();
  return n % 2 == 1 ? round_ratios[n / 2]
                    : (round_ratios[n / 2 - 1] + round_ratios[n / 2]) / 2;
}

grpc::Status CallOnce(const std::shared_ptr<grpc::Channel>& channel,
                      const std::string& method,
                      const std::string& request_bytes, std::string* response,
                      absl::Duration timeout) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() +
                   absl::ToChronoNanoseconds(timeout));
  const grpc::ByteBuffer request = ToBuffer(request_bytes);
  grpc::ByteBuffer reply;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, method, grpc::StubOptions(), &request, &reply,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  grpc::Status status = done.get_future().get();
  response->clear();
  std::vector<grpc::Slice> slices;
  if (status.ok() && reply.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      response->append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return status;
}

std::string StatusCodeName(int code) {
  static const char* kNames[] = {"OK",
                                 "CANCELLED",
                                 "UNKNOWN",
                                 "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED",
                                 "NOT_FOUND",
                                 "ALREADY_EXISTS",
                                 "PERMISSION_DENIED",
                                 "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION",
                                 "ABORTED",
                                 "OUT_OF_RANGE",
                                 "UNIMPLEMENTED",
                                 "INTERNAL",
                                 "UNAVAILABLE",
                                 "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  if (code >= 0 && code < 17) return kNames[code];
  return absl::StrCat("CODE_", code);
}

}  // namespace compdata::bench
