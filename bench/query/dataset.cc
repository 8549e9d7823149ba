#include "bench/query/dataset.h"

#include <array>
#include <chrono>
#include <pqxx/pqxx>
#include <thread>

#include "bench/query/dataset_copy.h"
#include "bench/query/dataset_tables.h"

namespace compdata::bench {
namespace {

using Clock = std::chrono::steady_clock;
using dataset_internal::CopyPostings;
using dataset_internal::CopyPostingSkills;
using dataset_internal::CopyReports;
using dataset_internal::MakeTables;
using dataset_internal::Tables;

}  // namespace

int Reference::RoleIndex(const std::string& slug) const {
  for (size_t k = 0; k < roles.size(); ++k) {
    if (roles[k].slug == slug) return static_cast<int>(k);
  }
  return -1;
}

int64_t Reference::SkillId(const std::string& slug) const {
  for (const auto& [s, id] : skills) {
    if (s == slug) return id;
  }
  return -1;
}

absl::StatusOr<Reference> ReadReference(const std::string& url) {
  try {
    pqxx::connection conn(url);
    pqxx::read_transaction txn(conn);
    Reference ref;
    for (const auto& row :
         txn.exec("SELECT id, slug, title, family FROM roles ORDER BY id")) {
      ref.roles.push_back({row[0].as<int64_t>(), row[1].as<std::string>(),
                           row[2].as<std::string>(), row[3].as<std::string>()});
    }
    for (const auto& row :
         txn.exec("SELECT id, slug, name, country FROM metros ORDER BY id")) {
      ref.metros.push_back({row[0].as<int64_t>(), row[1].as<std::string>(),
                            row[2].as<std::string>(),
                            row[3].as<std::string>()});
    }
    for (const auto& row :
         txn.exec("SELECT slug, id FROM skills ORDER BY id")) {
      ref.skills.emplace_back(row[0].as<std::string>(), row[1].as<int64_t>());
    }
    if (ref.roles.empty() || ref.skills.empty() || ref.metros.empty()) {
      return absl::FailedPreconditionError(
          "reference data missing: roles, skills or metros empty");
    }
    return ref;
  } catch (const std::exception& e) {
    return absl::UnavailableError(e.what());
  }
}

absl::StatusOr<LoadReport> LoadDataset(const std::string& url,
                                       const Reference& reference,
                                       int64_t postings, int64_t reports,
                                       absl::Time now) {
  const Tables tables = MakeTables(reference);
  LoadReport report;
  report.postings = postings;
  report.reports = reports;
  std::array<absl::Status, 3> status;
  std::array<bool, 3> skipped = {false, false, false};
  const auto start = Clock::now();
  {
    std::vector<std::thread> threads;
    threads.emplace_back([&] {
      status[0] =
          CopyPostings(url, reference, tables, postings, now, &skipped[0]);
    });
    threads.emplace_back([&] {
      status[1] = CopyPostingSkills(url, tables, postings, now,
                                    &report.posting_skills, &skipped[1]);
    });
    threads.emplace_back([&] {
      status[2] =
          CopyReports(url, reference, tables, reports, now, &skipped[2]);
    });
    for (std::thread& th : threads) th.join();
  }
  report.copy_seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  for (const absl::Status& s : status) {
    if (!s.ok()) return s;
  }
  report.triggers_skipped = skipped[0] && skipped[1] && skipped[2];
  try {
    pqxx::connection conn(url);
    {
      pqxx::work txn(conn);
      // Identity columns: continue after the ids COPY wrote explicitly.
      txn.exec(
          "SELECT setval(pg_get_serial_sequence('job_postings', 'id'), "
          "GREATEST((SELECT max(id) FROM job_postings), 1))");
      // The triggers were skipped: note the change as they would have
      // (the change_txid columns were filled by their defaults).
      txn.exec("INSERT INTO data_changes (reference) VALUES (true)");
      txn.commit();
    }
    const auto vacuum_start = Clock::now();
    pqxx::nontransaction(conn).exec(
        "VACUUM (ANALYZE) job_postings, posting_skills, salary_reports");
    report.vacuum_seconds =
        std::chrono::duration<double>(Clock::now() - vacuum_start).count();
  } catch (const std::exception& e) {
    return absl::InternalError(e.what());
  }
  try {  // write the loaded pages out now, not while timing (superuser only)
    pqxx::connection conn(url);
    pqxx::nontransaction(conn).exec("CHECKPOINT");
  } catch (const std::exception&) {
  }
  return report;
}

}  // namespace compdata::bench
