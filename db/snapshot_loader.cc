#include "db/snapshot_loader.h"

#include <array>
#include <pqxx/pqxx>
#include <pqxx/stream_from>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "core/engine/snapshot_builder.h"
#include "db/data_version.h"
#include "db/role_details.h"
#include "db/snapshot_statements.h"

namespace compdata::db {
namespace {

// One COPY text-format line split into fields (views into the line, no
// allocation); \N is null, which the parsed columns never are.
class CopyLine {
 public:
  static constexpr size_t kMaxFields = 16;

  explicit CopyLine(const std::string& line) {
    absl::string_view rest(line);
    if (!rest.empty() && rest.back() == '\n') rest.remove_suffix(1);
    while (count_ < kMaxFields) {
      const size_t tab = rest.find('\t');
      fields_[count_++] = rest.substr(0, tab);
      if (tab == absl::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
  }
  int64_t Int(size_t i) const {
    int64_t v = 0;
    if (i >= count_ || !absl::SimpleAtoi(fields_[i], &v)) {
      throw std::runtime_error("snapshot: bad integer in COPY output");
    }
    return v;
  }
  double Double(size_t i) const {
    double v = 0;
    if (i >= count_ || !absl::SimpleAtod(fields_[i], &v)) {
      throw std::runtime_error("snapshot: bad number in COPY output");
    }
    return v;
  }
  // The field as text: a view when it has no escapes, else unescaped into
  // `scratch`.
  absl::string_view View(size_t i, std::string* scratch) const {
    const absl::string_view f = fields_[i];
    if (f.find('\\') == absl::string_view::npos) return f;
    scratch->clear();
    for (size_t k = 0; k < f.size(); ++k) {
      if (f[k] != '\\' || k + 1 == f.size()) {
        scratch->push_back(f[k]);
        continue;
      }
      const char c = f[++k];
      switch (c) {
        case 't':
          scratch->push_back('\t');
          break;
        case 'n':
          scratch->push_back('\n');
          break;
        case 'r':
          scratch->push_back('\r');
          break;
        case 'b':
          scratch->push_back('\b');
          break;
        case 'f':
          scratch->push_back('\f');
          break;
        case 'v':
          scratch->push_back('\v');
          break;
        default:
          scratch->push_back(c);
      }
    }
    return *scratch;
  }
  std::string Text(size_t i) const {
    std::string scratch;
    return std::string(View(i, &scratch));
  }
  std::vector<std::string> List(size_t i) const {
    const std::string text = Text(i);
    if (text.empty()) return {};
    return absl::StrSplit(text, '\x1f');
  }

 private:
  std::array<absl::string_view, kMaxFields> fields_;
  size_t count_ = 0;
};

template <typename OnLine>
void Stream(pqxx::work& txn, std::string_view query, OnLine on_line) {
  pqxx::stream_from stream(txn, std::string(query));
  std::string line;
  while (stream.get_raw_line(line)) {
    on_line(CopyLine(line));
  }
  stream.complete();
}

void LoadReference(pqxx::work& txn, engine::SnapshotBuilder& b) {
  std::vector<std::pair<int64_t, engine::Role>> roles;
  {
    std::vector<engine::Role> list;
    Stream(txn, kSnapshotRolesSql, [&](const CopyLine& f) {
      engine::Role r;
      r.id = f.Int(0);
      r.slug = f.Text(1);
      r.title = f.Text(2);
      r.family = f.Text(3);
      r.summary = f.Text(4);
      list.push_back(std::move(r));
    });
    FillRoleDetails(txn, list);
    for (engine::Role& r : list) b.AddRole(r.id, std::move(r));
  }
  Stream(txn, kSnapshotLevelsSql, [&](const CopyLine& f) {
    b.AddLevel(f.Int(0), engine::LevelEntry{static_cast<int>(f.Int(1)),
                                            static_cast<int>(f.Int(2)),
                                            f.Text(3), f.Text(4)});
  });
  Stream(txn, kSnapshotTransitionsSql, [&](const CopyLine& f) {
    b.AddTransition(f.Int(0), f.Int(1), f.Text(2), f.Double(3));
  });
  Stream(txn, kSnapshotSkillsSql, [&](const CopyLine& f) {
    b.AddSkill(engine::SkillEntry{f.Int(0), f.Text(1), f.Text(2), f.Text(3),
                                  f.Text(4), f.List(5)});
  });
  Stream(txn, kSnapshotMetrosSql, [&](const CopyLine& f) {
    b.AddMetro(f.Int(0), f.Text(2), f.Text(1), f.List(3));
  });
}

void LoadRecords(pqxx::work& txn, engine::SnapshotBuilder& b) {
  std::string company_scratch, currency_scratch;
  Stream(txn, kSnapshotPostingsSql, [&](const CopyLine& f) {
    const absl::string_view company = f.View(3, &company_scratch);
    const absl::string_view currency = f.View(6, &currency_scratch);
    engine::SnapshotBuilder::Posting p;
    p.role_id = f.Int(1);
    p.metro_id = f.Int(2);
    p.company = company;
    p.seniority = static_cast<int>(f.Int(4));
    p.remote = f.Int(5) != 0;
    p.currency = currency;
    // (min + max) in cents / 200 is the exact midpoint, correctly rounded,
    // as PostgreSQL's ((min + max) / 2)::float8 is.
    p.pay = static_cast<double>(f.Int(7)) / 200.0;
    p.posted_at = f.Int(8);
    const int64_t expires = f.Int(9);
    p.expires_at = expires < 0 ? engine::kNoExpiry : expires;
    b.AddPosting(f.Int(0), p);
  });
  Stream(txn, kSnapshotReportsSql, [&](const CopyLine& f) {
    const absl::string_view company = f.View(2, &company_scratch);
    const absl::string_view currency = f.View(5, &currency_scratch);
    engine::SnapshotBuilder::Report r;
    r.role_id = f.Int(0);
    r.metro_id = f.Int(1);
    r.company = company;
    r.seniority = static_cast<int>(f.Int(3));
    r.remote = f.Int(4) != 0;
    r.currency = currency;
    r.base = static_cast<double>(f.Int(6)) / 100.0;
    r.bonus = static_cast<double>(f.Int(7)) / 100.0;
    r.equity = static_cast<double>(f.Int(8)) / 100.0;
    r.reported_at = f.Int(9);
    b.AddReport(r);
  });
}

// posting_skills is the largest table (several rows per posting): it is
// streamed on a second connection while the first reads everything else,
// both inside the same exported snapshot, so the image stays consistent.
absl::Status LoadPostingSkills(ConnectionPool& pool,
                               const std::string& snapshot_id,
                               std::vector<std::pair<int64_t, int64_t>>* out) {
  return pool.Transact(
      TransactionOptions{absl::InfiniteFuture(), false}, [&](pqxx::work& txn) {
        txn.exec(std::string(kSnapshotIsolationSql));
        txn.exec(
            absl::StrCat("SET TRANSACTION SNAPSHOT ", txn.quote(snapshot_id)));
        txn.exec(std::string(kSnapshotNoTimeoutSql));
        Stream(txn, kSnapshotPostingSkillsSql, [&](const CopyLine& f) {
          out->emplace_back(f.Int(0), f.Int(1));
        });
        return absl::OkStatus();
      });
}

}  // namespace

absl::StatusOr<std::shared_ptr<const engine::Snapshot>> LoadSnapshot(
    ConnectionPool& pool) {
  std::shared_ptr<const engine::Snapshot> snapshot;
  absl::Status status = pool.Transact(
      TransactionOptions{absl::InfiniteFuture(), true}, [&](pqxx::work& txn) {
        // Every query below sees the same committed state.
        txn.exec(std::string(kSnapshotIsolationSql));
        txn.exec(std::string(kSnapshotNoTimeoutSql));
        const std::string snapshot_id =
            txn.exec1(std::string(kExportSnapshotSql))[0].as<std::string>();
        std::vector<std::pair<int64_t, int64_t>> posting_skills;
        absl::Status skills_status;
        // A pool of one connection reads the table after the rest instead.
        const bool parallel = pool.options().max_connections >= 2;
        std::thread skills([&] {
          if (parallel) {
            skills_status =
                LoadPostingSkills(pool, snapshot_id, &posting_skills);
          }
        });
        const engine::DataVersion version = ReadDataVersion(txn);
        engine::SnapshotBuilder builder;
        try {
          LoadReference(txn, builder);
          LoadRecords(txn, builder);
        } catch (...) {
          skills.join();
          throw;
        }
        skills.join();
        if (!skills_status.ok()) return skills_status;
        if (!parallel) {
          Stream(txn, kSnapshotPostingSkillsSql, [&](const CopyLine& f) {
            posting_skills.emplace_back(f.Int(0), f.Int(1));
          });
        }
        for (const auto& [posting, skill] : posting_skills) {
          builder.AddPostingSkill(posting, skill);
        }
        std::vector<std::pair<int64_t, int64_t>>().swap(posting_skills);
        snapshot = builder.Build(version);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return snapshot;
}

}  // namespace compdata::db
