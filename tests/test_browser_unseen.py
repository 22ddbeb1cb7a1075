"""A real German YouTube Studio download in a real browser, as the owner would meet
it: the totals file alone says its views could be three things and she chooses; the
whole download counts the channel's total, not the 500 videos listed, and says so
with the numbers as she writes them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from impact.strategy_file import parse_strategy
from storage.db import make_engine
from storage.repository import create_strategy
from tests.browser_support import CHROMIUM, running_app
from tests.test_browser_flow import ARTIFACTS, _wait_idle
from tests.test_browser_rescue import _choose

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

DOWNLOAD = Path(__file__).resolve().parent / "real_exports" / "youtube" / "raphaeloe+Youtube"
PLAN = """format: impact-strategy/1
name: Maschinenbau Kanal
language: de
goals:
  - {id: sichtbar, title: Mehr Menschen sehen unsere Maschinen, area: awareness, hard: false}
kpis:
  - {card: videoaufrufe, stage: awareness, goal: sichtbar, target: 30000, period: month,
     owner: {department: marketing}}
custom_cards:
  - id: videoaufrufe
    stage: awareness
    kind: kpi
    title: {de: Videoaufrufe, en: Video views}
    question: {de: "Wie oft werden unsere Videos angesehen?", en: "How often are our videos watched?"}
    formula: video_views
    unit: count
    direction: up
    inputs: [video_views]
    owner: marketing
"""


def test_a_german_youtube_download_is_read_right_in_the_browser(page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'youtube.db'}"
    stored = create_strategy(make_engine(url_db), parse_strategy(PLAN.encode("utf-8")))
    totals = tmp_path / "Gesamtwerte.csv"
    totals.write_bytes((DOWNLOAD / "Gesamtwerte.csv").read_bytes())
    with running_app(url_db) as url:
        page.set_default_timeout(30000)
        page.goto(f"{url}/check?strategy={stored.id}")
        page.get_by_role("heading", name="Datencheck").wait_for()
        page.locator("input[type=file]").set_input_files([str(totals)])
        page.get_by_text(re.compile("„Aufrufe“ kann Impressionen, Videoaufrufe oder Seitenaufrufe bedeuten")).wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "unseen-ambiguous.png"), full_page=True)
        _choose(page, "^Aufrufe", "Videoaufrufe")
        page.get_by_text(
            re.compile(r"366 Zeilen gelesen · 01\.01\.2020 – 31\.12\.2020 · Videoaufrufe: 405\.712")
        ).wait_for()
        page.screenshot(path=str(ARTIFACTS / "unseen-chosen.png"), full_page=True)

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in ("Tabellendaten.csv", "Diagrammdaten.csv", "Gesamtwerte.csv"):
                archive.writestr(name, (DOWNLOAD / name).read_bytes())
        whole = tmp_path / "Kanal-Analytics 2020.zip"
        whole.write_bytes(buffer.getvalue())
        page.goto(f"{url}/check?strategy={stored.id}")
        page.get_by_role("heading", name="Datencheck").wait_for()
        page.locator("input[type=file]").set_input_files([str(whole)])
        page.get_by_text(re.compile(r"„Impressionen“ 3\.645\.609, ihre Zeilen ergeben 3\.616\.943")).wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "unseen-total-row.png"), full_page=True)
