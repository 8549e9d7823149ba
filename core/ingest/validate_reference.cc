// Roles, skills, career-ladder levels and transitions.

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/ingest/validate.h"

namespace compdata::ingest {
namespace {

constexpr int kMaxLevel = 20;
constexpr size_t kMaxAttributeLength = 64;

// The id `slug` has, or a new negative one standing for the row until the
// writer inserts it (unique within the index).
int64_t IdForSlug(absl::flat_hash_map<std::string, int64_t>& slugs,
                  const std::string& slug) {
  auto it = slugs.find(slug);
  if (it != slugs.end()) return it->second;
  const int64_t id = -static_cast<int64_t>(slugs.size()) - 1;
  slugs.emplace(slug, id);
  return id;
}

Check Aliases(const google::protobuf::RepeatedPtrField<std::string>& aliases,
              const NameIndex& names, int64_t id) {
  COMPDATA_REJECT_IF(StringList(aliases, "aliases", kMaxAliasLength));
  for (int i = 0; i < aliases.size(); ++i) {
    if (names.OwnerOtherThan(aliases[i], id).has_value()) {
      return Reject(
          absl::StrCat("aliases[", i, "]"), v1::REJECT_REASON_ALIAS_CONFLICT,
          absl::StrCat("\"", aliases[i], "\" already names another entry"));
    }
  }
  return std::nullopt;
}

Check OptionalSlug(absl::string_view value, absl::string_view field) {
  return value.empty() ? std::nullopt : Slug(value, field);
}

void Register(NameIndex& names, int64_t id, absl::string_view slug,
              absl::string_view title,
              const google::protobuf::RepeatedPtrField<std::string>& aliases) {
  names.Add(id, slug);
  names.Add(id, title);
  for (const std::string& a : aliases) names.Add(id, a);
}

Check AttributeScores(const v1::RoleProfile& profile,
                      std::vector<AttributeScoreRow>* out) {
  if (profile.attribute_scores_size() > kMaxListItems) {
    return Reject("profile.attribute_scores", v1::REJECT_REASON_INVALID_VALUE,
                  absl::StrCat("at most ", kMaxListItems, " attribute scores"));
  }
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < profile.attribute_scores_size(); ++i) {
    const v1::RoleAttributeScore& a = profile.attribute_scores(i);
    const std::string field = absl::StrCat("profile.attribute_scores[", i, "]");
    COMPDATA_REJECT_IF(Required(
        a.attribute(), absl::StrCat(field, ".attribute"), kMaxAttributeLength));
    if (!seen.insert(a.attribute()).second) {
      return Reject(absl::StrCat(field, ".attribute"),
                    v1::REJECT_REASON_INVALID_VALUE,
                    absl::StrCat("attribute \"", a.attribute(), "\" repeats"));
    }
    if (!(a.score() >= 0 && a.score() <= 10)) {
      return Reject(absl::StrCat(field, ".score"),
                    v1::REJECT_REASON_VALUE_OUT_OF_RANGE,
                    "score must be within 0..10");
    }
    COMPDATA_REJECT_IF(MaxLength(a.display_name(),
                                 absl::StrCat(field, ".display_name"),
                                 kMaxNameLength));
    out->push_back(
        AttributeScoreRow{a.attribute(), a.display_name(), a.score()});
  }
  return std::nullopt;
}

std::vector<std::string> ToVector(
    const google::protobuf::RepeatedPtrField<std::string>& items) {
  return std::vector<std::string>(items.begin(), items.end());
}

}  // namespace

Validated<RoleRow> ValidateRole(const v1::Role& r, ReferenceIndex* index) {
  RoleRow row;
  COMPDATA_REJECT_IF(Slug(r.slug(), "slug"));
  COMPDATA_REJECT_IF(Required(r.title(), "title", kMaxNameLength));
  COMPDATA_REJECT_IF(OptionalSlug(r.family(), "family"));
  auto existing = index->role_slugs.find(r.slug());
  const int64_t id = existing != index->role_slugs.end() ? existing->second : 0;
  COMPDATA_REJECT_IF(Aliases(r.aliases(), index->roles, id));
  const v1::RoleProfile& p = r.profile();
  COMPDATA_REJECT_IF(
      MaxLength(p.summary(), "profile.summary", kMaxSummaryLength));
  COMPDATA_REJECT_IF(StringList(p.core_responsibilities(),
                                "profile.core_responsibilities",
                                kMaxItemLength));
  COMPDATA_REJECT_IF(StringList(p.decision_ownership(),
                                "profile.decision_ownership", kMaxItemLength));
  COMPDATA_REJECT_IF(
      StringList(p.stakeholders(), "profile.stakeholders", kMaxItemLength));
  COMPDATA_REJECT_IF(StringList(p.performance_measures(),
                                "profile.performance_measures",
                                kMaxItemLength));
  COMPDATA_REJECT_IF(AttributeScores(p, &row.attribute_scores));
  row.slug = r.slug();
  row.title = r.title();
  row.family = r.family();
  row.summary = p.summary();
  row.aliases = ToVector(r.aliases());
  row.responsibilities = ToVector(p.core_responsibilities());
  row.decision_ownership = ToVector(p.decision_ownership());
  row.stakeholders = ToVector(p.stakeholders());
  row.performance_measures = ToVector(p.performance_measures());
  Register(index->roles, IdForSlug(index->role_slugs, r.slug()), r.slug(),
           r.title(), r.aliases());
  return row;
}

Validated<SkillRow> ValidateSkill(const v1::Skill& s, ReferenceIndex* index) {
  COMPDATA_REJECT_IF(Slug(s.slug(), "slug"));
  COMPDATA_REJECT_IF(
      Required(s.display_name(), "display_name", kMaxNameLength));
  auto existing = index->skill_slugs.find(s.slug());
  const int64_t id =
      existing != index->skill_slugs.end() ? existing->second : 0;
  COMPDATA_REJECT_IF(Aliases(s.aliases(), index->skills, id));
  COMPDATA_REJECT_IF(OptionalSlug(s.category(), "category"));
  COMPDATA_REJECT_IF(MaxLength(s.description(), "description", kMaxItemLength));
  Register(index->skills, IdForSlug(index->skill_slugs, s.slug()), s.slug(),
           s.display_name(), s.aliases());
  return SkillRow{s.slug(), s.display_name(), s.category(), s.description(),
                  ToVector(s.aliases())};
}

Validated<RoleLevelRow> ValidateRoleLevel(const v1::RoleLevel& l,
                                          const ReferenceIndex& index) {
  RoleLevelRow row;
  COMPDATA_REJECT_IF(KnownRole(l.role(), "role", index, &row.role_id));
  if (l.level() < 1 || l.level() > kMaxLevel) {
    return Reject("level", v1::REJECT_REASON_VALUE_OUT_OF_RANGE,
                  absl::StrCat("level must be within 1..", kMaxLevel));
  }
  COMPDATA_REJECT_IF(Seniority(l.seniority(), "seniority", &row.seniority));
  COMPDATA_REJECT_IF(Required(l.title(), "title", kMaxNameLength));
  COMPDATA_REJECT_IF(MaxLength(l.summary(), "summary", kMaxItemLength));
  row.level = l.level();
  row.title = l.title();
  row.summary = l.summary();
  return row;
}

Validated<RoleTransitionRow> ValidateRoleTransition(
    const v1::RoleTransition& t, const ReferenceIndex& index) {
  RoleTransitionRow row;
  COMPDATA_REJECT_IF(
      KnownRole(t.from_role(), "from_role", index, &row.from_role_id));
  COMPDATA_REJECT_IF(KnownRole(t.to_role(), "to_role", index, &row.to_role_id));
  if (row.from_role_id == row.to_role_id) {
    return Reject("to_role", v1::REJECT_REASON_INVALID_VALUE,
                  "a transition leads to a different role");
  }
  switch (t.kind()) {
    case v1::TRANSITION_KIND_ADVANCEMENT:
      row.kind = "advancement";
      break;
    case v1::TRANSITION_KIND_LATERAL:
      row.kind = "lateral";
      break;
    case v1::TRANSITION_KIND_SWITCH:
      row.kind = "switch";
      break;
    case v1::TRANSITION_KIND_UNSPECIFIED:
      return Reject("kind", v1::REJECT_REASON_MISSING_FIELD,
                    "kind is required");
    default:
      return Reject(
          "kind", v1::REJECT_REASON_INVALID_VALUE,
          absl::StrCat("kind ", t.kind(), " is not a TransitionKind"));
  }
  if (!(t.weight() > 0 && t.weight() <= 1)) {
    return Reject("weight", v1::REJECT_REASON_VALUE_OUT_OF_RANGE,
                  "weight must be within (0, 1]");
  }
  row.weight = t.weight();
  return row;
}

}  // namespace compdata::ingest
