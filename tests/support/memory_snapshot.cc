#include "tests/support/memory_snapshot.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/engine/snapshot_builder.h"

namespace compdata::testing {
namespace {

constexpr int64_t kDay = 86'400'000'000;  // microseconds

}  // namespace

absl::Time MemoryNow() { return absl::FromUnixSeconds(1'768'435'200); }

std::shared_ptr<const engine::Snapshot> MakeMemorySnapshot() {
  engine::SnapshotBuilder b;
  const char* slugs[] = {"ai-engineer", "software-engineer", "ml-engineer",
                         "data-scientist"};
  const char* families[] = {"ai", "software", "ai", "data"};
  for (int r = 0; r < 4; ++r) {
    engine::Role role;
    role.slug = slugs[r];
    role.title = absl::StrCat("Title ", r);
    role.family = families[r];
    role.aliases = {absl::StrCat("alias ", r)};
    b.AddRole(r + 1, std::move(role));
    for (int level = 1; level <= 3; ++level) {
      b.AddLevel(r + 1, engine::LevelEntry{level, level + 1,
                                           absl::StrCat("Level ", level), ""});
    }
  }
  b.AddTransition(1, 2, "lateral", 0.5);
  b.AddTransition(2, 1, "switch", 0.3);
  b.AddTransition(3, 1, "advancement", 0.2);
  for (int k = 0; k < 12; ++k) {
    b.AddSkill(engine::SkillEntry{k + 1,
                                  absl::StrCat("skill-", k),
                                  absl::StrCat("Skill ", k),
                                  k % 2 == 0 ? "language" : "tool",
                                  "",
                                  {absl::StrCat("s", k)}});
  }
  b.AddMetro(1, "San Francisco", "san-francisco", {"SF"});
  b.AddMetro(2, "New York", "new-york", {});
  b.AddMetro(3, "Berlin", "berlin", {});

  const std::vector<std::string> companies = {"Acme", "Globex", "Initech",
                                              "Umbrella"};
  const int64_t now = absl::ToUnixMicros(MemoryNow());
  std::mt19937 rng(11);
  for (int i = 0; i < 400; ++i) {
    engine::SnapshotBuilder::Posting p;
    p.role_id = 1 + static_cast<int>(rng() % 4);
    p.metro_id = static_cast<int>(rng() % 4);
    p.company = companies[rng() % companies.size()];
    p.seniority = static_cast<int>(rng() % 6);
    p.remote = rng() % 3 == 0;
    p.currency = i % 7 == 0 ? "" : (i % 5 == 0 ? "EUR" : "USD");
    p.pay = 40000 + static_cast<double>(rng() % 3000) * 91.25;
    p.posted_at = now - static_cast<int64_t>(rng() % 730) * kDay;
    p.expires_at = i % 4 == 0 ? p.posted_at + 30 * kDay : engine::kNoExpiry;
    b.AddPosting(i + 1, p);
    for (int k = 0; k < static_cast<int>(rng() % 5); ++k) {
      b.AddPostingSkill(i + 1, 1 + static_cast<int>(rng() % 12));
    }
  }
  // Role 4 has only three self-reported salaries: below the floor of 5.
  for (int i = 0; i < 200; ++i) {
    engine::SnapshotBuilder::Report r;
    r.role_id = i < 3 ? 4 : 1 + static_cast<int>(rng() % 3);
    r.metro_id = static_cast<int>(rng() % 4);
    r.company = companies[rng() % companies.size()];
    r.seniority = static_cast<int>(rng() % 6);
    r.remote = rng() % 2 == 0;
    r.currency = i % 6 == 0 ? "EUR" : "USD";
    r.base = 50000 + static_cast<double>(rng() % 2000) * 75.5;
    r.bonus = static_cast<double>(rng() % 100) * 100;
    r.equity = static_cast<double>(rng() % 50) * 250;
    r.reported_at = now - static_cast<int64_t>(rng() % 730) * kDay;
    b.AddReport(i + 1, r);
  }
  return b.Build(engine::DataVersion{1, MemoryNow()});
}

}  // namespace compdata::testing
