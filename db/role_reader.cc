#include "db/role_reader.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/normalize.h"
#include "common/status_util.h"
#include "db/data_version.h"

namespace compdata::db {
namespace {

engine::Role RoleFromRow(const pqxx::row& row) {
  engine::Role role;
  role.id = row["id"].as<int64_t>();
  role.slug = row["slug"].as<std::string>();
  role.title = row["title"].as<std::string>();
  role.family = row["family"].as<std::string>();
  role.summary = row["summary"].as<std::string>();
  return role;
}

std::vector<std::string>* ProfileList(engine::RoleProfile& profile,
                                      const std::string& kind) {
  if (kind == "responsibility") return &profile.responsibilities;
  if (kind == "decision_ownership") return &profile.decision_ownership;
  if (kind == "stakeholder") return &profile.stakeholders;
  if (kind == "performance_measure") return &profile.performance_measures;
  return nullptr;  // a kind added by a newer migration: not shown yet
}

// Fills aliases and profiles of `roles` with three set-based queries.
void FillDetails(pqxx::work& txn, std::vector<engine::Role>& roles) {
  if (roles.empty()) return;
  std::map<int64_t, engine::Role*> by_id;
  std::vector<int64_t> ids;
  for (engine::Role& r : roles) {
    by_id[r.id] = &r;
    ids.push_back(r.id);
  }
  const std::string id_array = absl::StrCat("{", absl::StrJoin(ids, ","), "}");
  for (const auto& row :
       txn.exec_prepared(std::string(kRoleAliases.name), id_array)) {
    by_id[row[0].as<int64_t>()]->aliases.push_back(row[1].as<std::string>());
  }
  for (const auto& row :
       txn.exec_prepared(std::string(kRoleProfileItems.name), id_array)) {
    std::vector<std::string>* list = ProfileList(
        by_id[row[0].as<int64_t>()]->profile, row[1].as<std::string>());
    if (list != nullptr) list->push_back(row[2].as<std::string>());
  }
  for (const auto& row :
       txn.exec_prepared(std::string(kRoleAttributeScores.name), id_array)) {
    by_id[row[0].as<int64_t>()]->profile.attribute_scores.push_back(
        engine::AttributeScore{row[1].as<std::string>(), row[2].as<double>()});
  }
}

}  // namespace

absl::StatusOr<RolePage> RoleReader::List(const std::string& family,
                                          const std::string& after_slug,
                                          int limit,
                                          absl::Time deadline) const {
  RolePage page;
  absl::Status status = pool_->Transact(
      TransactionOptions{deadline, /*retry_on_connection_loss=*/true},
      [&](pqxx::work& txn) {
        page = RolePage{};
        page.version = ReadDataVersion(txn);
        // One extra row tells whether another page follows.
        for (const auto& row : txn.exec_prepared(
                 std::string(kListRoles.name), family, after_slug, limit + 1)) {
          page.roles.push_back(RoleFromRow(row));
        }
        if (static_cast<int>(page.roles.size()) > limit) {
          page.roles.pop_back();
          page.has_more = true;
        }
        page.total_size =
            txn.exec_prepared1(std::string(kCountRoles.name), family)[0]
                .as<int64_t>();
        FillDetails(txn, page.roles);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return page;
}

absl::StatusOr<std::pair<engine::Role, engine::DataVersion>> RoleReader::Find(
    const std::string& slug_or_alias, absl::Time deadline) const {
  std::pair<engine::Role, engine::DataVersion> found;
  absl::Status status = pool_->Transact(
      TransactionOptions{deadline, /*retry_on_connection_loss=*/true},
      [&](pqxx::work& txn) -> absl::Status {
        found.second = ReadDataVersion(txn);
        pqxx::result rows =
            txn.exec_prepared(std::string(kFindRole.name), slug_or_alias,
                              NormalizeKey(slug_or_alias));
        if (rows.empty()) {
          return WithReason(
              FieldError(absl::StatusCode::kNotFound, "role",
                         absl::StrCat("no role with slug or alias \"",
                                      slug_or_alias, "\"")),
              kReasonRoleNotFound);
        }
        std::vector<engine::Role> roles{RoleFromRow(rows[0])};
        FillDetails(txn, roles);
        found.first = std::move(roles[0]);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return found;
}

}  // namespace compdata::db
