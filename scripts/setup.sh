#!/usr/bin/env bash
# Set up everything the app (and with --dev, the tests) need on a fresh machine, from
# the lock file. Works as root and as a normal user, needs neither pip nor python3-venv
# (uv builds the environment; it is fetched from the Python Package Index if missing),
# rebuilds a broken .venv, and names in one line what it cannot install itself.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
want_dev=0
[ "${1:-}" = "--dev" ] && want_dev=1
say() { echo "setup: $*" >&2; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  say "Impact Workshop needs Python 3.11 or newer; on Debian: apt-get install python3"
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Impact Workshop needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))."
  exit 1
fi

# uv: given, on PATH, fetched before, or fetched now (standard library only)
UV=${UV:-}
if [ -z "$UV" ]; then
  if command -v uv >/dev/null 2>&1; then
    UV=$(command -v uv)
  elif [ -x .tools/uv ]; then
    UV=.tools/uv
  else
    say "fetching uv (it builds the environment) from the Python Package Index"
    "$PYTHON" scripts/get_uv.py .tools/uv || { say "could not fetch uv; install it once with: pip install uv"; exit 1; }
    UV=.tools/uv
  fi
fi
export UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_NO_PROGRESS=1 UV_NATIVE_TLS=1  # the system's certificates, as pip and curl use them

# the environment: rebuilt when broken, synced from uv.lock when the lock changed
if [ -e .venv ] && ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  say "the environment in .venv is broken; building it again"
  rm -rf .venv
fi
# the checkout's own path counts too: the project is installed "editable" (pointing at
# this folder), so a moved checkout, or a .venv shared with another one, is synced again
# ("bytecode": packages are installed compiled, so that no start compiles them again)
lock=$( (cat uv.lock pyproject.toml; pwd -P; echo bytecode) | sha256sum | cut -c1-16)
if [ $want_dev = 1 ] && [ ! -f ".venv/.synced-dev-$lock" ]; then
  say "installing Python packages from uv.lock (app and tests)"
  "$UV" sync --frozen --quiet --compile-bytecode --python "$PYTHON"
  rm -f .venv/.synced-*
  touch ".venv/.synced-dev-$lock" ".venv/.synced-run-$lock"
elif [ $want_dev = 0 ] && [ ! -f ".venv/.synced-run-$lock" ]; then
  say "installing Python packages from uv.lock"
  "$UV" sync --frozen --quiet --no-dev --inexact --compile-bytecode --python "$PYTHON"
  touch ".venv/.synced-run-$lock"
fi
# the app's own modules compiled too (only what changed; Python does it by itself on
# import, unless PYTHONDONTWRITEBYTECODE is set, as on some build machines)
.venv/bin/python -m compileall -q impact impact_cli workshop storage ui views web app.py asgi.py >/dev/null || true

# Debian packages, collected first so apt-get runs once:
# - Pango for the PDF report (WeasyPrint); without it the app says how to get it;
# - for the tests, Debian's chromium (browser tests), postgresql (the storage tests
#   start their own throwaway server on a free port under /tmp) and caddy (the hosting
#   test puts deploy/Caddyfile in front of two app processes).
has_lib() {
  local dir
  for dir in /usr/lib/*-linux-gnu /lib/*-linux-gnu /usr/lib64 /usr/lib; do
    compgen -G "$dir/$1*" >/dev/null && return 0
  done
  return 1
}
packages=()
needed=()
if ! has_lib libpangoft2-1.0.so.0; then
  packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
fi
if [ $want_dev = 1 ] && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium fonts-dejavu-core fonts-noto-color-emoji)
  needed+=(chromium)
fi
if [ $want_dev = 1 ] && ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  packages+=(postgresql)
  needed+=(postgresql)
fi
if [ $want_dev = 1 ] && ! command -v caddy >/dev/null 2>&1 && [ ! -x /usr/bin/caddy ]; then
  packages+=(caddy)  # the hosting test runs deploy/Caddyfile in front of two app processes
  needed+=(caddy)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  elif [ ${#needed[@]} -gt 0 ]; then
    say "the tests need ${needed[*]}: install once with: sudo apt-get install ${packages[*]}"
    exit 1
  else
    say "not installed (needs root): ${packages[*]}; the app runs, PDFs need them: sudo apt-get install ${packages[*]}"
  fi
fi
