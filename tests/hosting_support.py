"""A hosted installation for the tests: several app processes (``streamlit run asgi.py``)
on one database, behind Caddy running the repository's own deploy/Caddyfile, all on
free ports under a temporary directory, all stopped afterwards."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser_support import ROOT, free_port, launch_app, wait_until_healthy

CADDY = shutil.which("caddy") or "/usr/bin/caddy"
CADDYFILE = ROOT / "deploy" / "Caddyfile"


@dataclass
class AppProcess:
    """One app process; ``restart`` stops it and starts it again on the same port."""

    port: int
    env: dict[str, str]
    secrets: Path
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def launch(self) -> None:
        options = ["--server.port", str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true"]
        self.process = launch_app([*options, "--secrets.files", str(self.secrets)], self.env)

    def wait(self, timeout: float = 90) -> None:
        assert self.process is not None
        wait_until_healthy(f"http://127.0.0.1:{self.port}", self.process, timeout, f"app on {self.port}")

    def start(self) -> None:
        self.launch()
        self.wait()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.log.write_bytes(self.process.stdout.read())
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@dataclass
class Hosted:
    url: str  # the proxy's https address
    apps: list[AppProcess] = field(default_factory=list)


@contextlib.contextmanager
def hosted(database_url: str, secrets: Path, processes: int = 2) -> Iterator[Hosted]:
    """``processes`` app processes behind Caddy on https://localhost:PORT."""
    work = Path(tempfile.mkdtemp(prefix="impact-hosted-"))
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    apps = [AppProcess(free_port(), env, secrets, work / f"app-{n}.log") for n in range(processes)]
    caddy: subprocess.Popen[bytes] | None = None
    try:
        for app in apps:  # started together: the migration lock is part of what is tested
            app.launch()
        for app in apps:
            app.wait()
        https, http = free_port(), free_port()
        config = work / "Caddyfile"
        # The test's own global options (no admin endpoint, no system trust store, ports of
        # its own), then the repository's site block exactly as docs/hosting.md gives it.
        config.write_text(
            f"{{\n\tadmin off\n\tskip_install_trust\n\thttp_port {http}\n\thttps_port {https}\n"
            f"\tstorage file_system {work / 'caddy-data'}\n\tauto_https disable_redirects\n}}\n\n"
            + CADDYFILE.read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        caddy_env = {
            **os.environ,
            "IMPACT_SITE": f"localhost:{https}",
            "IMPACT_TLS": "internal",
            "IMPACT_UPSTREAMS": " ".join(f"127.0.0.1:{a.port}" for a in apps),
            "XDG_DATA_HOME": str(work / "xdg-data"),
            "XDG_CONFIG_HOME": str(work / "xdg-config"),
            "HOME": str(work),
        }
        caddy = subprocess.Popen(
            [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"],
            env=caddy_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        wait_until_healthy(f"https://localhost:{https}", caddy, 60, "caddy")
        yield Hosted(f"https://localhost:{https}", apps)
    finally:
        if caddy is not None:
            caddy.terminate()
            try:
                caddy.wait(timeout=10)
            except subprocess.TimeoutExpired:
                caddy.kill()
        for app in apps:
            app.stop()
        shutil.rmtree(work, ignore_errors=True)
