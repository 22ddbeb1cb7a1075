"""What users trust the app with: a failed save, hostile links, old files, stale screens."""

from __future__ import annotations

from sqlalchemy import text

from impact.strategy_file import strategy_to_yaml
from storage.db import make_engine
from storage.repository import create_strategy, list_strategies, list_versions, load_strategy, save_version
from tests.factories import big_strategy
from tests.test_pages import _button, _clean, _open


def _block_saves(db_url: str, on: bool) -> None:
    """A database that refuses writes (full disk, lost connection) for as long as `on`."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        if on:
            conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON strategy_versions "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
        else:
            conn.execute(text("DROP TRIGGER refuse"))


def test_a_failed_save_keeps_the_work_says_so_and_can_be_retried(app, open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    at.switch_page("views/goals.py").run()
    _block_saves(db_url, True)
    at.text_input(key="goals_new_title").input("40 Vorbestellungen pro Woche")
    _button(at, "Add goal").click().run()
    assert not at.exception
    assert [e.value for e in at.sidebar.error] == ["Last change NOT saved — see the message at the top of the page."]
    assert any("NOT saved yet" in w.value for w in at.warning)
    assert at.session_state["strategy"].goals[-1].title == "40 Vorbestellungen pro Woche"  # still on screen
    assert at.text_input(key="goals_new_title").value == "40 Vorbestellungen pro Woche"  # form not wiped
    assert len(load_strategy(make_engine(db_url), stored.id)[0].goals) == 3  # and truly not saved
    _block_saves(db_url, False)
    at.button(key="app_retry_save").click().run()
    _clean(at)
    assert not any("NOT saved yet" in w.value for w in at.warning)
    assert load_strategy(make_engine(db_url), stored.id)[0].goals[-1].title == "40 Vorbestellungen pro Woche"


def test_a_hostile_strategy_link_cannot_put_a_link_in_the_app(app):
    at = app("en")
    at.query_params["strategy"] = "[Your session expired - log in here](https://evil.example)"
    at.run()
    _clean(at)
    bodies = " ".join(w.proto.body for w in at.warning)
    assert "No saved strategy" in bodies
    assert "](https://" not in bodies  # escaped: shown as text, never as a link


def test_importing_an_old_file_never_overwrites_newer_work(app, db_url, deck):
    engine = make_engine(db_url)
    stored = create_strategy(engine, big_strategy(deck, 5).model_copy(update={"language": "en"}))
    old_file = strategy_to_yaml(stored).encode("utf-8")  # the download carries the id
    newer, version = load_strategy(engine, stored.id)
    save_version(engine, newer.model_copy(update={"name": "Newer work"}), expected_version=version)

    at = app("en").run()
    at.file_uploader(key="start_upload").set_value([("old.yaml", old_file, "application/x-yaml")]).run()
    _clean(at)
    at.button(key="start_import_go").click().run()
    _clean(at)
    assert load_strategy(engine, stored.id)[0].name == "Newer work"  # untouched
    assert len(list_versions(engine, stored.id)) == 2
    assert len(list_strategies(engine)) == 2  # the import is a strategy of its own


def test_a_broken_strategy_file_is_explained_in_the_users_language(app):
    at = app("de").run()
    broken = b"format: impact-strategy/1\nname: x\nkpis:\n  - card: reach\n    stage: awarenes\n    colour: red\n"
    at.file_uploader(key="start_upload").set_value([("kaputt.yaml", broken, "application/x-yaml")]).run()
    assert not at.exception
    assert at.error[0].value == "kaputt.yaml kann nicht importiert werden: 2 Probleme."
    text_shown = " ".join(m.value for m in at.markdown)
    assert "kein erlaubter Wert" in text_shown and "unbekannter Schlüssel" in text_shown
    assert "kpis\\[0\\]\\.colour" in text_shown  # the path, escaped, never markup


def test_loading_their_version_shows_their_values_not_stale_widgets(app, open_app, db_url, deck):
    engine = make_engine(db_url)
    at, stored = _open(open_app, deck)
    at.switch_page("views/board.py").run()
    kpi = at.session_state["strategy"].kpis[0]
    at.segmented_control(key="board_stage").set_value(kpi.stage).run()
    theirs, version = load_strategy(engine, stored.id)
    theirs.kpis[0].target = 999
    save_version(engine, theirs, expected_version=version)
    at.text_input(key=f"board_{kpi.id}_target").input("5").run()  # my change: a conflict
    assert at.warning
    at.button(key="app_conflict_reload").click().run()
    _clean(at)
    assert at.session_state["strategy"].kpis[0].target == 999
    assert at.text_input(key=f"board_{kpi.id}_target").value == "999"


def test_a_card_that_left_the_deck_stays_visible_and_removable(app, db_url, deck):
    strategy = big_strategy(deck, 5).model_copy(update={"language": "en"})
    strategy.kpis[0].card = "retired-card"
    stored = create_strategy(make_engine(db_url), strategy)
    at = app("en")
    at.query_params["strategy"] = stored.id
    at.run()
    at.switch_page("views/strategy.py").run()
    _clean(at)
    assert any("Every card on the board is known" in m.value and m.value.startswith("❌") for m in at.markdown)
    at.switch_page("views/board.py").run()
    at.segmented_control(key="board_stage").set_value(strategy.kpis[0].stage).run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "retired-card" in html and "no longer in the deck" in html
    at.button(key=f"board_{strategy.kpis[0].id}_remove").click().run()
    _clean(at)
    assert all(k.card != "retired-card" for k in load_strategy(make_engine(db_url), stored.id)[0].kpis)


def test_german_decimal_comma_is_read_as_a_decimal_and_nonsense_is_refused(app, db_url, deck):
    stored = create_strategy(make_engine(db_url), big_strategy(deck, 5))  # German
    at = app("de")
    at.query_params["strategy"] = stored.id
    at.run()
    at.switch_page("views/board.py").run()
    kpi = at.session_state["strategy"].kpis[0]
    at.segmented_control(key="board_stage").set_value(kpi.stage).run()
    at.text_input(key=f"board_{kpi.id}_baseline").input("12,5").run()
    _clean(at)
    assert at.session_state["strategy"].kpi(kpi.id).baseline == 12.5  # not 125
    at.text_input(key=f"board_{kpi.id}_target").input("1.250").run()
    assert at.session_state["strategy"].kpi(kpi.id).target == 1250
    version = at.session_state["strategy_version"]
    at.text_input(key=f"board_{kpi.id}_target").input("viel").run()
    assert at.session_state["strategy"].kpi(kpi.id).target == 1250  # unchanged
    assert any("„viel“ ist keine Zahl, darum ist nichts gespeichert" in e.value for e in at.error)
    assert at.text_input(key=f"board_{kpi.id}_target").value == "viel"  # what was typed stays
    at.text_input(key=f"board_{kpi.id}_baseline").input("ca. 50").run()
    assert at.session_state["strategy"].kpi(kpi.id).baseline == 12.5
    assert at.session_state["strategy_version"] == version  # nothing saved for either
    # another page and back: both texts and both messages are still there
    at.switch_page("views/goals.py").run()
    at.switch_page("views/board.py").run()
    at.segmented_control(key="board_stage").set_value(kpi.stage).run()
    assert at.text_input(key=f"board_{kpi.id}_target").value == "viel"
    assert at.text_input(key=f"board_{kpi.id}_baseline").value == "ca. 50"
    assert any("„ca. 50“ ist keine Zahl" in e.value for e in at.error)
    # a number that reads two ways is refused with both readings
    at.text_input(key=f"board_{kpi.id}_target").input("1,500").run()
    assert any(
        "„1,500“ lässt sich zweifach lesen (1,5 oder 1.500), darum ist nichts gespeichert. Schreiben Sie 1.500, "
        "wenn Sie die große Zahl meinen, oder 1,5 für die kleine." in e.value
        for e in at.error
    )
    assert at.session_state["strategy"].kpi(kpi.id).target == 1250
    # once it reads, it is saved, shown as a German reader writes it, and the message goes
    at.text_input(key=f"board_{kpi.id}_baseline").input("50").run()
    at.text_input(key=f"board_{kpi.id}_target").input("1.500").run()
    assert at.session_state["strategy"].kpi(kpi.id).target == 1500
    assert at.session_state["strategy"].kpi(kpi.id).baseline == 50
    assert at.text_input(key=f"board_{kpi.id}_target").value == "1.500"
    assert not [e for e in at.error if "Zahl" in e.value or "zweifach" in e.value]


def test_a_page_switch_keeps_the_strategy_in_the_address(app, open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    at.query_params.pop("strategy", None)  # what st.navigation does on a page switch
    at.run()
    assert at.query_params["strategy"] in (stored.id, [stored.id])


def test_fix_opens_the_step_with_the_stage_in_focus(app, db_url, deck):
    strategy = big_strategy(deck, 5).model_copy(update={"language": "en"})
    strategy.kpis[2].target = None  # the conversion KPI
    stored = create_strategy(make_engine(db_url), strategy)
    at = app("en")
    at.query_params["strategy"] = stored.id
    at.run()
    at.switch_page("views/strategy.py").run()
    at.button(key="strategy_fix_kpi_complete").click().run()
    assert not at.exception
    assert at.session_state["board_stage"] == "conversion"
    assert at.title[0].value == "KPI board"
    assert "On the board" in " ".join(h.value for h in at.subheader) and "Conversion" in at.subheader[0].value


def test_the_board_opens_one_kpis_settings_at_a_time_and_keeps_an_unread_number_open(app, db_url, deck):
    """The stage's KPIs are cards with what is set; one KPI's fields are open (the
    stage's first, the one chosen, the card just laid). A KPI whose typed number did not
    read stays open, with its text and message, whichever KPI is opened next."""
    strategy = big_strategy(deck, 15).model_copy(update={"language": "en"})
    stored = create_strategy(make_engine(db_url), strategy)
    at = app("en")
    at.query_params["strategy"] = stored.id
    at.run()
    at.switch_page("views/board.py").run()
    first, second, third = [k for k in at.session_state["strategy"].kpis if k.stage == "awareness"]

    def open_fields() -> set[str]:
        return {k.id for k in (first, second, third) if any(t.key == f"board_{k.id}_target" for t in at.text_input)}

    assert open_fields() == {first.id}
    cards = " ".join(h.proto.body for h in at.get("html"))
    assert cards.count(f"🎯 {second.target:g} ") == 2  # on the board above, and on its closed card
    at.button(key=f"board_{second.id}_open").click().run()
    assert open_fields() == {second.id}
    at.text_input(key=f"board_{second.id}_target").input("lots").run()
    at.button(key=f"board_{third.id}_open").click().run()
    assert open_fields() == {second.id, third.id}
    assert at.text_input(key=f"board_{second.id}_target").value == "lots"
    assert any("“lots” is not a number" in e.value for e in at.error)
    at.text_input(key=f"board_{second.id}_target").input("40").run()
    assert open_fields() == {third.id}
    assert at.session_state["strategy"].kpi(second.id).target == 40
    at.button(key=f"board_add_{deck.in_stage('awareness')[-1].id}").click().run()
    laid = at.session_state["strategy"].kpis[-1]
    assert laid.stage == "awareness" and not open_fields()
    assert any(t.key == f"board_{laid.id}_target" for t in at.text_input)
