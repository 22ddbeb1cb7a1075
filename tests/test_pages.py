"""Every page through Streamlit's AppTest: renders in both languages, and the whole flow."""

from __future__ import annotations

import pytest

from impact.model import STAGES
from impact.report.branding import Branding
from storage.db import make_engine
from storage.repository import create_strategy, list_strategies, list_versions, load_strategy, save_version
from tests.factories import big_strategy

PAGES = [
    "views/start.py",
    "views/profile.py",
    "views/goals.py",
    "views/board.py",
    "views/owners.py",
    "views/strategy.py",
    "views/check.py",
    "views/review.py",
    "views/workshop.py",
    "views/room.py",
]


def _clean(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not [e.value for e in at.error], [e.value for e in at.error]


def _button(at, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in at.button]}"
    return matches[0]


def _open(open_app, deck, kpis: int = 5, **changes):
    """The app with an English strategy of ``kpis`` KPIs opened through the URL."""
    return open_app(big_strategy(deck, kpis).model_copy(update={"language": "en", **changes}))


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_30_kpi_strategy(app, db_url, deck, page, lang):
    stored = create_strategy(make_engine(db_url), big_strategy(deck, 30).model_copy(update={"language": lang}))
    at = app(lang)
    at.query_params["strategy"] = stored.id
    at.run()
    _clean(at)
    at.switch_page(page).run()
    _clean(at)
    assert at.session_state["strategy"].id == stored.id
    assert len(at.session_state["strategy"].kpis) == 30


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_a_strategy(app, page, lang):
    at = app(lang).run()
    at.switch_page(page).run()
    _clean(at)
    if page != "views/start.py":
        assert at.info[0].value in (
            "Start or open a strategy first.",
            "Bitte zuerst eine Strategie anlegen oder öffnen.",
        )


def test_language_switch_changes_the_words(app):
    at = app("de").run()
    assert at.title[0].value == "Impact Workshop"
    assert "Neue Strategie" in [h.value for h in at.subheader]
    at.segmented_control(key="app_lang").set_value("en").run()
    assert "New strategy" in [h.value for h in at.subheader]


def test_the_whole_flow_is_saved_in_the_database(app, db_url, deck):
    at = app("en").run()
    at.text_input(key="start_name").input("Employer Branding 2027")
    at.text_input(key="start_org").input("Beispiel GmbH")
    _button(at, "Create strategy").click().run()
    _clean(at)

    at.radio(key="profile_choice").set_value("recruiting").run()
    _clean(at)
    assert at.session_state["strategy"].industry_profile == "recruiting"

    at.switch_page("views/goals.py").run()
    at.button(key="goals_adopt_0").click().run()
    at.text_input(key="goals_new_title").input("Employer rating 4.5 stars")
    _button(at, "Add goal").click().run()
    _clean(at)
    goals = at.session_state["strategy"].goals
    assert [g.title for g in goals] == ["12 hires via social media in 12 months", "Employer rating 4.5 stars"]
    hires = goals[0].id

    at.switch_page("views/board.py").run()
    profile = deck.profiles["recruiting"]
    for target, stage in enumerate(STAGES, start=3):
        at.segmented_control(key="board_stage").set_value(stage).run()
        card_id = profile.priority_cards[stage][0]
        at.button(key=f"board_add_{card_id}").click().run()
        _clean(at)
        kpi = at.session_state["strategy"].kpis[-1]
        assert (kpi.card, kpi.stage) == (card_id, stage)
        at.selectbox(key=f"board_{kpi.id}_goal").set_value(hires).run()
        at.text_input(key=f"board_{kpi.id}_target").input(str(target)).run()
        _clean(at)
        board = next(h.proto.body for h in at.get("html") if 'class="iw-board"' in h.proto.body)
        assert f"🎯 {target}" in board, board[:3000]  # the board drawn again for the strategy as it now stands

    at.switch_page("views/owners.py").run()
    at.segmented_control(key="owners_stage").set_value("awareness").run()
    first = at.session_state["strategy"].kpis[0]
    at.selectbox(key=f"owners_{first.id}_department").set_value("pr").run()
    at.text_input(key=f"owners_{first.id}_person").input("Anna Schmidt").run()
    _clean(at)

    at.switch_page("views/strategy.py").run()
    _clean(at)
    at.text_input(key="strategy_note").input("End of workshop")
    at.button(key="strategy_save").click().run()
    _clean(at)

    engine = make_engine(db_url)
    [summary] = list_strategies(engine)
    saved, version = load_strategy(engine, summary.id)
    assert saved.name == "Employer Branding 2027" and saved.industry_profile == "recruiting"
    assert {k.stage for k in saved.kpis} == set(STAGES)
    assert [k.target for k in saved.kpis] == [3, 4, 5, 6, 7]
    assert all(k.goal == hires for k in saved.kpis)
    assert (saved.kpis[0].owner.department, saved.kpis[0].owner.person) == ("pr", "Anna Schmidt")
    # the milestone names the version that holds the work; it is not a copy of it
    latest = list_versions(engine, summary.id)[0]
    assert (latest.version, latest.milestone) == (version, "End of workshop")
    assert latest.summary.startswith("KPI “")
    assert version == at.session_state["strategy_version"]


def test_a_half_finished_goal_form_keeps_what_was_typed(app, open_app, db_url, deck):
    at, _ = _open(open_app, deck)
    at.switch_page("views/goals.py").run()
    at.selectbox(key="goals_new_area").set_value("leads")
    at.toggle(key="goals_new_hard").set_value(True)
    _button(at, "Add goal").click().run()
    assert at.error[0].value == "Please describe the goal in a few words."
    assert at.selectbox(key="goals_new_area").value == "leads"
    assert at.toggle(key="goals_new_hard").value is True
    assert len(at.session_state["strategy"].goals) == 3  # nothing half-made was saved


def test_custom_card_formula_is_checked_as_you_type(app, open_app, db_url, deck):
    at, stored = _open(open_app, deck)
    at.switch_page("views/board.py").run()
    at.toggle(key="board_custom_open").set_value(True).run()
    at.text_input(key="board_custom_title").input("Demo requests per click")
    at.text_input(key="board_custom_formula").input("__import__('os').system('rm -rf /')").run()
    assert "“__import__” is not a known metric. Open “Metrics you can use” for the list." in [e.value for e in at.error]
    assert at.button(key="board_custom_create").disabled
    at.text_input(key="board_custom_formula").input("leads(clicks)").run()
    assert "Functions cannot be called in a formula." in [e.value for e in at.error]
    at.text_input(key="board_custom_formula").input("likes / clicks").run()
    assert any(e.value == "“likes” is not a known metric. Did you mean Reactions?" for e in at.error)
    at.text_input(key="board_custom_formula").input("leads / link_clicks * 100").run()
    assert any(s.value.startswith("Formula OK") for s in at.success)
    at.button(key="board_custom_create").click().run()
    _clean(at)
    strategy = at.session_state["strategy"]
    [custom] = strategy.custom_cards
    assert custom.inputs == ["leads", "link_clicks"] and strategy.kpis[-1].card == custom.id
    assert load_strategy(make_engine(db_url), stored.id)[0].custom_cards[0].id == custom.id


def test_a_german_formula_is_read_as_a_german_reader_means_it(app, open_app, db_url, deck):
    at, stored = open_app(big_strategy(deck, 5).model_copy(update={"language": "de"}), lang="de")
    at.switch_page("views/board.py").run()
    at.toggle(key="board_custom_open").set_value(True).run()
    at.text_input(key="board_custom_title").input("Vorbestellungen je 1.000 Impressionen")
    at.text_input(key="board_custom_formula").input("Bestellungen / Impressionen * 1,500").run()
    assert any("„1,500“ lässt sich zweifach lesen (1,5 oder 1.500)" in e.value for e in at.error)
    assert at.button(key="board_custom_create").disabled
    at.text_input(key="board_custom_formula").input("Bestellungen ÷ Impressionen × 1.000").run()
    assert [s.value for s in at.success] == [
        "Formel in Ordnung: Bestellungen ÷ Impressionen × 1.000. Eingaben: Bestellungen, Impressionen"
    ]
    at.button(key="board_custom_create").click().run()
    _clean(at)
    [custom] = at.session_state["strategy"].custom_cards
    assert custom.formula == "orders / impressions * 1000"  # the file keeps the canonical form
    saved, _ = load_strategy(make_engine(db_url), stored.id)
    assert saved.custom_cards[0].formula == "orders / impressions * 1000"
    board = " ".join(h.proto.body for h in at.get("html"))
    assert "Bestellungen ÷ Impressionen × 1.000" in board  # the card shows it in words


def test_user_text_is_shown_literally(app, open_app, db_url, deck):
    hostile = "<b>x</b> {{ 7*7 }} <script>alert(1)</script> [link](javascript:alert(1))"
    goals = big_strategy(deck, 5).goals
    goals[0].title = hostile
    at, _ = _open(open_app, deck, name=hostile, goals=goals)
    at.switch_page("views/strategy.py").run()
    _clean(at)
    markdown = " ".join(m.value for m in at.markdown)
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;b&gt;x&lt;/b&gt; {{ 7*7 }} &lt;script&gt;" in html
    assert at.title[0].value.startswith("\\<b\\>x\\</b\\>")


def test_a_concurrent_save_is_a_conflict_the_user_resolves(app, open_app, db_url, deck):
    engine = make_engine(db_url)
    at, stored = _open(open_app, deck)
    # someone else saves in the meantime
    other, version = load_strategy(engine, stored.id)
    save_version(engine, other.model_copy(update={"organisation": "Changed elsewhere"}), expected_version=version)
    at.switch_page("views/goals.py").run()
    at.button(key="goals_adopt_0").click().run()
    assert at.warning and "Someone else saved this strategy" in at.warning[0].value
    assert len(at.session_state["strategy"].goals) == 4  # my change is still on screen
    at.button(key="app_conflict_keep").click().run()
    _clean(at)
    latest, _ = load_strategy(engine, stored.id)
    assert len(latest.goals) == 4
    assert [v.version for v in list_versions(engine, stored.id)] == [3, 2, 1]
    theirs, _ = load_strategy(engine, stored.id, version=2)
    assert theirs.organisation == "Changed elsewhere"  # their save is kept in the history


def test_unknown_strategy_in_the_url_is_said_plainly(app):
    at = app("en")
    at.query_params["strategy"] = "doesnotexist"
    at.run()
    _clean(at)
    assert at.session_state["strategy"] is None
    assert any("No saved strategy has the id doesnotexist" in w.value for w in at.warning)  # stays on the page


def test_a_wrong_database_url_is_explained_without_its_address(app, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://dbuser:secret@127.0.0.1:1/nowhere")
    at = app("en").run()
    assert not at.exception
    said = at.error[0].value
    assert "The database cannot be reached" in said
    for secret in ("secret", "dbuser", "127.0.0.1", ":1", "nowhere"):  # seen before any sign-in: nothing of it
        assert secret not in said, secret
    assert "127.0.0.1" in caplog.text and "secret" not in caplog.text  # whoever runs it finds the reason in the log


def test_a_half_written_card_survives_a_look_at_another_page(app, open_app, db_url, deck):
    at, _ = _open(open_app, deck)
    at.switch_page("views/board.py").run()
    at.toggle(key="board_custom_open").set_value(True).run()
    at.text_input(key="board_custom_title").input("Demo requests").run()
    at.text_input(key="board_custom_formula").input("leads / clicks").run()
    at.switch_page("views/goals.py").run()
    at.switch_page("views/board.py").run()
    _clean(at)
    assert at.text_input(key="board_custom_title").value == "Demo requests"
    assert at.text_input(key="board_custom_formula").value == "leads / clicks"


def test_the_readers_language_choice_survives_reopening_a_strategy(app, db_url, deck):
    stored = create_strategy(make_engine(db_url), big_strategy(deck, 5))  # a German strategy
    at = app("de")
    at.query_params["strategy"] = stored.id
    at.run()
    assert at.session_state["lang"] == "de"
    at.segmented_control(key="app_lang").set_value("en").run()
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    reopened = AppTest.from_file(APP, default_timeout=60)  # a reload: a new session with the same URL
    reopened.query_params["strategy"] = stored.id
    reopened.query_params["lang"] = "en"
    reopened.run()
    assert reopened.session_state["lang"] == "en"
    assert "Open strategy" in [c.value for c in reopened.sidebar.caption]


def test_a_saved_logo_is_shown_with_a_way_to_remove_it(open_app, db_url, deck):
    from storage.report_settings import recall_branding, remember_branding

    at, stored = open_app(big_strategy(deck, 5).model_copy(update={"language": "en"}), "views/strategy.py")
    logo = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    remember_branding(make_engine(db_url), stored.id, Branding(author="Cora", logo=logo))
    at.run()
    assert not at.exception
    shown = [h.proto.body for h in at.get("html") if "data:image/svg+xml;base64," in h.proto.body]
    assert len(shown) == 1 and 'alt="The saved logo"' in shown[0]  # an <img>: the SVG runs no script
    assert [u.label for u in at.get("file_uploader")] == ["Replace the logo (PNG, JPEG or SVG)"]
    at.button(key="strategy_report_logo_remove").click().run()
    assert not at.exception
    assert recall_branding(make_engine(db_url), stored.id) == Branding(author="Cora")  # the rest is kept
    assert not [h for h in at.get("html") if "data:image/svg+xml" in h.proto.body]
    assert [u.label for u in at.get("file_uploader")] == ["Logo (PNG, JPEG or SVG)"]


def test_a_suggestion_adopted_and_renamed_is_not_offered_again(open_app, deck):
    from datetime import date

    from impact import edits
    from impact.model import Strategy

    profile = deck.profiles["local"]
    origin = edits.suggestion_origin(profile.id, profile.goals[0])
    goal = edits.goal_from_suggestion(profile.goals[0], "en", date(2026, 11, 21), origin=origin)
    goal = goal.model_copy(update={"title": "Our own words for it"})
    strategy = edits.add_goal(Strategy(name="Bakery", language="en", industry_profile="local"), goal)
    at, _ = open_app(strategy, "views/goals.py")
    first, second = at.button(key="goals_adopt_0"), at.button(key="goals_adopt_1")
    assert (first.label, first.disabled) == ("Adopted", True)
    assert (second.label, second.disabled) == ("Adopt", False)


def test_the_silo_warning_names_the_departments_this_business_has(open_app, deck):
    from impact import edits
    from impact.i18n import t
    from impact.model import Strategy

    bakery = Strategy(name="Bakery", language="en", industry_profile="local")
    bakery, kpi = edits.add_kpi(bakery, deck.cards["reach"], stage="awareness")
    bakery = edits.update_kpi(bakery, kpi, department="marketing")
    at, _ = open_app(bakery, "views/owners.py")
    [silo] = [w.value for w in at.warning if "Only marketing owns data" in w.value]
    others = [t(f"department.{d}", "en") for d in deck.profiles["local"].departments if d != "marketing"]
    assert f"Who in {', '.join(others[:-1])} or {others[-1]} sees the results there?" in silo
    assert t("department.hr", "en") not in silo


def test_the_kpi_plan_on_the_strategy_page_is_in_stage_order_with_one_unit_and_escaped(open_app, deck):
    import re

    from impact import edits
    from impact.model import Strategy

    plan = Strategy(name="Plan", language="de", industry_profile="b2b")
    plan, late = edits.add_kpi(plan, deck.cards["repeat-purchase-rate"], stage="retention")
    plan = edits.update_kpi(plan, late, target=5, baseline=2.5, period="month", person="<b>Ana</b>")
    plan, _ = edits.add_kpi(plan, deck.cards["engagement-rate"], stage="awareness")
    at, _ = open_app(plan, "views/strategy.py")
    [table] = [h.proto.body for h in at.get("html") if 'class="iw-plan"' in h.proto.body]
    cells = [(k, v.replace("\u00ad", "")) for k, v in re.findall(r'<td data-label="([^"]+)">(.*?)</td>', table)]
    stages = [value for label, value in cells if label == "Phase"]
    assert stages == ["Aufmerksamkeit", "Bindung"]  # the board's order, not the order they were laid
    values = {label: value for label, value in cells[len(cells) // 2 :]}
    assert values["Zielwert"] == "5\u00a0% / Monat" and values["Ausgangswert"] == "2,5\u00a0%"  # one unit on both
    assert "&lt;b&gt;Ana&lt;/b&gt;" in values["Verantwortlich"] and "<b>" not in table
    assert "Formel" not in table  # the formula is on the card, not in the plan
