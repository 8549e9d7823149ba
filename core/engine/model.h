#ifndef COMPDATA_CORE_ENGINE_MODEL_H_
#define COMPDATA_CORE_ENGINE_MODEL_H_

// Domain types shared by the engine, the database layer and the API layer.
// Plain data: no gRPC, no SQL.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace compdata::engine {

struct AttributeScore {
  std::string attribute;
  double score = 0;  // 0..10
  std::string display_name;
};

struct RoleProfile {
  std::vector<std::string> responsibilities;
  std::vector<std::string> decision_ownership;
  std::vector<std::string> stakeholders;
  std::vector<std::string> performance_measures;
  std::vector<AttributeScore> attribute_scores;
};

struct Role {
  int64_t id = 0;
  std::string slug;
  std::string title;
  std::string family;
  std::string summary;
  std::vector<std::string> aliases;
  RoleProfile profile;
};

// Identifies the state of the data an answer was computed from.
struct DataVersion {
  int64_t version = 0;
  absl::Time as_of = absl::UnixEpoch();  // when the data last changed
};

// The version as answers name it ("v42"): opaque to clients.
inline std::string VersionToken(const DataVersion& version) {
  return absl::StrCat("v", version.version);
}

}  // namespace compdata::engine

#endif  // COMPDATA_CORE_ENGINE_MODEL_H_
