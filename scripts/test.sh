#!/usr/bin/env bash
# The test command: install if needed, then run the whole suite (no network needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python -m pytest -q "$@"
