#ifndef COMPDATA_TESTS_SUPPORT_METRICS_SCRAPE_H_
#define COMPDATA_TESTS_SUPPORT_METRICS_SCRAPE_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace compdata::testing {

// GET http://127.0.0.1:<port><path>: the body, or an error.
absl::StatusOr<std::string> HttpGet(int port, const std::string& path);

// The value of one series in Prometheus text exposition, looked up by the
// exact text before the value, e.g.
//   compdata_ingest_records_total{kind="role",outcome="updated"}
std::optional<double> SeriesValue(const std::string& exposition,
                                  const std::string& series);

// One scrape of http://127.0.0.1:<port>/metrics, one series of it; nullopt
// when the scrape fails or the series is absent.
std::optional<double> ScrapeSeries(int port, const std::string& series);

// Polls `check` until it holds or `timeout` passes; its last answer.
bool Eventually(const std::function<bool()>& check,
                absl::Duration timeout = absl::Seconds(20));

}  // namespace compdata::testing

#endif  // COMPDATA_TESTS_SUPPORT_METRICS_SCRAPE_H_
