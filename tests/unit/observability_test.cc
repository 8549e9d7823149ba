// The pieces of observability that need no server: log lines, their rate
// limit, secret redaction, the lock-free histogram and the grpc_server_*
// families.

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "server/log.h"
#include "server/metrics/histogram.h"
#include "server/metrics/rpc_metrics.h"
#include "server/redact.h"

namespace compdata::server {
namespace {

TEST(LogTest, OneJsonObjectPerLineWithEscapedValues) {
  const std::string line = FormatLogLine(
      absl::FromUnixSeconds(0), LogLevel::kWarning, "quote \" and\nnewline",
      {{"count", int64_t{3}},
       {"ok", true},
       {"empty", ""},
       {"text", "tab\there \x01"}});
  EXPECT_EQ(line, R"({"ts":"1970-01-01T00:00:00.000Z","level":"warning",)"
                  R"("msg":"quote \" and\nnewline","count":3,"ok":true,)"
                  R"("text":"tab\there \u0001"})");
}

TEST(LogTest, LevelsParseAndFilter) {
  EXPECT_EQ(*ParseLogLevel("WARN"), LogLevel::kWarning);
  EXPECT_FALSE(ParseLogLevel("loud").ok());
  SetLogLevel(LogLevel::kError);
  EXPECT_FALSE(LogEnabled(LogLevel::kWarning));
  EXPECT_TRUE(LogEnabled(LogLevel::kError));
  SetLogLevel(LogLevel::kInfo);
  EXPECT_TRUE(LogEnabled(LogLevel::kInfo));
  EXPECT_FALSE(LogEnabled(LogLevel::kDebug));
}

TEST(LogRateLimiterTest, HoldsBackRepeatsAndCountsThem) {
  LogRateLimiter limiter(2, absl::Minutes(1));
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  int64_t suppressed = -1;
  EXPECT_TRUE(limiter.Allow("a", t0, &suppressed));
  EXPECT_EQ(suppressed, 0);
  EXPECT_TRUE(limiter.Allow("a", t0, &suppressed));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.Allow("a", t0, &suppressed));
  EXPECT_TRUE(limiter.Allow("b", t0, &suppressed)) << "keys are apart";
  EXPECT_EQ(suppressed, 0);
  EXPECT_TRUE(limiter.Allow("a", t0 + absl::Minutes(1), &suppressed));
  EXPECT_EQ(suppressed, 5);
}

TEST(RedactTest, PasswordsNeverReachTheLog) {
  EXPECT_EQ(RedactDatabaseUrl("postgresql://app:s3cr%40t@db:5432/compdata"),
            "postgresql://app:***@db:5432/compdata");
  EXPECT_EQ(RedactDatabaseUrl("postgres://db/x?user=a&password=hunter2&x=1"),
            "postgres://db/x?user=a&password=***&x=1");
  EXPECT_EQ(RedactDatabaseUrl("host=db password='a b' dbname=x"),
            "host=db password=*** dbname=x");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://postgres@127.0.0.1:5/db"),
            "postgresql://postgres@127.0.0.1:5/db");
}

TEST(LatencyHistogramTest, CumulativeBucketsAndExactSum) {
  metrics::LatencyHistogram h({0.001, 0.01});
  h.Observe(absl::Microseconds(500));
  h.Observe(absl::Milliseconds(1));  // on the bound: le="0.001"
  h.Observe(absl::Milliseconds(5));
  h.Observe(absl::Seconds(2));
  const auto read = h.Read();
  ASSERT_EQ(read.bucket.size(), 3u);
  EXPECT_EQ(read.bucket[0].cumulative_count, 2u);
  EXPECT_EQ(read.bucket[1].cumulative_count, 3u);
  EXPECT_EQ(read.bucket[2].cumulative_count, 4u);
  EXPECT_TRUE(std::isinf(read.bucket[2].upper_bound));
  EXPECT_EQ(read.sample_count, 4u);
  EXPECT_DOUBLE_EQ(read.sample_sum, 2.0065);
}

TEST(RpcMetricsTest, EveryMethodAndCodeHasASeriesFromTheStart) {
  const auto methods =
      metrics::ServedMethods({"compdata.v1.CompensationService",
                              "compdata.v1.IngestService", "no.such.Service"});
  metrics::RpcMetrics rpc(methods);
  ASSERT_NE(rpc.Find("/compdata.v1.IngestService/IngestPostings"), nullptr);
  EXPECT_EQ(rpc.Find("/compdata.v1.IngestService/IngestPostings")->spec.type,
            "bidi_stream");
  EXPECT_EQ(rpc.Find("/nope/Nope"), nullptr);
  rpc.Find("/compdata.v1.CompensationService/GetRole")
      ->handled[static_cast<int>(grpc::StatusCode::NOT_FOUND)]++;
  metrics::Families families;
  rpc.Collect(&families);
  size_t handled_series = 0;
  bool found = false;
  for (const auto& family : families) {
    if (family.name != "grpc_server_handled_total") continue;
    handled_series = family.metric.size();
    for (const auto& m : family.metric) {
      if (m.label[2].value == "GetRole" && m.label[3].value == "NotFound") {
        found = m.counter.value == 1;
      }
    }
  }
  EXPECT_EQ(handled_series, methods.size() * metrics::kGrpcCodes);
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace compdata::server
