#include "bench/query/bench_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace compdata::bench {

bool ParseFlag(const char* arg, Options* o) {
  absl::string_view a = arg;
  auto value = [&](absl::string_view name, absl::string_view* out) {
    if (!absl::ConsumePrefix(&a, name)) return false;
    *out = a;
    return true;
  };
  absl::string_view v;
  if (value("--postings=", &v))
    return absl::SimpleAtoi(v, &o->postings) && o->postings >= 0;
  if (value("--reports=", &v))
    return absl::SimpleAtoi(v, &o->reports) && o->reports >= 0;
  if (value("--concurrency=", &v))
    return absl::SimpleAtoi(v, &o->concurrency) && o->concurrency > 0;
  if (value("--channels=", &v))
    return absl::SimpleAtoi(v, &o->channels) && o->channels > 0;
  if (value("--warmup=", &v)) return absl::ParseDuration(v, &o->warmup);
  if (value("--duration=", &v))
    return absl::ParseDuration(v, &o->duration) &&
           o->duration > absl::ZeroDuration();
  if (value("--rounds=", &v))
    return absl::SimpleAtoi(v, &o->rounds) && o->rounds > 0;
  if (value("--latency_duration=", &v))
    return absl::ParseDuration(v, &o->latency_duration) &&
           o->latency_duration > absl::ZeroDuration();
  if (value("--sql_reps=", &v))
    return absl::SimpleAtoi(v, &o->sql_reps) && o->sql_reps > 0;
  if (value("--sql_work_mem=", &v)) {
    o->sql_work_mem = std::string(v);
    return true;
  }
  if (value("--ready_timeout=", &v))
    return absl::ParseDuration(v, &o->ready_timeout);
  if (value("--server_arg=", &v)) {
    o->server_args.emplace_back(v);
    return true;
  }
  if (a == "--reuse_data") {
    o->reuse_data = true;
    return true;
  }
  return false;
}

}  // namespace compdata::bench
