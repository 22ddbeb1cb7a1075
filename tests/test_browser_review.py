"""Three monthly uploads and the review in a real browser, as the bakery owner makes
them (October, November, then a corrected October): the review's summary and the
pre-order tile as worked out by hand from the files, in German and English, on a
laptop and on a projector. Screenshots go to test-artifacts/ to be looked at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.db import make_engine
from storage.repository import create_strategy
from tests.browser_support import CHROMIUM, running_app
from tests.monthly import CORRECTED, NOVEMBER, UPLOADS, bakery_plan, month_sums
from tests.test_browser_flow import ARTIFACTS, _wait_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def test_three_monthly_uploads_reviewed_in_the_browser(page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'review.db'}"
    stored = create_strategy(make_engine(url_db), bakery_plan(total=400))
    november, corrected = month_sums(NOVEMBER[1])["2026-11"], month_sums(CORRECTED[1])["2026-10"]
    with running_app(url_db) as url:
        page.set_default_timeout(30000)
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.goto(f"{url}/check?strategy={stored.id}")
        page.get_by_role("heading", name="Datencheck").wait_for()
        for number, (name, data) in enumerate(UPLOADS, start=1):
            upload = tmp_path / name
            upload.write_bytes(data)
            page.locator("input[type=file]").set_input_files([str(upload)])
            page.get_by_text(name).first.wait_for()
            _wait_idle(page)
            page.get_by_role("button", name="Check ausführen").click()
            page.get_by_role("heading", name="Ergebnisse").wait_for()
            _wait_idle(page)
            shown = page.locator("[data-testid=stSelectbox]").filter(has_text="Bisherige Checks")
            assert f"Nr. {number} ·" in shown.text_content() + (shown.locator("input").get_attribute("value") or "")
            page.get_by_role("button", name="Entfernen").click()
            _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "review-check-page-de.png"), full_page=True)
        # the oldest check stays in view when guided mode is switched on (it used to jump to another)
        saved = page.locator("[data-testid=stSelectbox]").filter(has_text="Bisherige Checks")
        saved.click()
        page.get_by_role("option", name=re.compile(r"^Nr\. 1 · ")).click()
        _wait_idle(page)
        page.get_by_text("Geführter Modus").click()
        _wait_idle(page)
        shown = saved.text_content() + (saved.locator("input").get_attribute("value") or "")
        assert "Nr. 1 · " in shown and "bestellbuch-oktober.csv" in shown
        page.goto(f"{url}/review?strategy={stored.id}")
        # September 9, the corrected October 20, November 24: 400 by the end of 2027 is out of reach
        summary = "Nov. 2026: 0 von 2 KPIs erreicht, 1 im Rückstand, 1 ohne Daten"
        page.get_by_role("heading", name=summary).wait_for()
        page.get_by_text("Keine Datei hatte diese Eingangswerte: Anrufe (1 KPI), Routenanfragen (1 KPI)").wait_for()
        tile = page.locator("[data-testid=stMetric]").first
        assert tile.locator("[data-testid=stMetricValue]").inner_text() == f"{november:.0f}"
        assert f"+{november - corrected:.0f}" in tile.locator("[data-testid=stMetricDelta]").inner_text()
        page.get_by_text("es fehlen").first.wait_for()  # the gap to the total, said in words
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "review-laptop-de.png"), full_page=True)
        page.get_by_text("Verlauf · Vorbestellungen").first.click()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "review-history-de.png"), full_page=True)
        page.goto(f"{url}/review?strategy={stored.id}&lang=en")
        page.get_by_role("heading", name="Nov 2026: 0 of 2 KPIs met, 1 behind, 1 without data").wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "review-laptop-en.png"), full_page=True)
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{url}/review?strategy={stored.id}&projector=1&lang=en")
        page.get_by_role("button", name="Next KPI").wait_for()
        _wait_idle(page)
        assert page.locator("[data-testid=stMetric]").count() == 1  # one KPI at a time
        page.screenshot(path=str(ARTIFACTS / "review-projector.png"))
