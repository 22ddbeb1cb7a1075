"""The README's screenshots, made from the running app as a browser test makes its own:
`make screenshots` (or `.venv/bin/python scripts/screenshots.py`) starts the app on a
throwaway SQLite database, opens the example strategy in Chromium and writes
docs/board.png (the KPI board) and docs/workshop.png (the workshop on a projector);
with a folder as its argument, there instead.
Run it when a page changes; the pictures then show the app as it is."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from impact.strategy_file import parse_strategy  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.repository import create_strategy  # noqa: E402
from storage.voting import room_for  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, running_app  # noqa: E402

EXAMPLE = ROOT / "examples" / "employer-branding.yaml"


def main(target: Path = ROOT / "docs") -> int:
    with tempfile.TemporaryDirectory() as work:
        url_db = f"sqlite:///{Path(work) / 'shots.db'}"
        engine = make_engine(url_db)
        strategy = parse_strategy(EXAMPLE.read_text(encoding="utf-8")).model_copy(update={"language": "en", "id": None})
        stored = create_strategy(engine, strategy)
        room_for(engine, stored.id or "")
        with running_app(url_db) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="en-US").new_page()
            page.set_default_timeout(60000)
            page.goto(f"{url}/board?strategy={stored.id}")
            page.locator(".iw-board").first.wait_for()
            page.wait_for_timeout(1500)
            page.screenshot(path=str(target / "board.png"))
            projector = browser.new_context(viewport={"width": 1600, "height": 900}, locale="en-US").new_page()
            projector.set_default_timeout(60000)
            projector.goto(f"{url}/workshop?strategy={stored.id}&projector=1")
            projector.locator(".iw-join-code").wait_for()
            projector.wait_for_timeout(1500)
            projector.screenshot(path=str(target / "workshop.png"))
            browser.close()
    print(f"{target / 'board.png'}\n{target / 'workshop.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"))
