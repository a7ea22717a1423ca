#!/usr/bin/env bash
# Quick start: install if needed, then run the bot on embedded defaults (console adapter, TinyDB, heuristic).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/digestbot run "$@"
