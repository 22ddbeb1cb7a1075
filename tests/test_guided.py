"""Guided self-service: quick start from a profile, plain explanations, progress."""

from datetime import date

import pytest

from impact.health import check_health
from impact.model import Strategy
from impact.quickstart import draft_strategy, reference_target
from storage.db import make_engine
from storage.repository import load_strategy


@pytest.mark.parametrize(
    "profile_id", ["ecommerce", "b2b", "services", "media", "nonprofit", "recruiting", "tourism", "local"]
)
def test_quick_start_drafts_a_whole_strategy_for_every_profile(deck, profile_id):
    profile = deck.profiles[profile_id]
    draft = draft_strategy(Strategy(name="Mine", language="de"), profile, deck.cards, "de", date(2026, 11, 21))
    assert draft.industry_profile == profile_id and len(draft.goals) == len(profile.goals)
    stages = {k.stage for k in draft.kpis}
    assert stages == {"awareness", "consideration", "conversion", "retention", "advocacy"}
    failing = {i.rule for i in check_health(draft, deck.cards) if not i.ok}
    assert failing <= {"kpi_complete"}  # only the targets are left to the owner (never invented)
    for kpi in draft.kpis:
        assert kpi.owner.department and kpi.goal
        if kpi.target is not None:
            assert kpi.target == reference_target(profile, kpi.card)


def test_targets_come_only_from_published_reference_values(deck):
    profile = deck.profiles["ecommerce"]
    assert reference_target(profile, "conversion-rate") == 1.6  # Statista Q3 2025
    assert reference_target(profile, "nps") is None


def test_quick_start_on_the_profile_page_and_guided_texts(open_app, db_url, deck):
    at, stored = open_app(Strategy(name="Bäckerei", language="de", industry_profile="local"), guided="1")
    assert any("Fortschritt: 2 von 6 Schritten" in c.value for c in at.sidebar.caption)
    at.switch_page("views/profile.py").run()
    at.button(key="profile_quick_start").click().run()
    assert not at.exception
    saved, _ = load_strategy(make_engine(db_url), stored.id)
    assert len(saved.kpis) >= 5 and saved.goals
    at.switch_page("views/goals.py").run()
    [guide] = [i.value for i in at.info if "hartes Ziel" in i.value]
    profile = deck.profiles["local"]
    hard = next(g for g in profile.goals if g.hard)
    assert f"Für {profile.title.de} könnte ein hartes Ziel lauten: „{hard.title.de}“." in guide.replace("\\", "")


def test_progress_counts_the_steps_that_are_really_done(deck):
    from impact.guide import steps_done

    empty = Strategy(name="x")
    assert steps_done(empty) == {
        "start": True,
        "profile": False,
        "goals": False,
        "board": False,
        "owners": False,
        "strategy": False,
    }
    draft = draft_strategy(empty, deck.profiles["b2b"], deck.cards, "en", date(2026, 11, 21))
    done = steps_done(draft, healthy=False)
    assert done["profile"] and done["goals"] and done["board"] and done["owners"] and not done["strategy"]


def test_guided_mode_survives_creating_a_strategy(app):
    """st.switch_page clears widget state; the guided choice must not go with it."""
    at = app("de")
    at.query_params["guided"] = "1"
    at.run()
    at.text_input(key="start_name").input("Bäckerei")
    [create] = [b for b in at.button if b.label == "Strategie anlegen"]
    create.click().run()
    at.run()
    assert at.session_state["guided_mode"] is True
    assert at.toggle(key="app_guided").value is True
