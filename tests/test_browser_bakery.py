"""The owner of a bakery, alone one evening, in German, in a real browser: guided mode,
the quick start, her own card with a German formula, a target typed the German way,
her own spreadsheet checked, a milestone; the next day she reopens the strategy and
continues where she stopped. Screenshots at 1440 px and 390 px go to test-artifacts/
(looked at and described in the issue's closing note)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.db import make_engine
from storage.repository import list_strategies, list_versions, load_strategy
from tests.browser_support import CHROMIUM, running_app
from tests.test_browser_flow import ARTIFACTS, _wait_idle
from tests.test_no_data_reasons import BAKERY_CSV

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


GERMAN_EVENING = {"viewport": {"width": 1440, "height": 1000}, "locale": "de-DE", "timezone_id": "Europe/Berlin"}


def _after(page, selector: str) -> tuple[str, str]:
    """What a German reader sees in place of Streamlit's English: the element's own text
    size (0: hidden) and the text drawn after it."""
    size, text = page.locator(selector).first.evaluate(
        "e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]"
    )
    return size, text


def _nav(page, name: str) -> None:
    page.get_by_role("link", name=re.compile(rf"^\d\. {name}$")).click()
    _wait_idle(page)


def _tall(page, width: int) -> None:
    """Streamlit scrolls inside its main block, not the page: a screenshot of the whole
    page needs a window as tall as that block."""
    page.set_viewport_size({"width": width, "height": 1000})
    _wait_idle(page)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain] > div').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(height + 80, 844), 9000)})
    _wait_idle(page)


def _shot(page, name: str) -> None:
    for width in (1440, 390):
        _tall(page, width)
        page.screenshot(path=str(ARTIFACTS / f"bakery-{name}-{width}.png"))
    # no page wider than the phone: a wide table scrolls inside itself, it does not push the page
    width = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollWidth")
    assert width <= 390, (name, width)
    page.set_viewport_size({"width": 1440, "height": 1000})
    _wait_idle(page)


def test_a_bakery_owner_alone_one_evening_in_german(browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'bakery.db'}"
    engine = make_engine(url_db)
    spreadsheet = tmp_path / "umsatz-oktober.csv"
    spreadsheet.write_bytes(BAKERY_CSV)
    with running_app(url_db) as url:
        context = browser.new_context(
            viewport={"width": 1440, "height": 1000}, locale="de-DE", timezone_id="Europe/Berlin"
        )
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(f"{url}/?guided=1")
        page.get_by_label("Name der Strategie").fill("Bäckerei Sonnenschein – Social Media 2027")
        page.get_by_role("button", name="Strategie anlegen").click()
        page.get_by_role("heading", name="Branchenprofil").first.wait_for()
        page.get_by_label("Ihr Name (erscheint im Versionsverlauf)").fill("Inhaberin")
        page.get_by_label("Ihr Name (erscheint im Versionsverlauf)").press("Enter")
        _wait_idle(page)

        # the quick start for a local business, and what it says it did
        page.get_by_text("Lokales Geschäft", exact=True).first.click()
        _wait_idle(page)
        page.get_by_role("button", name="Meine Strategie aus diesem Profil entwerfen").click()
        page.get_by_text("Was der Schnellstart entworfen hat").wait_for()
        page.get_by_text("Noch zu entscheiden").wait_for()
        page.get_by_text("Vorbestellungen und Reservierungen").first.wait_for()
        _shot(page, "1-quick-start")

        # her own card: a German formula with a thousand written 1.000
        _nav(page, "KPI-Board")
        page.get_by_text("Eigene Karte schreiben").click()
        page.get_by_label("Titel").fill("Tortenvorbestellungen pro 1.000 Reichweite")
        formula = page.get_by_label("Formel", exact=True)
        formula.fill("Vorbestellungen ÷ Reichweite × 1.000")
        formula.press("Enter")
        page.get_by_text(re.compile("Formel in Ordnung")).wait_for()
        page.get_by_role("button", name="Karte anlegen und aufs Board legen").click()
        _wait_idle(page)
        [strategy] = list_strategies(engine)
        saved, _ = load_strategy(engine, strategy.id)
        [custom] = saved.custom_cards
        assert custom.formula == "pre_orders / reach * 1000"
        page.get_by_text("Vorbestellungen ÷ Reichweite × 1.000").first.wait_for()  # the card reads in words

        # a target the German way, a baseline that does not read: kept, with a message
        target = page.get_by_label("Zielwert").first
        target.fill("12,5")
        target.press("Enter")
        _wait_idle(page)
        baseline = page.get_by_label("Ausgangswert").first
        baseline.fill("ca. 50")
        baseline.press("Enter")
        _wait_idle(page)
        assert page.get_by_label("Zielwert").first.input_value() == "12,5"
        assert page.get_by_label("Ausgangswert").first.input_value() == "ca. 50"
        page.get_by_role("alert").filter(has_text="ca. 50").first.wait_for()
        _shot(page, "2-board")

        # her own spreadsheet, with Streamlit's uploader in German
        _nav(page, "Datencheck")
        assert _after(page, '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p') == (
            "0px",
            '"Dateien wählen"',
        )
        size, limits = _after(page, '.st-key-check_upload [data-testid="stFileUploaderDropzoneInstructions"] span')
        assert size == "0px" and limits.startswith('"bis 50 MB je Datei · CSV, TXT')
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(spreadsheet))
        page.get_by_text("„Tortenstücke“").first.wait_for()  # the column nothing read, said without a click
        page.get_by_role("button", name="Check ausführen").click()
        page.get_by_role("heading", name="Ergebnisse").wait_for()
        page.get_by_text(
            re.compile("keine hochgeladene Datei hat eine Spalte für Routenanfragen", re.I)
        ).first.wait_for()
        page.get_by_text(re.compile(r"Ist \(Okt\. 2026\)|Ist \(Nov\. 2026\)")).first.wait_for()
        _shot(page, "3-check")

        # a milestone, then the same again: said, not copied
        _nav(page, "Strategie")
        page.get_by_label("Notiz zum Meilenstein").fill("Erster Abend")
        page.get_by_role("button", name="Als Meilenstein markieren").click()
        _wait_idle(page)
        page.get_by_role("button", name="Als Meilenstein markieren").click()
        page.get_by_text(re.compile("Seit dem Meilenstein „Erster Abend“")).wait_for()
        page.get_by_text("Versionsverlauf", exact=True).click()
        page.get_by_text(re.compile(r"^🏁 Meilenstein „Erster Abend“ · Version 2–\d+")).wait_for()
        _shot(page, "4-strategy")
        history = list_versions(engine, strategy.id)
        assert [v.milestone for v in history].count("Erster Abend") == 1
        _nav(page, "Datencheck")  # where she stops tonight
        context.close()

        # the next evening, a fresh browser: open from the list, and she is back at the check
        context = browser.new_context(
            viewport={"width": 1440, "height": 1000}, locale="de-DE", timezone_id="Europe/Berlin"
        )
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(url)
        page.get_by_role("button", name="Öffnen").first.click()
        page.get_by_role("heading", name="Datencheck").first.wait_for()
        assert page.get_by_label("Ihr Name (erscheint im Versionsverlauf)").input_value() == "Inhaberin"
        assert page.get_by_role("switch", name="Geführter Modus").is_checked()
        context.close()
