"""check_seed.py: checks of db/migrations/0002_metros.sql."""

import os
import re

from seed_checks_common import (REPO, REQUIRED_METROS, check_len, check_slug,
                                normalize_key, problem)


# --------------------------------------------------------------- metros SQL
SQL_STR = r"'((?:[^']|'')*)'"
METRO_ROW = re.compile(r"^\s*\(" + SQL_STR + r",\s*" + SQL_STR + r",\s*" + SQL_STR + r"\)[,;]?\s*$")


def unq(s):
    return s.replace("''", "'")


def check_metros(path):
    name = os.path.relpath(path, REPO)
    if not os.path.exists(path):
        problem(name, "missing")
        return 0, 0
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if re.search(r"^\s*(BEGIN|COMMIT|START TRANSACTION)\b", text, re.I | re.M):
        problem(name, "must not contain BEGIN/COMMIT (the migrator owns the transaction)")
    i_m = text.find("INSERT INTO metros ")
    i_a = text.find("INSERT INTO metro_aliases ")
    if i_m < 0 or i_a < 0 or i_a < i_m:
        problem(name, "expected INSERT INTO metros ... then INSERT INTO metro_aliases ...")
        return 0, 0
    metros = {}
    for line in text[i_m:i_a].splitlines():
        m = METRO_ROW.match(line)
        if not m:
            continue
        slug, mname, country = (unq(g) for g in m.groups())
        where = f"{name}: metro {slug!r}"
        check_slug(where, "slug", slug)
        check_len(where, "name", mname, 1, 200)
        if not re.match(r"^[A-Z]{2}$", country):
            problem(where, f"country {country!r} is not an ISO 3166-1 alpha-2 code")
        if slug in metros:
            problem(where, "duplicate slug")
        if normalize_key(mname) == "remote" or slug == "remote":
            problem(where, "'Remote' is not a metro")
        metros[slug] = mname
    own = {}
    for slug, mname in metros.items():
        for key in (normalize_key(slug), normalize_key(mname)):
            if key in own and own[key] != slug:
                problem(name, f"metros {own[key]!r} and {slug!r} share the name key {key!r}")
            own.setdefault(key, slug)
    keys = {}
    n_alias = 0
    has_name_alias = set()
    for line in text[i_a:].splitlines():
        m = METRO_ROW.match(line)
        if not m:
            continue
        n_alias += 1
        key, alias, slug = (unq(g) for g in m.groups())
        where = f"{name}: alias {alias!r}"
        check_len(where, "alias", alias, 1, 100)
        if key != normalize_key(alias):
            problem(where, f"alias_key {key!r} != NormalizeKey(alias) {normalize_key(alias)!r}")
        if not 1 <= len(key) <= 200:
            problem(where, "alias_key length outside 1..200")
        if key in keys:
            problem(where, f"alias_key {key!r} repeated (first for {keys[key]!r})")
        keys.setdefault(key, slug)
        if slug not in metros:
            problem(where, f"names unknown metro {slug!r}")
            continue
        if key in own and own[key] != slug:
            problem(where, f"key {key!r} is the slug/name key of metro {own[key]!r}")
        if key == "remote":
            problem(where, "'Remote' must not resolve to a metro")
        if key == normalize_key(metros[slug]):
            has_name_alias.add(slug)
    for slug in metros:
        if slug not in has_name_alias:
            problem(name, f"metro {slug!r} lacks an alias row for its own name")
    for slug in REQUIRED_METROS:
        if slug not in metros:
            problem(name, f"required metro {slug!r} missing")
    return len(metros), n_alias

