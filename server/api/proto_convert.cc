#include "server/api/proto_convert.h"

#include "absl/strings/str_cat.h"

namespace compdata::api {

void ToProto(const engine::Role& role, v1::Role* out) {
  out->set_slug(role.slug);
  out->set_title(role.title);
  out->set_family(role.family);
  for (const std::string& alias : role.aliases) out->add_aliases(alias);
  v1::RoleProfile* profile = out->mutable_profile();
  profile->set_summary(role.summary);
  for (const auto& s : role.profile.responsibilities) {
    profile->add_core_responsibilities(s);
  }
  for (const auto& s : role.profile.decision_ownership) {
    profile->add_decision_ownership(s);
  }
  for (const auto& s : role.profile.stakeholders) profile->add_stakeholders(s);
  for (const auto& s : role.profile.performance_measures) {
    profile->add_performance_measures(s);
  }
  for (const auto& a : role.profile.attribute_scores) {
    v1::RoleAttributeScore* score = profile->add_attribute_scores();
    score->set_attribute(a.attribute);
    score->set_score(a.score);
    score->set_display_name(a.display_name);
  }
}

void ToProto(const engine::DataVersion& version, int privacy_floor,
             v1::ResponseMetadata* out) {
  out->set_data_version(absl::StrCat("v", version.version));
  const int64_t micros = absl::ToUnixMicros(version.as_of);
  out->mutable_as_of()->set_seconds(micros / 1000000);
  out->mutable_as_of()->set_nanos(static_cast<int32_t>(micros % 1000000) *
                                  1000);
  out->set_privacy_floor(privacy_floor);
}

}  // namespace compdata::api
