"""A table no reader knows, rescued in a real browser as a person would: the page shows
the file, she names the date and the metric, sees the result, remembers it, and runs
the check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from impact.strategy_file import parse_strategy
from storage.checks import list_checks, list_mappings, load_check
from storage.db import make_engine
from storage.repository import create_strategy
from tests.browser_support import CHROMIUM, running_app
from tests.test_browser_flow import ARTIFACTS, _wait_idle
from tests.test_check_rescue import BAKERY_PLAN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

# no column name any reader knows: 'Tag', 'Torten', 'Kasse'
UNKNOWN = "Tag;Torten;Kasse\n03.11.2026;12;1.234,50\n04.11.2026;8;980,00\n05.11.2026;11;1.101,25\n"


def _choose(page, label: str, option: str) -> None:
    # the select box whose visible label starts so (how the label is tied to the input
    # for assistive technology differs between Streamlit versions; what is seen does not)
    widget = page.locator("[data-testid=stSelectbox]").filter(
        has=page.locator("[data-testid=stWidgetLabel]", has_text=re.compile(label))
    )
    widget.get_by_role("combobox").click()
    page.keyboard.type(option.split(" (")[0])  # the list is long: type to narrow it, as a person would
    page.get_by_role("option", name=option, exact=True).click()
    _wait_idle(page)


def test_an_unrecognised_file_is_rescued_in_the_browser(page, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'rescue.db'}"
    engine = make_engine(url_db)
    stored = create_strategy(engine, parse_strategy(BAKERY_PLAN.encode("utf-8")))
    upload = tmp_path / "kasse-november.csv"
    upload.write_bytes(UNKNOWN.encode("cp1252"))
    with running_app(url_db) as url:
        page.set_default_timeout(30000)
        page.goto(f"{url}/check?strategy={stored.id}")
        page.get_by_role("heading", name="Datencheck").wait_for()
        page.locator("input[type=file]").set_input_files([str(upload)])
        page.get_by_text("Kein bekanntes Exportformat").wait_for()
        page.get_by_text("Diese Datei von Hand lesen").wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "rescue-before.png"), full_page=True)
        _choose(page, "^Tag", "Datum")
        _choose(page, "^Torten", "Bestellungen")
        _choose(page, "^Kasse", "Umsatz")
        page.get_by_text(
            re.compile(r"3 Zeilen gelesen · 03\.11\.2026 – 05\.11\.2026 · Bestellungen: 31 · Umsatz: 3\.315,75")
        ).wait_for()
        page.screenshot(path=str(ARTIFACTS / "rescue-result.png"), full_page=True)
        page.get_by_role("button", name="Übernehmen und merken").click()
        page.get_by_text(
            re.compile(r"kasse-november\.csv.*Tabelle \(CRM, Shop, Tabellenkalkulation\).*3 Zeilen gelesen")
        ).wait_for()
        _wait_idle(page)
        page.get_by_role("button", name="Check ausführen").click()
        page.get_by_role("heading", name="Ergebnisse").wait_for()
        _wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / "rescue-checked.png"), full_page=True)
    [remembered] = list_mappings(engine, stored.id)
    assert remembered.choices.columns == {"Tag": "date", "Torten": "orders", "Kasse": "revenue"}
    [saved] = list_checks(engine, stored.id)
    whole = [r for r in load_check(engine, saved.id).results if r["kpi"] == "vorbestellungen" and r["segment"] is None]
    assert [(r["period"], r["actual"]) for r in whole] == [("2026-11", 31)]
