#!/usr/bin/env python3
"""The tree's shape, checked on every test run (docs/architecture.md).

1. Layers: each folder includes only from the layers below it
   (server -> db -> core -> common + the generated contract), never up, and
   the core stays free of gRPC and SQL.
2. Size: no function in the product code is longer than MAX_FUNCTION_LINES.

Exits 1 with one line per violation.
"""
import os
import re
import subprocess
import sys

MAX_FUNCTION_LINES = 60

# Folder -> the project folders its quoted includes may name. "compdata" and
# "google" are the generated contract (proto/), beside common at the bottom.
CONTRACT = ("compdata/", "google/")
LAYERS = [
    ("common/", ("common/",)),
    ("core/engine/", ("common/", "core/engine/")),
    ("core/ingest/", ("common/", "core/") + CONTRACT),
    ("db/", ("common/", "core/", "db/") + CONTRACT),
    ("server/", ("common/", "core/", "db/", "server/") + CONTRACT),
    ("client/", ("common/", "client/") + CONTRACT),
    ("datagen/", ("common/", "datagen/")),
]
# System headers a layer must not use, whatever it includes.
BANNED = [
    ("core/", ("grpcpp/", "grpc/", "pqxx/")),
    ("core/engine/", ("google/protobuf/",)),
    ("db/", ("grpcpp/", "grpc/")),
    ("common/", ("grpcpp/", "grpc/", "pqxx/")),
]
PROJECT_DIRS = ("common/", "core/", "db/", "server/", "client/", "datagen/",
                "tests/", "bench/") + CONTRACT
# Product code whose functions are held to the size limit (tests are not).
SIZED = ("common/", "core/", "db/", "server/", "client/", "datagen/", "bench/")

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
FUNCTION_START = re.compile(r"^[A-Za-z_~]")
NOT_FUNCTION = re.compile(
    r"^(namespace|class|struct|enum|union|extern|template|using|typedef|"
    r"#|static_assert)\b")


def tracked_sources():
    out = subprocess.check_output(["git", "ls-files", "*.cc", "*.h"], text=True)
    return [f for f in out.split() if os.path.exists(f)]


def layer_errors(path, lines):
    errors = []
    allowed = next((a for d, a in LAYERS if path.startswith(d)), None)
    banned = [b for d, bs in BANNED if path.startswith(d) for b in bs]
    for n, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        quote, target = m.groups()
        if quote == '"' and allowed is not None and \
                target.startswith(PROJECT_DIRS) and \
                not target.startswith(allowed):
            errors.append(f"{path}:{n}: includes {target}, a layer above it "
                          f"or beside it (allowed: {', '.join(allowed)})")
        if target.startswith(tuple(banned)) and not (
                quote == '"' and target.startswith(CONTRACT) and
                "google/protobuf/" not in banned):
            errors.append(f"{path}:{n}: includes {target}, which this layer "
                          "must not use")
    return errors


def function_errors(path, lines):
    """Top-level function bodies: Google style puts the signature at column 0
    and the closing brace alone at column 0."""
    errors = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not FUNCTION_START.match(line) or NOT_FUNCTION.match(line):
            i += 1
            continue
        # The signature runs to the line ending in "{" (or a ";": no body).
        j = i
        while j < len(lines) and j < i + 8 and not lines[j].rstrip().endswith(
                ("{", ";")):
            j += 1
        signature = " ".join(lines[i:j + 1])
        head = signature.split("(", 1)[0]
        if j >= len(lines) or not lines[j].rstrip().endswith("{") or \
                "(" not in signature or "=" in head:
            i = j + 1
            continue
        end = j + 1
        while end < len(lines) and lines[end] != "}":
            end += 1
        body = end - j - 1
        if body > MAX_FUNCTION_LINES:
            errors.append(f"{path}:{i + 1}: function of {body} lines (at most "
                          f"{MAX_FUNCTION_LINES}): {line.strip()[:60]}")
        i = end + 1
    return errors


def main():
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    errors = []
    for path in tracked_sources():
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        errors += layer_errors(path, lines)
        if path.startswith(SIZED):
            errors += function_errors(path, lines)
    for e in errors:
        print(e)
    if errors:
        print(f"check-shape: {len(errors)} problem(s); see docs/architecture.md")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
