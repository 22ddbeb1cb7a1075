"""Running the real app for browser tests: a Streamlit server on a free port."""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_app(options: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``streamlit run asgi.py`` as scripts/run.sh serves it, its output kept for a failure."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "asgi.py", *options],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], timeout: float, what: str) -> None:
    """Until ``url``/_stcore/health answers 200; the process's output if it dies or never does.
    Certificates are not checked (a test proxy's own CA)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"{what} did not start:\n{output[-3000:]}")
        time.sleep(0.2)


@contextlib.contextmanager
def running_app(database_url: str, timeout: float = 60, *, port: int | None = None, secrets: Path | None = None):
    """The app as scripts/run.sh serves it (asgi.py); ``secrets`` names a secrets.toml (sign-in)."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    options = ["--server.port", str(port), "--server.headless", "true"]
    if secrets is not None:
        options += ["--secrets.files", str(secrets)]
    process = launch_app(options, env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, timeout, "the app")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
