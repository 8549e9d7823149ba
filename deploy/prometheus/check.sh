#!/usr/bin/env bash
# The rules parse (promtool check rules) and behave as their unit tests say
# (promtool test rules): run by ctest as unit.promtool_rules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
promtool check rules rules.yml
promtool test rules rules_test.yml
