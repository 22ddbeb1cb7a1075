#!/usr/bin/env bash
# requirements.txt from uv.lock: the app's packages (no test tools), pinned exactly as
# the lock pins them, for whoever installs with pip: pip install -r requirements.txt.
# Run after every change of uv.lock (make lock does); a test fails while they disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
UV=${UV:-$(command -v uv || echo .tools/uv)}
[ -x "$UV" ] || { bash scripts/setup.sh >/dev/null; UV=.tools/uv; }
"$UV" export --frozen --no-dev --no-emit-project --no-hashes --format requirements-txt --quiet -o requirements.txt
