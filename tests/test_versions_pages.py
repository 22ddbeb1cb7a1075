"""Versions and conflicts as people meet them: two browsers on one strategy, the
history with who/when/what, a diff of any two versions, and restore."""

from __future__ import annotations

from storage.db import make_engine
from storage.repository import create_strategy, list_versions, load_strategy
from tests.factories import big_strategy
from tests.test_pages import _clean


def _browser(app, strategy_id: str, name: str):
    """One person's browser: their own session, opened on the board of the shared strategy."""
    at = app("en")
    at.session_state["author_name"] = name
    at.query_params["strategy"] = strategy_id
    at.run()
    at.switch_page("views/board.py").run()
    _clean(at)
    return at


def _set_target(at, kpi, value: str) -> None:
    at.segmented_control(key="board_stage").set_value(kpi.stage).run()
    at.text_input(key=f"board_{kpi.id}_target").input(value).run()


def _shared(db_url, deck):
    strategy = big_strategy(deck, 5).model_copy(update={"language": "en"})
    return create_strategy(make_engine(db_url), strategy)


def test_two_browsers_editing_at_once_keep_both_changes(app, db_url, deck):
    stored = _shared(db_url, deck)
    anna, ben = _browser(app, stored.id, "Anna"), _browser(app, stored.id, "Ben")
    first, second = stored.kpis[0], stored.kpis[1]
    _set_target(anna, first, "111")
    _clean(anna)
    _set_target(ben, second, "222")  # Ben's screen is one version behind: a conflict, not an overwrite
    assert "Someone else saved this strategy in the meantime (now version 2)" in ben.warning[0].value
    engine = make_engine(db_url)
    latest, version = load_strategy(engine, stored.id)
    assert (version, latest.kpi(first.id).target, latest.kpi(second.id).target) == (2, 111, second.target)
    assert ben.session_state["strategy"].kpi(second.id).target == 222  # his change is still on his screen

    ben.button(key="app_conflict_keep").click().run()
    _clean(ben)
    latest, version = load_strategy(engine, stored.id)
    assert version == 3
    assert (latest.kpi(first.id).target, latest.kpi(second.id).target) == (111, 222)
    assert not ben.warning
    history = list_versions(engine, stored.id)
    assert [(v.version, v.author) for v in history[:2]] == [(3, "Ben"), (2, "Anna")]
    assert history[0].summary.startswith("Kept both (merged with version 2): KPI “")


def test_both_changing_the_same_target_says_whose_value_is_where(app, db_url, deck):
    stored = _shared(db_url, deck)
    anna, ben = _browser(app, stored.id, "Anna"), _browser(app, stored.id, "Ben")
    kpi = stored.kpis[0]
    _set_target(anna, kpi, "1001")
    _set_target(ben, kpi, "2002")
    ben.button(key="app_conflict_keep").click().run()
    toast = " ".join(t.proto.body for t in ben.toast).replace("\\", "")  # toasts are markdown-escaped
    assert "1 field was changed by both of you" in toast
    engine = make_engine(db_url)
    assert load_strategy(engine, stored.id)[0].kpi(kpi.id).target == 2002
    assert load_strategy(engine, stored.id, 2)[0].kpi(kpi.id).target == 1001  # Anna's value, in the history


def test_reloading_their_version_drops_only_my_unsaved_change(app, db_url, deck):
    stored = _shared(db_url, deck)
    anna, ben = _browser(app, stored.id, "Anna"), _browser(app, stored.id, "Ben")
    _set_target(anna, stored.kpis[0], "1001")
    _set_target(ben, stored.kpis[1], "2002")
    ben.button(key="app_conflict_reload").click().run()
    _clean(ben)
    assert ben.session_state["strategy"].kpi(stored.kpis[0].id).target == 1001
    assert ben.session_state["strategy"].kpi(stored.kpis[1].id).target == stored.kpis[1].target
    assert list_versions(make_engine(db_url), stored.id)[0].version == 2  # nothing saved by reloading


def test_history_names_who_and_what_and_compares_and_restores(app, db_url, deck):
    stored = _shared(db_url, deck)
    anna = _browser(app, stored.id, "Anna")
    kpi = stored.kpis[0]
    card_title = deck.cards[kpi.card].title.get("en")
    _set_target(anna, kpi, "77")
    anna.switch_page("views/strategy.py").run()
    _clean(anna)
    # one expandable entry per sitting, newest first: Anna's change, then the creation
    sittings = [e for e in anna.expander if e.label.startswith(("Version ", "🏁")) and " · " in e.label]
    assert [e.label.split(" · ")[0] for e in sittings] == ["Version 2", "Version 1"]
    assert sittings[0].label.split(" · ")[2] == "Anna"
    history = sittings[0].dataframe[0].value
    assert list(history.columns) == ["Version", "When", "Who", "What changed"]
    assert history.iloc[0]["Who"] == "Anna"
    assert history.iloc[0]["What changed"].startswith(f"KPI “{card_title}”")
    assert "target" in history.iloc[0]["What changed"] and "→ 77" in history.iloc[0]["What changed"]

    diff = anna.dataframe[-1]  # the diff of the two latest versions is shown under the history
    assert diff.value.iloc[0]["Where"].startswith(f"KPI “{card_title}”")
    assert (diff.value.iloc[0]["What"], diff.value.iloc[0]["After"]) == ("target", "77")

    anna.selectbox(key="strategy_restore_version").set_value(1).run()
    anna.button(key="strategy_restore").click().run()
    _clean(anna)
    engine = make_engine(db_url)
    restored, version = load_strategy(engine, stored.id)
    assert version == 3 and restored.kpi(kpi.id).target == kpi.target
    assert load_strategy(engine, stored.id, 2)[0].kpi(kpi.id).target == 77  # nothing deleted
    assert list_versions(engine, stored.id)[0].summary == "Version 1 restored"
    assert anna.session_state["strategy"].kpi(kpi.id).target == kpi.target
