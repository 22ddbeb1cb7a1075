"""Two people on one strategy in two real browsers: the later save is a conflict,
"keep both" keeps both; then the history, a diff and a restore, as a consultant uses them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage.db import make_engine
from storage.repository import create_strategy, list_versions, load_strategy
from tests.browser_support import CHROMIUM, running_app
from tests.factories import big_strategy
from tests.test_browser_flow import ARTIFACTS, _wait_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def _details(page, field: str, value: str) -> None:
    page.get_by_text("Name, organisation, language").click()
    page.get_by_label(field).fill(value)
    page.get_by_role("button", name="Save", exact=True).click()


def test_two_browsers_keep_both_then_history_diff_and_restore(browser, tmp_path, deck):
    ARTIFACTS.mkdir(exist_ok=True)
    url_db = f"sqlite:///{tmp_path / 'two.db'}"
    engine = make_engine(url_db)
    stored = create_strategy(engine, big_strategy(deck, 8, name="Shared plan").model_copy(update={"language": "en"}))
    with running_app(url_db) as url:
        anna_context = browser.new_context(viewport={"width": 1400, "height": 1300}, locale="en-US")
        ben_context = browser.new_context(viewport={"width": 1400, "height": 1300}, locale="en-US")
        anna, ben = anna_context.new_page(), ben_context.new_page()
        for page, name in ((anna, "Anna"), (ben, "Ben")):
            page.set_default_timeout(20000)
            page.goto(f"{url}/strategy?strategy={stored.id}&lang=en")
            page.get_by_role("heading", name="Shared plan").wait_for()
            page.get_by_label("Your name (shown in the version history)").fill(name)
            page.get_by_label("Your name (shown in the version history)").press("Enter")
            _wait_idle(page)

        _details(anna, "Organisation", "Anna's Bakery")
        anna.get_by_text("Saved automatically · version 2").wait_for()
        _details(ben, "Name of the strategy", "Shared plan 2027")  # Ben's screen still shows version 1
        ben.get_by_text("Someone else saved this strategy in the meantime (now version 2)").wait_for()
        ben.screenshot(path=str(ARTIFACTS / "conflict.png"))
        assert load_strategy(engine, stored.id)[0].name == "Shared plan"  # nothing overwritten
        ben.get_by_role("button", name="Keep both (their changes and mine)").click()
        ben.get_by_text("Saved automatically · version 3").wait_for()
        latest, version = load_strategy(engine, stored.id)
        assert (version, latest.name, latest.organisation) == (3, "Shared plan 2027", "Anna's Bakery")

        anna.reload()
        anna.get_by_role("heading", name="Shared plan 2027").wait_for()
        anna.get_by_text("Version history", exact=True).click()
        anna.get_by_text("3 versions in 3 sittings. Every change is saved as a version").wait_for()
        # one entry per sitting, newest first: Ben's merge, Anna's change, the creation
        sittings = anna.get_by_text(re.compile(r"^Version \d · "))
        sittings.first.wait_for()
        labels = sittings.all_inner_texts()
        assert [label.split(" · ")[0] for label in labels] == ["Version 3", "Version 2", "Version 1"], labels
        assert labels[0].split(" · ")[2] == "Ben"
        anna.get_by_text("1 change from version 2 to version 3:").wait_for()
        anna.get_by_text("Restore an earlier version").scroll_into_view_if_needed()
        _wait_idle(anna)
        anna.screenshot(path=str(ARTIFACTS / "history.png"), full_page=True)
        anna.get_by_role("button", name="Restore").click()  # the version before the latest: 2
        anna.get_by_text("Saved automatically · version 4").wait_for()
        history = list_versions(engine, stored.id)
        assert [(v.version, v.author) for v in history] == [(4, "Anna"), (3, "Ben"), (2, "Anna"), (1, None)]
        assert history[0].summary == "Version 2 restored"
        assert load_strategy(engine, stored.id)[0].name == "Shared plan"
        anna_context.close()
        ben_context.close()
