#ifndef COMPDATA_SERVER_SERVING_STATE_H_
#define COMPDATA_SERVER_SERVING_STATE_H_

#include <grpcpp/health_check_service_interface.h>

#include <atomic>
#include <mutex>

namespace compdata::server {

inline constexpr char kReadService[] = "compdata.v1.CompensationService";
inline constexpr char kIngestService[] = "compdata.v1.IngestService";

// What grpc.health.v1 answers, per service:
//   ""                                SERVING while the process serves (the
//                                     liveness probe: never flaps with the
//                                     database)
//   compdata.v1.CompensationService   SERVING once the first snapshot is
//                                     loaded; reads then answer from memory
//                                     whether or not the database is up
//   compdata.v1.IngestService         SERVING while the schema is ready and
//                                     the database reachable
// and, from Shutdown() on, NOT_SERVING for all. Logs the database's losses
// and returns.
class ServingState {
 public:
  // Before Attach, changes are only remembered.
  void Attach(grpc::HealthCheckServiceInterface* health);
  void SetDatabaseUp(bool up);
  void SetSchemaReady();
  void SetSnapshotLoaded();
  void Shutdown();

  bool database_up() const { return database_up_.load(); }
  // The ingest service's gate: false until SetSchemaReady.
  const std::atomic<bool>* schema_ready() const { return &schema_ready_; }

 private:
  void Publish();

  std::mutex mu_;
  grpc::HealthCheckServiceInterface* health_ = nullptr;
  std::atomic<bool> database_up_{false};
  bool database_known_ = false;
  std::atomic<bool> schema_ready_{false};
  bool snapshot_loaded_ = false;
  bool shut_down_ = false;
};

}  // namespace compdata::server

#endif  // COMPDATA_SERVER_SERVING_STATE_H_
