// compdata-migrate: applies db/migrations to the database and reports what it
// did. Run by the deployment's migration job with a role allowed DDL, so the
// serving replicas need none.

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"
#include "server/settings.h"

namespace compdata::server {
namespace {

struct MigrateConfig {
  std::string database_url;
};

constexpr Setting<MigrateConfig> kMigrateSettings[] = {
    {"database_url", "PostgreSQL connection URI (required)",
     [](MigrateConfig& c, const std::string& v) {
       c.database_url = v;
       return absl::OkStatus();
     }},
};

int Migrate(const std::string& url) {
  auto report = db::ApplyMigrations(url, db::EmbeddedMigrations());
  if (!report.ok()) {
    std::cerr << "compdata-migrate: " << report.status() << "\n";
    return 1;
  }
  std::cout << "schema version " << report->current_version << "; applied ["
            << absl::StrJoin(report->applied, ", ") << "]";
  if (!report->unknown.empty()) {
    std::cout << "; unknown to this binary ["
              << absl::StrJoin(report->unknown, ", ") << "]";
  }
  std::cout << "\n";
  return 0;
}

}  // namespace
}  // namespace compdata::server

int main(int argc, char** argv) {
  using compdata::server::kMigrateSettings;
  using compdata::server::MigrateConfig;
  const std::vector<std::string> args(argv + 1, argv + argc);
  const std::string usage = compdata::server::Usage<MigrateConfig>(
      "compdata-migrate", kMigrateSettings);
  if (compdata::server::WantsHelp(args)) {
    std::cout << usage;
    return 0;
  }
  MigrateConfig config;
  absl::Status status = compdata::server::ApplySettings<MigrateConfig>(
      kMigrateSettings, args, compdata::server::ProcessEnv, &config);
  if (status.ok() && config.database_url.empty()) {
    status = compdata::InvalidField("--database_url",
                                    "required (or set COMPDATA_DATABASE_URL)");
  }
  if (!status.ok()) {
    std::cerr << "compdata-migrate: " << status.message() << " ("
              << compdata::FieldOf(status).value_or("") << ")\n"
              << usage;
    return 2;
  }
  return compdata::server::Migrate(config.database_url);
}
