#include "bench/query/freshness_probe.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "bench/query/server_launcher.h"

namespace compdata::bench {

double CpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  // Fields after the command name (which may hold spaces) start at ") ".
  std::istringstream fields(line.substr(line.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

FreshnessProbe::FreshnessProbe(std::string database_url, const Client* client,
                               pid_t pid, absl::Duration interval)
    : url_(std::move(database_url)),
      client_(client),
      pid_(pid),
      interval_(interval) {}

FreshnessProbe::~FreshnessProbe() { Stop(); }

void FreshnessProbe::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void FreshnessProbe::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void FreshnessProbe::Loop() {
  pqxx::connection conn(url_);
  v1::ListRolesRequest list;
  list.set_page_size(1);
  while (!stop_) {
    const absl::Time t = absl::Now();
    int64_t committed = 0;
    {
      pqxx::nontransaction txn(conn);
      committed = txn.exec1("SELECT version FROM data_state")[0].as<int64_t>();
    }
    if (first_version_ < 0) first_version_ = committed;
    committed_.try_emplace(committed, t);
    const absl::Time t2 = absl::Now();
    auto served = client_->ListRoles(list);
    int64_t version = 0;
    if (served.ok() &&
        absl::SimpleAtoi(served->metadata().data_version().substr(1),
                         &version)) {
      served_.try_emplace(version, t2);
    }
    if (auto m = ReadProcessMemory(pid_); m.ok()) {
      peak_rss_ = std::max(peak_rss_, m->rss_bytes);
    }
    ++samples_;
    absl::SleepFor(interval_ - (absl::Now() - t));
  }
}

std::vector<double> FreshnessProbe::Lags() const {
  std::vector<double> lags;
  for (const auto& [version, committed_at] : committed_) {
    if (version <= first_version_) continue;
    auto served = served_.lower_bound(version);
    if (served == served_.end()) continue;  // not served before Stop
    lags.push_back(absl::ToDoubleSeconds(
        std::max(absl::ZeroDuration(), served->second - committed_at)));
  }
  return lags;
}

}  // namespace compdata::bench
