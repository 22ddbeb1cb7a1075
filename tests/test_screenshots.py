"""The README's screenshots are made by a script from the running app (make screenshots):
it must keep working, or the pictures go stale again."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")]


def _size(png: Path) -> tuple[int, int]:
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_screenshot_script_draws_the_board_and_the_workshop(tmp_path):
    from scripts.screenshots import main

    assert main(tmp_path) == 0
    assert _size(tmp_path / "board.png") == (1600, 1000)
    assert _size(tmp_path / "workshop.png") == (1600, 900)
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "(docs/board.png)" in readme and "(docs/workshop.png)" in readme  # the ones the README shows
