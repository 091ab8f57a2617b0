#!/usr/bin/env bash
# Installs TQRS (first time only) and opens the workbench on the bundled sample data.
# No API key needed: without LLM credentials the offline judge is used.
#   scripts/run.sh [--port N]   (or PORT=N scripts/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
tqrs=.venv/bin/tqrs
# Idempotent: the second time this finds the sample session and stores nothing.
$tqrs ingest data/samples/incidents.json --name "Sample incidents" | tail -n 1 > /dev/null
# The sample SOPs for the knowledge base (embedded locally the first time; then a no-op).
$tqrs kb add data/samples/knowledge/* > /dev/null
# The port: PORT, or --port N / --port=N among the arguments (the last one wins, as in `tqrs serve`).
port=${PORT:-8501}
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --port) port=${args[i + 1]:-$port} ;;
    --port=*) port=${args[i]#--port=} ;;
  esac
done
echo "TQRS workbench: http://localhost:${port}  (Ctrl+C stops it)"
exec $tqrs serve --port "${PORT:-8501}" "$@"
