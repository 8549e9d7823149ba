#include "db/role_details.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "db/statements.h"

namespace compdata::db {
namespace {

std::vector<std::string>* ProfileList(engine::RoleProfile& profile,
                                      const std::string& kind) {
  if (kind == "responsibility") return &profile.responsibilities;
  if (kind == "decision_ownership") return &profile.decision_ownership;
  if (kind == "stakeholder") return &profile.stakeholders;
  if (kind == "performance_measure") return &profile.performance_measures;
  return nullptr;  // a kind added by a newer migration: not shown yet
}

}  // namespace

void FillRoleDetails(pqxx::work& txn, std::vector<engine::Role>& roles) {
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
        engine::AttributeScore{row[1].as<std::string>(), row[2].as<double>(),
                               row[3].as<std::string>()});
  }
}

}  // namespace compdata::db
