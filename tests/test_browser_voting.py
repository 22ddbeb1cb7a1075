"""Voting across two browsers: a participant's phone and the facilitator's screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storage.db import make_engine
from storage.repository import create_strategy
from storage.voting import ballots, current_round, room_for
from tests.browser_support import CHROMIUM, running_app
from tests.factories import big_strategy

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def test_a_participant_votes_and_the_facilitator_sees_the_tally_move(browser, tmp_path, deck):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'vote.db'}"
    strategy = big_strategy(deck, 5).model_copy(update={"language": "en"})
    stored = create_strategy(make_engine(url_db), strategy)
    with running_app(url_db) as url:
        facilitator = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
        facilitator.set_default_timeout(30000)
        facilitator.goto(f"{url}/workshop?strategy={stored.id}")
        facilitator.get_by_role("heading", name="Workshop in the room").wait_for()
        facilitator.get_by_role("button", name="Open the voting round").click()
        facilitator.get_by_text("0 people voted").wait_for()  # the round is open (the room's QR code shows before)
        voting = current_round(make_engine(url_db), stored.id)
        assert voting is not None and voting.is_open

        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True, has_touch=True
        ).new_page()
        phone.set_default_timeout(30000)
        phone.goto(f"{url}/?join={room_for(make_engine(url_db), stored.id).code.lower()}")
        phone.get_by_role("heading", name=voting.title).wait_for()
        assert phone.get_by_role("link", name=re.compile("KPI board")).count() == 0  # the code opens nothing else
        phone.get_by_label("Your name").fill("Ada")
        phone.get_by_label("Your name").press("Enter")
        phone.wait_for_timeout(500)
        phone.get_by_role("button", name="+").first.click()
        phone.get_by_text("2 of 3 dots left").wait_for()
        phone.get_by_role("button", name="+").first.click()
        phone.get_by_text("1 of 3 dots left").wait_for()
        phone.screenshot(path=str(ARTIFACTS / "phone-voting.png"))

        first = voting.options[0].label
        facilitator.get_by_text("1 person voted").wait_for()  # live, without a click
        row = facilitator.locator(".iw-tally-row").first
        expect(row.locator(".iw-tally-n")).to_have_text("2 dots · 1 person")  # both dots, as they arrive
        assert row.locator(".iw-tally-label").inner_text() == first
        facilitator.screenshot(path=str(ARTIFACTS / "facilitator-tally.png"))

        phone.reload()  # a reload of the phone keeps the dots
        phone.get_by_text("1 of 3 dots left").wait_for()
        assert (
            ballots(make_engine(url_db), voting.id)
            and sum(next(iter(ballots(make_engine(url_db), voting.id).values())).values()) == 2
        )

        facilitator.get_by_role("button", name=re.compile("Adopt the winner")).click()
        facilitator.get_by_text("1 winner adopted.").wait_for()
        phone.get_by_text("This round has ended. Thank you!").wait_for()  # without a reload


def test_the_projector_board_reads_from_the_back_of_the_room(browser, tmp_path, deck):
    url_db = f"sqlite:///{tmp_path / 'room.db'}"
    stored = create_strategy(make_engine(url_db), big_strategy(deck, 15).model_copy(update={"language": "de"}))
    with running_app(url_db) as url:
        page = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE").new_page()
        page.set_default_timeout(30000)
        page.goto(f"{url}/room?strategy={stored.id}&projector=1")
        page.get_by_text(re.compile("Schritt 1 von 5")).wait_for()
        # the projector style arrives with the page's elements: wait for it rather than sample once
        page.wait_for_function(
            "() => { const s = document.querySelector('[data-testid=\"stSidebar\"]');"
            " return !s || getComputedStyle(s).display === 'none'; }"
        )
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        page.wait_for_function(
            "() => parseFloat(getComputedStyle(document.querySelector('.stMarkdown p')).fontSize) >= 24"
        )
        size = page.evaluate("getComputedStyle(document.querySelector('.stMarkdown p')).fontSize")
        assert float(size.rstrip("px")) >= 24
        for _ in range(2):
            page.get_by_role("button", name=re.compile("Nächster Schritt")).click()
            page.wait_for_timeout(600)
        page.get_by_text(re.compile("Schritt 3 von 5")).wait_for()
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "projector-board.png"))
        page.get_by_role("button", name=re.compile("^Groß öffnen: ")).first.focus()
        page.keyboard.press("Enter")  # the card's button is reachable by keyboard
        page.get_by_role("button", name=re.compile("^Zurück zu ")).wait_for()
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "projector-card.png"))
