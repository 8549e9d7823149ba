#include "server/serving_state.h"

#include "server/log.h"

namespace compdata::server {

void ServingState::Attach(grpc::HealthCheckServiceInterface* health) {
  std::lock_guard<std::mutex> lock(mu_);
  health_ = health;
  Publish();
}

void ServingState::SetDatabaseUp(bool up) {
  std::lock_guard<std::mutex> lock(mu_);
  const bool changed = !database_known_ || database_up_ != up;
  if (!changed) return;
  if (database_known_ || !up) {
    Log(up ? LogLevel::kInfo : LogLevel::kWarning,
        up ? "database regained" : "database lost");
  }
  database_known_ = true;
  database_up_ = up;
  Publish();
}

void ServingState::SetSchemaReady() {
  std::lock_guard<std::mutex> lock(mu_);
  schema_ready_ = true;
  Publish();
}

void ServingState::SetSnapshotLoaded() {
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_loaded_ = true;
  Publish();
}

void ServingState::Shutdown() {
  std::lock_guard<std::mutex> lock(mu_);
  shut_down_ = true;
  Publish();
}

void ServingState::Publish() {
  if (health_ == nullptr) return;
  const bool up = !shut_down_;
  health_->SetServingStatus("", up);
  health_->SetServingStatus(kReadService, up && snapshot_loaded_);
  health_->SetServingStatus(kIngestService,
                            up && schema_ready_ && database_up_);
}

}  // namespace compdata::server
