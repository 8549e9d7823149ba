#include "server/metrics/process_metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace compdata::server::metrics {
namespace {

struct ProcStat {
  double cpu_seconds = 0;
  double start_seconds_after_boot = 0;
  double virtual_bytes = 0;
  double resident_bytes = 0;
  double threads = 0;
};

// /proc/self/stat: fields after the parenthesised command name, which may
// itself hold spaces. utime = 14, stime = 15, num_threads = 20,
// starttime = 22, vsize = 23, rss = 24 (proc(5), 1-based).
ProcStat ReadStat() {
  ProcStat stat;
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  const size_t close = line.rfind(')');
  if (close == std::string::npos) return stat;
  const std::vector<std::string> f =
      absl::StrSplit(line.substr(close + 2), ' ', absl::SkipEmpty());
  // f[0] is field 3 (state).
  auto field = [&](int n) {
    double v = 0;
    const size_t i = static_cast<size_t>(n - 3);
    if (i < f.size()) (void)absl::SimpleAtod(f[i], &v);
    return v;
  };
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  stat.cpu_seconds = (field(14) + field(15)) / ticks;
  stat.threads = field(20);
  stat.start_seconds_after_boot = field(22) / ticks;
  stat.virtual_bytes = field(23);
  stat.resident_bytes = field(24) * static_cast<double>(sysconf(_SC_PAGESIZE));
  return stat;
}

double BootTime() {
  std::ifstream in("/proc/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

double OpenFds() {
  double n = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (const dirent* e = readdir(dir)) {
      if (e->d_name[0] != '.') ++n;
    }
    closedir(dir);
    --n;  // the directory stream's own descriptor
  }
  return n;
}

void Gauge(Families* out, const char* name, const char* help, double value) {
  AddSample(AddFamily(out, name, help, prometheus::MetricType::Gauge), value);
}

}  // namespace

void CollectProcessMetrics(Families* out) {
  const ProcStat stat = ReadStat();
  AddSample(AddFamily(out, "process_cpu_seconds_total",
                      "Total user and system CPU time spent in seconds.",
                      prometheus::MetricType::Counter),
            stat.cpu_seconds);
  Gauge(out, "process_resident_memory_bytes", "Resident memory size in bytes.",
        stat.resident_bytes);
  Gauge(out, "process_virtual_memory_bytes", "Virtual memory size in bytes.",
        stat.virtual_bytes);
  Gauge(out, "process_open_fds", "Number of open file descriptors.", OpenFds());
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  Gauge(out, "process_max_fds", "Maximum number of open file descriptors.",
        static_cast<double>(limit.rlim_cur));
  static const double start = BootTime() + stat.start_seconds_after_boot;
  Gauge(out, "process_start_time_seconds",
        "Start time of the process since unix epoch in seconds.", start);
  Gauge(out, "process_threads", "Number of OS threads in the process.",
        stat.threads);
}

}  // namespace compdata::server::metrics
