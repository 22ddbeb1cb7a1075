#!/usr/bin/env bash
# Set up everything the app (and with --dev, the tests) need on a fresh machine.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
want_dev=0
[ "${1:-}" = "--dev" ] && want_dev=1

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Impact Workshop needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv || {
    echo "setup: could not create a virtual environment; on Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  }
fi

run_stamp=".venv/.run-$(sha256sum requirements.txt | cut -c1-16)"
dev_stamp=".venv/.dev-$(cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-16)"
if [ $want_dev = 1 ] && [ ! -f "$dev_stamp" ]; then
  echo "setup: installing Python packages (app and tests)"
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  touch "$dev_stamp" "$run_stamp"
elif [ $want_dev = 0 ] && [ ! -f "$run_stamp" ]; then
  echo "setup: installing Python packages"
  .venv/bin/python -m pip install --quiet -r requirements.txt
  touch "$run_stamp"
fi

# Debian packages, collected first so apt-get runs once:
# - Pango for the PDF report (WeasyPrint); without it the app says how to get it;
# - for the tests, Debian's chromium (browser tests) and postgresql (the storage tests
#   start their own throwaway server on a free port under /tmp).
packages=()
missing=()
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
fi
if [ $want_dev = 1 ] && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium fonts-dejavu-core fonts-noto-color-emoji)
  missing+=(chromium)
fi
if [ $want_dev = 1 ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  packages+=(postgresql)
  missing+=(postgresql)
fi
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian packages: ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: install once with: sudo apt-get install ${packages[*]}" >&2
    if [ ${#missing[@]} -gt 0 ]; then
      echo "setup: the tests need ${missing[*]}" >&2
      exit 1
    fi
  fi
fi
