"""check_seed.py: checks of roles, skills (with their aliases), role levels
and role transitions."""

from seed_checks_common import (ATTR_RE, REQUIRED_ROLES, REQUIRED_SKILLS,
                                check_len, check_list, check_slug,
                                normalize_key, notes, problem)


def check_aliases(kind, entities):
    """entities: list of (where, slug, title, aliases). Enforces that every
    name key resolves to exactly one entity."""
    own = {}  # key -> slug, for slug and title keys
    for where, slug, title, _ in entities:
        for key, what in ((normalize_key(slug), "slug"), (normalize_key(title), "title")):
            if key in own and own[key] != slug:
                problem(where, f"{what} key {key!r} equals a slug/title key of "
                               f"{kind} {own[key]!r}")
            own.setdefault(key, slug)
    alias_owner = {}
    for where, slug, title, aliases in entities:
        if len(aliases) > 20:
            problem(where, f"{len(aliases)} aliases, at most 20")
        title_word = "title" if kind == "role" else "display name"
        seen = {normalize_key(slug): "its slug", normalize_key(title): f"its {title_word}"}
        for i, alias in enumerate(aliases):
            check_len(where, f"aliases[{i}]", alias, 1, 100)
            key = normalize_key(alias)
            if not key:
                problem(where, f"alias {alias!r} normalises to an empty key")
                continue
            if len(key) > 200:
                problem(where, f"alias key of {alias!r} is longer than 200 characters")
            if key in own and own[key] != slug:
                problem(where, f"alias {alias!r} (key {key!r}) is the slug/title "
                               f"key of {kind} {own[key]!r}")
            if key in alias_owner and alias_owner[key] != slug:
                problem(where, f"alias {alias!r} (key {key!r}) is also an alias of "
                               f"{kind} {alias_owner[key]!r}")
            alias_owner.setdefault(key, slug)
            if key in seen:
                notes.append(f"{kind} {slug}: alias {alias!r} has the same key "
                             f"{key!r} as {seen[key]} (kept as a spelling; the "
                             "loader stores one alias_key)")
            else:
                seen[key] = f"alias {alias!r}"


def check_roles(roles):
    slugs = {}
    entities = []
    for where, r in roles:
        check_slug(where, "slug", r.slug)
        if r.slug in slugs:
            problem(where, f"duplicate slug {r.slug!r} (first at {slugs[r.slug]})")
        slugs.setdefault(r.slug, where)
        check_len(where, "title", r.title, 1, 200)
        check_slug(where, "family", r.family, allow_empty=True)
        p = r.profile
        check_len(where, "profile.summary", p.summary, 0, 2000)
        for field in ("core_responsibilities", "decision_ownership",
                      "stakeholders", "performance_measures"):
            check_list(where, f"profile.{field}", list(getattr(p, field)))
        if len(p.attribute_scores) > 20:
            problem(where, "more than 20 attribute scores")
        attrs = set()
        for i, a in enumerate(p.attribute_scores):
            if not ATTR_RE.match(a.attribute) or len(a.attribute) > 64:
                problem(where, f"attribute_scores[{i}].attribute {a.attribute!r} "
                               "is not lower_snake_case (<= 64)")
            if a.attribute in attrs:
                problem(where, f"attribute {a.attribute!r} scored twice")
            attrs.add(a.attribute)
            if not 0 <= a.score <= 10:
                problem(where, f"attribute {a.attribute} score {a.score} outside 0..10")
            check_len(where, f"attribute_scores[{i}].display_name", a.display_name, 1, 200)
        entities.append((where, r.slug, r.title, list(r.aliases)))
    check_aliases("role", entities)
    for slug, (title, family) in REQUIRED_ROLES.items():
        match = [r for _, r in roles if r.slug == slug]
        if not match:
            problem("roles.jsonl", f"required role {slug!r} missing")
        elif (match[0].title, match[0].family) != (title, family):
            problem("roles.jsonl", f"role {slug!r} must have title {title!r} and "
                                   f"family {family!r}")
    # Attribute scores are comparable across roles only on a shared key set.
    keysets = {tuple(a.attribute for a in r.profile.attribute_scores)
               for _, r in roles if r.profile.attribute_scores}
    if len(keysets) > 1:
        problem("roles.jsonl", f"roles score different attribute lists: {sorted(keysets)}")
    return {r.slug for _, r in roles}


def check_skills(skills):
    slugs = {}
    entities = []
    for where, s in skills:
        check_slug(where, "slug", s.slug)
        if s.slug in slugs:
            problem(where, f"duplicate slug {s.slug!r} (first at {slugs[s.slug]})")
        slugs.setdefault(s.slug, where)
        check_len(where, "display_name", s.display_name, 1, 200)
        check_slug(where, "category", s.category, allow_empty=True)
        check_len(where, "description", s.description, 0, 500)
        entities.append((where, s.slug, s.display_name, list(s.aliases)))
    check_aliases("skill", entities)
    by_slug = {s.slug: s for _, s in skills}
    for slug, aliases in REQUIRED_SKILLS.items():
        if slug not in by_slug:
            problem("skills.jsonl", f"required skill {slug!r} missing")
            continue
        have = {a.lower() for a in by_slug[slug].aliases}
        for a in aliases:
            if a.lower() not in have:
                problem("skills.jsonl", f"skill {slug!r} lacks required alias {a!r}")


def check_levels(levels, role_slugs, common_pb2):
    ladders = {}
    for where, lv in levels:
        if lv.role not in role_slugs:
            problem(where, f"role {lv.role!r} is not a slug of roles.jsonl")
        if not 1 <= lv.level <= 20:
            problem(where, f"level {lv.level} outside 1..20")
        check_len(where, "title", lv.title, 1, 200)
        check_len(where, "summary", lv.summary, 0, 500)
        ladder = ladders.setdefault(lv.role, {})
        if lv.level in ladder:
            problem(where, f"duplicate level {lv.level} of role {lv.role!r}")
        ladder[lv.level] = (where, lv)
    for role, ladder in sorted(ladders.items()):
        nums = sorted(ladder)
        if nums != list(range(1, len(nums) + 1)):
            problem("role_levels.jsonl", f"ladder of {role!r} is numbered {nums}, "
                                         "expected 1..n")
        titles = [ladder[n][1].title for n in nums]
        if len(set(titles)) != len(titles):
            problem("role_levels.jsonl", f"ladder of {role!r} repeats a title")
        sen = [ladder[n][1].seniority for n in nums
               if ladder[n][1].seniority != common_pb2.SENIORITY_LEVEL_UNSPECIFIED]
        if any(a >= b for a, b in zip(sen, sen[1:])):
            problem("role_levels.jsonl", f"ladder of {role!r}: seniority does not "
                                         "strictly increase with the level")
    return ladders


def check_transitions(transitions, role_slugs, common_pb2):
    pairs = {}
    out_weight = {}
    for where, t in transitions:
        for field in ("from_role", "to_role"):
            v = getattr(t, field)
            if v not in role_slugs:
                problem(where, f"{field} {v!r} is not a slug of roles.jsonl")
        if t.from_role == t.to_role:
            problem(where, "from_role equals to_role")
        if t.kind == common_pb2.TRANSITION_KIND_UNSPECIFIED:
            problem(where, "kind is unspecified")
        if not 0 < t.weight <= 1:
            problem(where, f"weight {t.weight} outside (0, 1]")
        pair = (t.from_role, t.to_role)
        if pair in pairs:
            problem(where, f"duplicate transition {pair} (first at {pairs[pair]})")
        pairs.setdefault(pair, where)
        out_weight[t.from_role] = out_weight.get(t.from_role, 0.0) + t.weight
    for role, total in sorted(out_weight.items()):
        if total > 1 + 1e-9:
            problem("role_transitions.jsonl",
                    f"outgoing weights of {role!r} sum to {total:.4f} > 1")
    return out_weight

