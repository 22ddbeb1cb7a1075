"""A workshop as a facilitator runs it, in Chromium: the projector stage at 1920×1080 and
at 1280×720, phones in a standing room that follow the rounds without a reload, a tie
that the facilitator decides, and a screen window that follows the presenter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storage.db import make_engine
from storage.repository import create_strategy, load_strategy
from storage.voting import current_round, room_for
from tests.browser_support import CHROMIUM, running_app
from tests.factories import big_strategy

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no chromium")]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _inside(page, locator) -> None:
    """The element is wholly within the window: seen without scrolling."""
    box = locator.bounding_box()
    view = page.viewport_size
    assert box is not None, locator
    assert box["x"] >= 0 and box["y"] >= 0, (locator, box)
    assert box["x"] + box["width"] <= view["width"] + 0.5, (locator, box, view)
    assert box["y"] + box["height"] <= view["height"] + 0.5, (locator, box, view)


def _phone(browser, url: str, code: str):
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True, has_touch=True
    ).new_page()
    phone.set_default_timeout(30000)
    phone.goto(f"{url}/?join={code.lower()}")
    return phone


def _vote(phone, name: str, taps: list[int]) -> None:
    phone.get_by_label("Your name").fill(name)
    phone.get_by_label("Your name").press("Enter")
    phone.wait_for_timeout(500)
    for done, option in enumerate(taps, start=1):
        phone.get_by_role("button", name="+").nth(option).click()
        left = 3 - done
        phone.get_by_text(f"{left} of 3 dots left").wait_for()


def _stage_in_view(page, tied_label: str) -> None:
    """Code, tally and the round's actions (the tie's choice among them) without scrolling."""
    _inside(page, page.locator(".iw-join-code"))
    _inside(page, page.locator(".iw-join-qr"))
    _inside(page, page.locator(".iw-tally"))
    for name in (re.compile(r"^✅?\s*Adopt \d and close"), re.compile("^Adopt all"), "Close without adopting"):
        _inside(page, page.get_by_role("button", name=name))
    _inside(page, page.get_by_role("button", name=tied_label, exact=True))


def test_a_workshop_on_the_projector_with_phones_that_follow_and_a_screen_that_follows(browser, tmp_path, deck):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'room.db'}"
    engine = make_engine(url_db)
    stored = create_strategy(engine, big_strategy(deck, 15).model_copy(update={"language": "en"}))
    code = room_for(engine, stored.id).code  # the standing room: phones may join before any round
    with running_app(url_db) as url:
        facilitator = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
        facilitator.set_default_timeout(30000)
        facilitator.goto(f"{url}/workshop?strategy={stored.id}&projector=1")
        facilitator.get_by_role("button", name="Open the voting round").wait_for()
        _inside(facilitator, facilitator.get_by_role("button", name="Open the voting round"))
        _inside(facilitator, facilitator.locator(".iw-join-code"))
        assert facilitator.locator(".iw-join-code").inner_text() == code

        screen_link = facilitator.get_by_role("link", name="Open the screen window").get_attribute("href")
        screen = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="en-US").new_page()
        screen.set_default_timeout(30000)
        screen.goto(screen_link)
        screen.locator(".iw-join-code").wait_for()

        early = _phone(browser, url, code)  # in the room before the first round
        early.get_by_text("The first round appears here by itself").wait_for()

        facilitator.get_by_role("button", name="Open the voting round").click()
        facilitator.get_by_text("0 people voted").wait_for()
        voting = current_round(engine, stored.id)
        assert voting is not None and voting.is_open
        early.get_by_role("heading", name=voting.title).wait_for()  # no reload, no tap
        early.locator(".iw-ballot-label").first.wait_for()
        assert early.locator(".iw-ballot-label").first.inner_text().startswith(voting.options[0].label)
        assert early.locator(".iw-ballot-q").first.inner_text() == voting.options[0].detail  # the card's question
        badge = "Metric, not a KPI" if voting.options[0].kind == "metric" else "KPI"
        assert early.locator(".iw-ballot-label").first.get_by_text(badge, exact=True).count() == 1
        early.wait_for_function(  # − and + side by side on a phone, once the row is laid out
            """() => { const row = document.querySelector("[class*='st-key-vote_row_']");
              const shown = row ? [...row.querySelectorAll("button")].map((b) => b.getBoundingClientRect()) : [];
              const b = shown.filter((r) => r.width > 0);
              if (b.length !== 2) return false;
              const [m, p] = b;
              return Math.abs(m.top - p.top) < 2 && p.left >= m.right; }"""
        )

        labels = [o.label for o in voting.options]
        # three people, dots 3 / 2 / 2 / 2: a tie of three for the last two of the top 3
        _vote(early, "Ada", [0, 0, 0])
        bo = _phone(browser, url, code)
        _vote(bo, "Bo", [1, 1, 2])
        cy = _phone(browser, url, code)
        _vote(cy, "Cy", [2, 3, 3])
        early.screenshot(path=str(ARTIFACTS / "room-phone-ballot.png"), full_page=True)

        facilitator.get_by_text("3 people voted").wait_for()  # live, without a click
        facilitator.get_by_text("Tie (2 dots each) for the last 2 places").wait_for()
        expect(facilitator.locator(".iw-tie")).to_have_count(3)
        first_row = facilitator.locator(".iw-tally-row").first
        assert first_row.locator(".iw-tally-label").inner_text() == labels[0]
        assert first_row.locator(".iw-tally-n").inner_text() == "3 dots · 1 person"
        _stage_in_view(facilitator, labels[1])
        facilitator.screenshot(path=str(ARTIFACTS / "room-stage-1920.png"))

        small = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-US").new_page()
        small.set_default_timeout(30000)
        small.goto(f"{url}/workshop?strategy={stored.id}&projector=1")
        small.get_by_text("Tie (2 dots each) for the last 2 places").wait_for()
        _stage_in_view(small, labels[1])
        small.screenshot(path=str(ARTIFACTS / "room-stage-1280.png"))
        small.context.close()

        screen.get_by_text("3 people voted").wait_for()
        expect(screen.locator(".iw-tie")).to_have_count(3)
        assert screen.locator("button:visible").count() == 0  # the screen window has no controls
        screen.screenshot(path=str(ARTIFACTS / "room-screen-round.png"))

        facilitator.get_by_role("button", name=labels[1], exact=True).click()
        facilitator.get_by_role("button", name=labels[2], exact=True).click()
        facilitator.get_by_role("button", name="Adopt 3 and close").click()
        facilitator.get_by_text("3 winners adopted.").wait_for()
        laid, _ = load_strategy(engine, stored.id)
        awareness = [k.card for k in laid.kpis_in(voting.subject.split(":")[1])]
        assert {o.id for o in voting.options[:3]} <= set(awareness) and voting.options[3].id not in awareness

        early.get_by_text("The next round appears here by itself").wait_for()  # told without a tap
        expect(facilitator.get_by_text("Work on stage", exact=True)).to_have_count(1)
        facilitator.get_by_text("Suggested goals", exact=True).click()
        expect(facilitator.get_by_text("Work on stage", exact=True)).to_have_count(0)  # a goals round has no stage
        facilitator.get_by_role("button", name="Open the voting round").click()
        facilitator.get_by_role("heading", name="Which goals matter most?").wait_for()
        goals = current_round(engine, stored.id)
        assert goals.id != voting.id and goals.subject == "goals"
        early.get_by_role("heading", name=goals.title).wait_for()  # the same phone, the next round
        expect(early.locator(".iw-ballot-label .iw-badge").first).to_have_text(re.compile("^(Hard|Soft) goal$"))

        facilitator.get_by_role("link", name=re.compile("^10")).click()  # the room view, still in projector mode
        facilitator.get_by_text("Step 1 of 5: Industry profile").wait_for()
        screen.get_by_text("Step 1 of 5: Industry profile").wait_for()  # the screen follows the step
        facilitator.get_by_role("button", name="Next step").click()
        facilitator.get_by_text("Step 2 of 5: Goals").wait_for()
        facilitator.get_by_role("button", name="Next step").click()
        facilitator.get_by_text("Step 3 of 5: KPI board").wait_for()
        screen.get_by_text("Step 3 of 5: KPI board").wait_for()
        cards = facilitator.locator("[class*='st-key-room_card_'] .iw-card")  # the stage's, not the whole board's
        assert len(laid.kpis_in("awareness")) == 6
        expect(cards).to_have_count(6)
        for index in range(cards.count()):  # every card of the stage on the screen at 1080 px
            _inside(facilitator, cards.nth(index))
        assert facilitator.get_by_role("button", name=re.compile("Consideration")).count() == 1  # arrows named
        facilitator.screenshot(path=str(ARTIFACTS / "room-board-1920.png"))

        title = cards.first.locator(".iw-card-title").inner_text()
        box = cards.first.bounding_box()
        facilitator.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a click on the card
        facilitator.get_by_role("heading", name=title, level=1).wait_for()
        screen.get_by_role("heading", name=title, level=1).wait_for()  # and the screen shows it too
        screen.screenshot(path=str(ARTIFACTS / "room-screen-card.png"))
        for page in (early, bo, cy, screen, facilitator):
            page.context.close()
