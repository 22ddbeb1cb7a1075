"""A working evening reads as a few entries (every change still kept), a milestone
marks a version instead of copying it, the same check is kept once, and opening a
strategy again continues where the person stopped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import text

from impact import edits
from impact.sittings import last_milestone, sittings
from storage.checks import list_checks, save_check
from storage.db import make_engine
from storage.repository import create_strategy, list_versions, mark_milestone, save_version
from storage.resume import ResumePoint, recall_place, remember_place
from tests.factories import big_strategy
from tests.test_pages import _clean

EVENING = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


@dataclass(frozen=True)
class V:
    version: int
    created_at: datetime
    author: str | None = "Inhaberin"
    milestone: str | None = None


def _evening() -> list[V]:
    """Newest first, as storage lists them: 48 small changes in one evening, a
    milestone, two changes after a pause, and one by someone else."""
    versions = [V(1, EVENING - timedelta(days=2), None)]
    versions += [V(n, EVENING + timedelta(minutes=3 * n)) for n in range(2, 49)]
    versions += [V(49, EVENING + timedelta(minutes=150), milestone="Plan steht")]
    versions += [V(50, EVENING + timedelta(days=1)), V(51, EVENING + timedelta(days=1, minutes=5))]
    versions += [V(52, EVENING + timedelta(days=1, minutes=6), author="Steuerberater")]
    return list(reversed(versions))


def test_an_evening_of_changes_reads_as_a_few_sittings():
    groups = sittings(_evening())
    # newest first: the adviser's change, the next day's two, the evening up to the milestone, the creation
    assert [(g.oldest.version, g.newest.version) for g in groups] == [(52, 52), (50, 51), (2, 49), (1, 1)]
    assert [g.milestone for g in groups] == [None, None, "Plan steht", None]
    assert [g.author for g in groups] == ["Steuerberater", "Inhaberin", "Inhaberin", None]
    assert sum(len(g.versions) for g in groups) == 52  # every version is still there
    assert last_milestone(_evening()).version == 49


def test_a_pause_longer_than_three_quarters_of_an_hour_starts_a_new_sitting():
    versions = [V(3, EVENING + timedelta(minutes=100)), V(2, EVENING + timedelta(minutes=40)), V(1, EVENING)]
    assert [(g.oldest.version, g.newest.version) for g in sittings(versions)] == [(3, 3), (1, 2)]


def test_a_milestone_marks_a_version_and_the_same_check_is_kept_once(any_engine, deck):
    engine = any_engine
    stored = create_strategy(engine, big_strategy(deck, 3))
    changed = edits.update_kpi(stored, stored.kpis[0].id, target=99)
    version = save_version(engine, changed, expected_version=1, author="Inhaberin", summary="Ziel")
    mark_milestone(engine, stored.id, version, "  Ende Abend 1  ")
    history = list_versions(engine, stored.id)
    assert [(v.version, v.milestone) for v in history] == [(2, "Ende Abend 1"), (1, None)]  # no copy added

    results = [{"kpi": "reach", "actual": 1.0}]
    files = [{"name": "a.csv", "sha256": "abc"}]
    first = save_check(engine, stored.id, 2, files=files, data=pd.DataFrame({"x": [1]}), results=results, warnings=[])
    again = save_check(
        engine,
        stored.id,
        2,
        files=[{"name": "renamed.csv", "sha256": "abc"}],
        data=pd.DataFrame(),
        results=results,
        warnings=[],
    )
    assert first.repeated is None and again.id == first.id and again.repeated is not None
    other = save_check(
        engine, stored.id, 2, files=files, data=pd.DataFrame(), results=[{"kpi": "reach", "actual": 2.0}], warnings=[]
    )
    assert other.repeated is None
    assert [c.id for c in list_checks(engine, stored.id)] == [other.id, first.id]


def test_checks_kept_twice_before_the_upgrade_are_listed_once(tmp_path):
    from storage.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url, migrate=False)
    upgrade(old, "0006")
    with old.begin() as conn:
        conn.execute(
            text(
                "insert into strategies (id, name, organisation, latest_version, created_at, updated_at, workspace)"
                " values ('s1', 'Alt', '', 1, current_timestamp, current_timestamp, '')"
            )
        )
        for minute in (1, 2):  # the same check, clicked twice
            conn.execute(
                text(
                    "insert into checks (strategy_id, strategy_version, created_at, files, data, results, warnings)"
                    " values ('s1', 1, :at, :files, :data, :results, '[]')"
                ),
                {
                    "at": EVENING + timedelta(minutes=minute),
                    "files": '[{"name": "a.csv", "sha256": "abc"}]',
                    "data": b"",
                    "results": '[{"kpi": "reach", "actual": 1.0}]',
                },
            )
    old.dispose()
    engine = make_engine(url)  # opening brings it to head, fingerprints filled in
    [listed] = list_checks(engine, "s1")
    assert listed.created_at.replace(tzinfo=None) == (EVENING + timedelta(minutes=2)).replace(tzinfo=None)


def test_a_place_is_kept_per_strategy_and_person(any_engine, deck):
    stored = create_strategy(any_engine, big_strategy(deck, 2))
    assert recall_place(any_engine, stored.id, "") is None
    remember_place(any_engine, stored.id, "", ResumePoint("board", True, "Inhaberin"))
    remember_place(any_engine, stored.id, "", ResumePoint("check", True, "Inhaberin"))  # replaces
    remember_place(any_engine, stored.id, "berater@example.org", ResumePoint("strategy", False, "Berater"))
    assert recall_place(any_engine, stored.id, "") == ResumePoint("check", True, "Inhaberin")
    assert recall_place(any_engine, stored.id, "berater@example.org") == ResumePoint("strategy", False, "Berater")


def test_saving_a_milestone_twice_says_nothing_is_new(open_app, db_url, deck):
    at, stored = open_app(big_strategy(deck, 3).model_copy(update={"language": "de"}), "views/strategy.py")
    _clean(at)
    at.text_input(key="strategy_note").input("Plan steht")
    at.button(key="strategy_save").click().run()
    assert any("Version 1 ist als Meilenstein markiert." in t.proto.body.replace("\\", "") for t in at.toast)
    at.button(key="strategy_save").click().run()
    toasts = " ".join(t.proto.body for t in at.toast).replace("\\", "")
    assert "Seit dem Meilenstein „Plan steht“ (Version 1) hat sich nichts geändert" in toasts
    history = list_versions(make_engine(db_url), stored.id)
    assert [(v.version, v.milestone) for v in history] == [(1, "Plan steht")]
    assert any(e.label.startswith("🏁 Meilenstein „Plan steht“ · Version 1 · ") for e in at.expander)


def test_reopening_continues_on_the_last_page_with_guided_mode_and_the_name(app, open_app, db_url, deck):
    at, stored = open_app(big_strategy(deck, 3).model_copy(update={"language": "de"}), "views/board.py", guided="1")
    at.text_input(key="app_author").input("Inhaberin").run()
    at.switch_page("views/owners.py").run()
    assert not at.exception

    # another evening, a fresh browser: the list on the start page
    later = app("de")
    later.run()
    assert later.session_state["guided_mode"] is False and not later.session_state["author_name"]
    later.button(key=f"start_open_{stored.id}").click().run()
    later.run()
    assert not later.exception
    assert later.session_state["guided_mode"] is True and later.toggle(key="app_guided").value is True
    assert later.session_state["author_name"] == "Inhaberin"
    # on a shared installation the name may be someone else's: the sidebar says where it came from
    assert any("Vom letzten Besuch übernommen" in c.value for c in later.sidebar.caption)
    assert later.title[0].value == at.title[0].value  # the data ownership page, where she stopped

    # a bookmark of the start page with the strategy in it does the same
    bookmark = app("de")
    bookmark.query_params["strategy"] = stored.id
    bookmark.run()
    assert not bookmark.exception
    assert bookmark.title[0].value == at.title[0].value
