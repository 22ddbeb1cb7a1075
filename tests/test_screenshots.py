"""The README's screenshots are made by a script from the running app (make screenshots):
it must keep working, or the pictures go stale again."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")]


def _size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_screenshot_script_draws_the_board_and_the_workshop(tmp_path):
    root = Path(__file__).resolve().parent.parent
    made = subprocess.run(  # as make runs it: a process of its own (no test's event loop around it)
        [sys.executable, str(root / "scripts" / "screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert _size(tmp_path / "board.png") == (1600, 1000)
    assert _size(tmp_path / "workshop.png") == (1600, 900)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "(docs/board.png)" in readme and "(docs/workshop.png)" in readme  # the ones the README shows
