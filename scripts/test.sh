#!/usr/bin/env bash
# Installs TQRS with its test dependencies (first time only) and runs the whole test suite.
#   scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
