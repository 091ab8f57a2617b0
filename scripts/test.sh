#!/usr/bin/env bash
# Installs TQRS with its test dependencies (first time only), lints (scripts/lint.sh) and runs
# the whole test suite. Both run; the command fails if either does.
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
lint=0
scripts/lint.sh || lint=$?
tests=0
.venv/bin/python -m pytest "$@" || tests=$?
if [ "$lint" -ne 0 ]; then
  echo "test.sh: FAILED: lint (ruff check / ruff format --check; see the lint failed lines)" >&2
  exit 1
fi
exit "$tests"
