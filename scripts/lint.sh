#!/usr/bin/env bash
# ruff check and ruff format --check over the project (pyproject.toml's settings); exits 1
# with one line per failed check on stderr. scripts/test.sh runs it.
#   scripts/lint.sh            (RUFF=path overrides .venv/bin/ruff)
set -uo pipefail
cd "$(dirname "$0")/.."
ruff=${RUFF:-.venv/bin/ruff}
failed=0
if ! "$ruff" check --quiet .; then
  echo "lint failed: ruff check found problems (see above; '$ruff check --fix .' fixes many)" >&2
  failed=1
fi
if ! "$ruff" format --check --quiet .; then
  echo "lint failed: files not formatted by ruff format (see above; run '$ruff format .')" >&2
  failed=1
fi
exit $failed
