#!/usr/bin/env bash
# ruff (lint and format) over everything, mypy strict over the domain and the database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/python -m ruff check .
.venv/bin/python -m ruff format --check .
.venv/bin/python -m mypy
