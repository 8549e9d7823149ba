#include "server/metrics/service_metrics.h"

#include "absl/strings/ascii.h"
#include "server/api/api_counters.h"

namespace compdata::server::metrics {
namespace {

using prometheus::MetricType;

double Seconds(absl::Time t) {
  return absl::ToDoubleSeconds(t - absl::UnixEpoch());
}

void CollectSnapshot(const SnapshotManager& snapshots, Families* out) {
  const SnapshotState s = snapshots.State();
  AddSample(AddFamily(out, "compdata_snapshot_loaded",
                      "1 once the first snapshot is loaded (reads are served).",
                      MetricType::Gauge),
            s.loaded ? 1 : 0);
  AddSample(
      AddFamily(out, "compdata_snapshot_load_failures_total",
                "Snapshot loads and applies that failed.", MetricType::Counter),
      static_cast<double>(s.failed_loads));
  auto& apply = AddFamily(out, "compdata_snapshot_apply_seconds",
                          "Time to build and publish a snapshot, by mode: "
                          "incremental (the changes since the last one) or "
                          "full (every record).",
                          MetricType::Histogram);
  AddHistogram(apply, snapshots.apply_seconds(false).Read(),
               {{"mode", "incremental"}});
  AddHistogram(apply, snapshots.apply_seconds(true).Read(), {{"mode", "full"}});
  if (!s.loaded) return;
  AddSample(
      AddFamily(out, "compdata_snapshot_version",
                "Data version the served snapshot holds.", MetricType::Gauge),
      static_cast<double>(s.version));
  AddSample(AddFamily(out, "compdata_snapshot_loaded_timestamp_seconds",
                      "When the served snapshot was published (unix time).",
                      MetricType::Gauge),
            Seconds(s.loaded_at));
  AddSample(AddFamily(out, "compdata_snapshot_age_seconds",
                      "Seconds since the served snapshot was published.",
                      MetricType::Gauge),
            absl::ToDoubleSeconds(absl::Now() - s.loaded_at));
  AddSample(AddFamily(out, "compdata_snapshot_staleness_seconds",
                      "How far behind the database the served snapshot may "
                      "be: 0 while it holds every committed change.",
                      MetricType::Gauge),
            absl::ToDoubleSeconds(s.staleness));
  auto& records =
      AddFamily(out, "compdata_snapshot_records",
                "Records in the served snapshot, by kind.", MetricType::Gauge);
  AddSample(records, static_cast<double>(s.postings), {{"kind", "posting"}});
  AddSample(records, static_cast<double>(s.reports),
            {{"kind", "salary_report"}});
  AddSample(AddFamily(out, "compdata_snapshot_parts",
                      "Record parts the served snapshot is made of.",
                      MetricType::Gauge),
            static_cast<double>(s.parts));
}

void CollectDatabase(const ServiceSources& in, Families* out) {
  AddSample(AddFamily(out, "compdata_database_up",
                      "1 while the database answers the change listener.",
                      MetricType::Gauge),
            in.serving->database_up() ? 1 : 0);
  const db::PoolStats p = in.pool->Stats();
  auto& conns =
      AddFamily(out, "compdata_db_pool_connections",
                "Open database connections, by state.", MetricType::Gauge);
  AddSample(conns, p.open - p.idle, {{"state", "in_use"}});
  AddSample(conns, p.idle, {{"state", "idle"}});
  AddSample(
      AddFamily(out, "compdata_db_pool_max_connections",
                "The pool's size limit (--db_pool_size).", MetricType::Gauge),
      p.max);
  AddHistogram(
      AddFamily(out, "compdata_db_pool_wait_seconds",
                "Time callers waited for a connection.", MetricType::Histogram),
      in.pool_wait->Read());
  auto& errors = AddFamily(out, "compdata_db_pool_errors_total",
                           "Pool failures, by reason.", MetricType::Counter);
  AddSample(errors, static_cast<double>(p.acquire_timeouts),
            {{"reason", "acquire_timeout"}});
  AddSample(errors, static_cast<double>(p.connect_failures),
            {{"reason", "connect_failed"}});
  AddSample(errors, static_cast<double>(p.connections_lost),
            {{"reason", "connection_lost"}});
}

// "REJECT_REASON_PAY_OUT_OF_RANGE" -> "pay_out_of_range".
std::string ReasonLabel(const std::string& enum_name, const char* prefix) {
  return absl::AsciiStrToLower(enum_name.substr(std::string(prefix).size()));
}

void CollectIngest(Families* out) {
  auto& records = AddFamily(
      out, "compdata_ingest_records_total",
      "Ingested records by kind and outcome (accepted = inserted, updated = "
      "replaced, rejected).",
      MetricType::Counter);
  auto& batches =
      AddFamily(out, "compdata_ingest_batches_total",
                "Acknowledged ingest batches, by kind.", MetricType::Counter);
  AddSample(AddFamily(out, "compdata_ingest_streams_open",
                      "Ingest streams in progress (capped by "
                      "--max_ingest_streams).",
                      MetricType::Gauge),
            static_cast<double>(api::Ingested().open_streams.load()));
  auto& rejected =
      AddFamily(out, "compdata_ingest_rejected_total",
                "Rejected records by kind and reason.", MetricType::Counter);
  for (int k = 0; k < api::kIngestKinds; ++k) {
    const api::IngestKindCounts& c = api::Ingested().kinds[k];
    const std::string kind = api::IngestKindName(k);
    AddSample(records, static_cast<double>(c.accepted.load()),
              {{"kind", kind}, {"outcome", "accepted"}});
    AddSample(records, static_cast<double>(c.updated.load()),
              {{"kind", kind}, {"outcome", "updated"}});
    AddSample(records, static_cast<double>(c.rejected.load()),
              {{"kind", kind}, {"outcome", "rejected"}});
    AddSample(batches, static_cast<double>(c.batches.load()), {{"kind", kind}});
    for (int r = 1; r < v1::RejectReason_ARRAYSIZE; ++r) {
      if (!v1::RejectReason_IsValid(r)) continue;
      AddSample(rejected, static_cast<double>(c.by_reason[r].load()),
                {{"kind", kind},
                 {"reason",
                  ReasonLabel(v1::RejectReason_Name(r), "REJECT_REASON_")}});
    }
  }
}

void CollectCachesAndWithheld(const ServiceSources& in, Families* out) {
  auto& requests = AddFamily(out, "compdata_cache_requests_total",
                             "Lookups in the response cache and the figure "
                             "memos, by cache and result.",
                             MetricType::Counter);
  auto& entries = AddFamily(out, "compdata_cache_entries",
                            "Entries held, by cache.", MetricType::Gauge);
  for (const auto& [name, stats] : in.caches()) {
    AddSample(requests, static_cast<double>(stats.hits),
              {{"cache", name}, {"result", "hit"}});
    AddSample(requests, static_cast<double>(stats.misses),
              {{"cache", name}, {"result", "miss"}});
    AddSample(entries, static_cast<double>(stats.entries), {{"cache", name}});
  }
  auto& withheld = AddFamily(
      out, "compdata_statistics_withheld_total",
      "Statistics withheld from computed answers, by reason (cached answers "
      "are not counted again).",
      MetricType::Counter);
  for (int r = 1; r < v1::SuppressionReason_ARRAYSIZE; ++r) {
    AddSample(
        withheld, static_cast<double>(api::Withheld().by_reason[r].load()),
        {{"reason",
          ReasonLabel(v1::SuppressionReason_Name(r), "SUPPRESSION_REASON_")}});
  }
}

}  // namespace

void AddServiceMetrics(ServiceSources sources, ScrapeCollector* collector) {
  collector->Add([sources](Families* out) {
    AddSample(
        AddFamily(out, "compdata_build_info",
                  "Always 1; the labels name the build.", MetricType::Gauge),
        1, {{"version", sources.version}});
    CollectSnapshot(*sources.snapshots, out);
    CollectDatabase(sources, out);
    CollectIngest(out);
    CollectCachesAndWithheld(sources, out);
  });
}

}  // namespace compdata::server::metrics
