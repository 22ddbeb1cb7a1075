#!/usr/bin/env bash
# Set up (once) and run every test: domain, storage on SQLite and PostgreSQL, pages,
# browser walks, hostile input. Arguments go to pytest (e.g. -k check, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
