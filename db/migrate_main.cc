// compdata-migrate: applies db/migrations to COMPDATA_DATABASE_URL (or the
// URL given as the only argument) and reports what it did.

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_join.h"
#include "db/embedded_migrations.h"
#include "db/migrator.h"

int main(int argc, char** argv) {
  std::string url;
  if (argc == 2) {
    url = argv[1];
  } else if (const char* env = std::getenv("COMPDATA_DATABASE_URL")) {
    url = env;
  }
  if (argc > 2 || url.empty()) {
    std::cerr << "usage: compdata-migrate [DATABASE_URL]\n"
                 "  (or set COMPDATA_DATABASE_URL)\n";
    return 2;
  }
  auto report =
      compdata::db::ApplyMigrations(url, compdata::db::EmbeddedMigrations());
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
