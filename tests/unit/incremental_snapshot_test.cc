// A snapshot brought forward change by change (SnapshotBuilder from the
// previous version) answers exactly as one built from scratch from the same
// records, after every step of a random sequence of inserts, updates (same
// id, new pay, role, metro, currency, skills) and deletes.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "core/engine/snapshot_builder.h"
#include "tests/support/snapshot_figures.h"

namespace compdata::engine {
namespace {

constexpr int64_t kDay = 86'400'000'000;  // microseconds
constexpr int kRoles = 3;
constexpr int kSkills = 6;

struct PostingRow {
  SnapshotBuilder::Posting p;
  std::string company, currency;
  std::vector<int64_t> skills;
};
struct ReportRow {
  SnapshotBuilder::Report r;
  std::string company, currency;
};

class World {
 public:
  explicit World(uint32_t seed) : rng_(seed) {}

  void AddReference(SnapshotBuilder& b) const {
    for (int r = 1; r <= kRoles; ++r) {
      Role role;
      role.id = r;
      role.slug = "role-" + std::to_string(r);
      role.title = "Role " + std::to_string(r);
      b.AddRole(r, role);
    }
    for (int k = 1; k <= kSkills; ++k) {
      b.AddSkill(SkillEntry{k, "skill-" + std::to_string(k), "S", "", "", {}});
    }
    b.AddMetro(1, "San Francisco", "san-francisco", {});
    b.AddMetro(2, "Berlin", "berlin", {});
  }

  // A random posting or report, new or replacing one with the same id.
  PostingRow NewPosting() {
    PostingRow x;
    x.p.role_id = 1 + Pick(kRoles);
    x.p.metro_id = Pick(3);
    x.company = kCompanies[Pick(4)];
    x.p.seniority = Pick(6);
    x.p.remote = Pick(3) == 0;
    x.currency = Pick(8) == 0 ? "" : (Pick(4) == 0 ? "EUR" : "USD");
    x.p.pay = 40000 + Pick(3000) * 37.5;
    x.p.posted_at = Pick(400) * kDay;
    x.p.expires_at = Pick(3) == 0 ? x.p.posted_at + 40 * kDay : kNoExpiry;
    for (int k = 1; k <= kSkills; ++k) {
      if (Pick(3) == 0) x.skills.push_back(k);
    }
    return x;
  }
  ReportRow NewReport() {
    ReportRow x;
    x.r.role_id = 1 + Pick(kRoles);
    x.r.metro_id = Pick(3);
    x.company = kCompanies[Pick(4)];
    x.r.seniority = Pick(6);
    x.r.remote = Pick(2) == 0;
    x.currency = Pick(5) == 0 ? "GBP" : "USD";
    x.r.base = 50000 + Pick(2000) * 75.25;
    x.r.bonus = Pick(100) * 100;
    x.r.equity = Pick(50) * 250.5;
    x.r.reported_at = Pick(400) * kDay;
    return x;
  }
  int Pick(int n) { return static_cast<int>(rng_() % n); }

  static void Add(SnapshotBuilder& b, int64_t id, PostingRow& x) {
    x.p.company = x.company;
    x.p.currency = x.currency;
    b.AddPosting(id, x.p);
    for (int64_t skill : x.skills) b.AddPostingSkill(id, skill);
  }
  static void Add(SnapshotBuilder& b, int64_t id, ReportRow& x) {
    x.r.company = x.company;
    x.r.currency = x.currency;
    b.AddReport(id, x.r);
  }

  std::map<int64_t, PostingRow> postings;
  std::map<int64_t, ReportRow> reports;

 private:
  static constexpr const char* kCompanies[] = {"Acme", "ACME", "Globex",
                                               "Initech"};
  std::mt19937 rng_;
};

std::shared_ptr<const Snapshot> FromScratch(World& w, int64_t version) {
  SnapshotBuilder b;
  w.AddReference(b);
  for (auto& [id, x] : w.postings) World::Add(b, id, x);
  for (auto& [id, x] : w.reports) World::Add(b, id, x);
  return b.Build(DataVersion{version, absl::UnixEpoch()});
}

void ExpectSameAnswers(const Snapshot& incremental, const Snapshot& scratch) {
  EXPECT_EQ(incremental.posting_count(), scratch.posting_count());
  EXPECT_EQ(incremental.report_count(), scratch.report_count());
  ASSERT_EQ(testing::SnapshotFigures(incremental),
            testing::SnapshotFigures(scratch));
}

TEST(IncrementalSnapshotTest, EveryStepAnswersAsAFullBuild) {
  World w(2024);
  int64_t next_id = 1;
  for (int i = 0; i < 300; ++i) {
    w.postings[next_id++] = w.NewPosting();
    w.reports[next_id++] = w.NewReport();
  }
  std::shared_ptr<const Snapshot> current = FromScratch(w, 1);
  size_t most_parts = 0;
  for (int step = 0; step < 40; ++step) {
    SnapshotBuilder b(*current);
    const int changes = 1 + w.Pick(step % 7 == 0 ? 400 : 40);
    // A change set names a record once (as the database's does): a row is
    // read in its latest state.
    std::set<int64_t> touched;
    const auto pick = [&](auto& rows) {
      auto it = rows.lower_bound(w.Pick(static_cast<int>(next_id)));
      while (it != rows.end() && touched.count(it->first)) ++it;
      if (it != rows.end()) touched.insert(it->first);
      return it;
    };
    for (int c = 0; c < changes; ++c) {
      const int what = w.Pick(10);
      if (what < 4) {  // a new record
        const int64_t id = next_id++;
        touched.insert(id);
        if (w.Pick(2) == 0) {
          World::Add(b, id, w.postings[id] = w.NewPosting());
        } else {
          World::Add(b, id, w.reports[id] = w.NewReport());
        }
      } else if (what < 8) {  // the same id, everything new
        if (auto p = pick(w.postings); p != w.postings.end()) {
          World::Add(b, p->first, p->second = w.NewPosting());
        }
        if (auto r = pick(w.reports); r != w.reports.end()) {
          World::Add(b, r->first, r->second = w.NewReport());
        }
      } else {
        if (auto p = pick(w.postings); p != w.postings.end()) {
          b.RemovePosting(p->first);
          w.postings.erase(p);
        }
        if (auto r = pick(w.reports); r != w.reports.end()) {
          b.RemoveReport(r->first);
          w.reports.erase(r);
        }
      }
    }
    current = b.Build(DataVersion{step + 2, absl::UnixEpoch()});
    most_parts = std::max(most_parts, current->parts.size());
    std::shared_ptr<const Snapshot> scratch = FromScratch(w, step + 2);
    ASSERT_NO_FATAL_FAILURE(ExpectSameAnswers(*current, *scratch))
        << "after step " << step;
  }
  // Small changes were kept as parts of their own, not folded at once.
  EXPECT_GT(most_parts, 1u);
}

// A change shares what it did not touch: the previous version's parts are
// the same objects, and the previous version still answers as before.
TEST(IncrementalSnapshotTest, PartsAreSharedAndTheOldVersionStaysIntact) {
  World w(7);
  for (int64_t id = 1; id <= 500; ++id) w.postings[id] = w.NewPosting();
  std::shared_ptr<const Snapshot> v1 = FromScratch(w, 1);
  const std::string before = testing::SnapshotFigures(*v1);
  SnapshotBuilder b(*v1);
  World::Add(b, 1, w.postings[1] = w.NewPosting());
  World::Add(b, 501, w.postings[501] = w.NewPosting());
  std::shared_ptr<const Snapshot> v2 = b.Build(DataVersion{2, {}});
  ASSERT_EQ(v2->parts.size(), 2u);
  EXPECT_EQ(v2->parts[0].records, v1->parts[0].records);
  EXPECT_EQ(v2->parts[1].records->postings.size(), 2u);
  ASSERT_NE(v2->parts[0].dead, nullptr);
  EXPECT_EQ(v2->parts[0].dead->dead_postings, 1);
  EXPECT_EQ(v1->parts[0].dead, nullptr);
  EXPECT_EQ(testing::SnapshotFigures(*v1), before);
  EXPECT_EQ(v1->posting_count(), 500);
  EXPECT_EQ(v2->posting_count(), 501);
}

// Ids are held as 32-bit offsets when they span less than 2^32; wider
// spans keep whole ids, and records are still found to be replaced.
TEST(IncrementalSnapshotTest, RecordsAreFoundWhateverTheirIdsSpan) {
  World w(3);
  const int64_t far = int64_t{1} << 40;
  for (int64_t id : {int64_t{5}, int64_t{6}, far}) {
    w.postings[id] = w.NewPosting();
  }
  std::shared_ptr<const Snapshot> v1 = FromScratch(w, 1);
  ASSERT_EQ(v1->parts.size(), 1u);
  EXPECT_EQ(v1->parts[0].records->FindPosting(far), 2);
  EXPECT_EQ(v1->parts[0].records->FindPosting(6), 1);
  EXPECT_EQ(v1->parts[0].records->FindPosting(7), -1);
  SnapshotBuilder b(*v1);
  World::Add(b, far, w.postings[far] = w.NewPosting());
  b.RemovePosting(5);
  w.postings.erase(5);
  std::shared_ptr<const Snapshot> v2 = b.Build(DataVersion{2, {}});
  EXPECT_EQ(v2->posting_count(), 2);
  ExpectSameAnswers(*v2, *FromScratch(w, 2));
}

}  // namespace
}  // namespace compdata::engine
