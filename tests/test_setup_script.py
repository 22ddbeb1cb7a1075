"""The README's set-up, run for real on a fresh copy of the repository: as root and as
a normal user, without pip or make, and again over a broken environment."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git to make a fresh copy")
# Proxies and certificates of this machine still apply; nothing else of the caller's environment does.
PASSED_ON = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
)


def _fresh_copy(target: Path) -> Path:
    """What a newcomer gets: the committed tree, no .venv, no uv of its own."""
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    return target


def _setup(checkout: Path, *, user: str | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    env |= {k: os.environ[k] for k in PASSED_ON if k in os.environ}
    if (ROOT / ".tools" / "uv").exists():
        env["UV"] = str(ROOT / ".tools" / "uv")  # the copy would fetch the same uv; fetched once is enough
    command = ["bash", "scripts/setup.sh"]
    if user is not None:
        home = pwd.getpwnam(user).pw_dir
        env["HOME"] = home
        runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        command = [runuser, "-u", user, "--", "env", *[f"{k}={v}" for k, v in env.items()], *command]
    return subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=900, check=False)


def test_set_up_on_a_fresh_copy_and_again_over_a_broken_environment(tmp_path):
    checkout = _fresh_copy(tmp_path / "app")
    first = _setup(checkout)
    assert first.returncode == 0, first.stderr
    impact = checkout / ".venv" / "bin" / "impact"
    listed = subprocess.run(
        [str(impact), "--lang", "en", "validate", "examples/employer-branding.yaml"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0 and "valid: 2 goals, 8 KPIs" in listed.stdout

    (checkout / ".venv" / "bin" / "python").unlink()  # a half-made environment, as a failed venv leaves it
    again = _setup(checkout)
    assert again.returncode == 0, again.stderr
    assert "the environment in .venv is broken; building it again" in again.stderr
    assert subprocess.run([str(impact), "--help"], capture_output=True, check=False).returncode == 0


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("useradd") is None, reason="needs root to make a user")
def test_set_up_as_a_normal_user_installs_nothing_system_wide(tmp_path):
    user = "impactsetup"  # the test's own user: made here, and removed with its home (uv's cache, ~1 GB) after
    if subprocess.run(["id", user], capture_output=True, check=False).returncode != 0:
        subprocess.run(["useradd", "-m", user], check=True)
    home = Path(pwd.getpwnam(user).pw_dir)
    try:
        _set_up_as(user)
    finally:
        subprocess.run(["userdel", "--remove", user], capture_output=True, check=False)
        assert subprocess.run(["id", user], capture_output=True, check=False).returncode != 0, "the user is left"
        assert not home.exists(), "its home is left"


def _set_up_as(user: str) -> None:
    home = Path(pwd.getpwnam(user).pw_dir)
    checkout = home / "impact-workshop"
    shutil.rmtree(checkout, ignore_errors=True)
    _fresh_copy(checkout)
    subprocess.run(["chown", "-R", user, str(checkout)], check=True)
    result = _setup(checkout, user=user)
    assert result.returncode == 0, result.stderr
    assert "installing Debian packages" not in result.stderr  # no apt-get without root
    owner = pwd.getpwuid((checkout / ".venv").stat().st_uid).pw_name
    assert owner == user
