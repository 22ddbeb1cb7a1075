#!/usr/bin/env bash
# Set up (once) and start the app on http://localhost:${PORT:-8501}, with SQLite under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m streamlit run asgi.py --server.port "${PORT:-8501}" "$@"
