"""Guided self-service: quick start from a profile, plain explanations, progress."""

from datetime import date

import pytest

from impact.health import check_health
from impact.model import Strategy
from impact.quickstart import describe_draft, draft_strategy, reference_target
from storage.db import make_engine
from storage.repository import load_strategy

SURVEY_INPUTS = {"aware_respondents", "survey_respondents"}


@pytest.mark.parametrize(
    "profile_id", ["ecommerce", "b2b", "services", "media", "nonprofit", "recruiting", "tourism", "local"]
)
def test_quick_start_drafts_a_whole_strategy_that_fits_every_profile(deck, profile_id):
    profile = deck.profiles[profile_id]
    draft = draft_strategy(Strategy(name="Mine", language="de"), profile, deck.cards, "de", date(2026, 11, 21))
    assert draft.industry_profile == profile_id and len(draft.goals) == len(profile.goals)
    stages = {k.stage for k in draft.kpis}
    assert stages == {"awareness", "consideration", "conversion", "retention", "advocacy"}
    failing = {i.rule for i in check_health(draft, deck.cards) if not i.ok}
    assert failing <= {"kpi_complete"}  # only the targets are left to the owner (never invented)
    goal_of = {g.id: index for index, g in enumerate(draft.goals, start=1)}
    curated = {pick.card: pick.goal for pick in profile.quick_start}
    for kpi in draft.kpis:
        # a department this kind of business has, the goal the profile says the card serves
        assert kpi.owner.department in profile.departments, (kpi.card, kpi.owner.department)
        assert goal_of[kpi.goal] == curated[kpi.card]
        assert kpi.period == "month"
        # no published figure in the shipped profiles measures exactly what its card does
        assert kpi.target is None, kpi.card
    # a survey card only where a goal is itself a survey figure
    surveyed = [k.card for k in draft.kpis if set(deck.cards[k.card].inputs) & SURVEY_INPUTS]
    assert not surveyed or any("%" in g.title and g.area == "awareness" for g in draft.goals), surveyed


def test_a_local_shop_gets_a_pre_order_card_no_survey_and_no_e_commerce_department(deck):
    draft = draft_strategy(
        Strategy(name="Bäckerei", language="de"), deck.profiles["local"], deck.cards, "de", date(2026, 11, 21)
    )
    by_card = {k.card: k for k in draft.kpis}
    goals = {g.id: g.title for g in draft.goals}
    assert "brand-awareness" not in by_card and "engagement-rate" not in by_card
    assert goals[by_card["pre-orders"].goal].startswith("150 Vorbestellungen")
    assert by_card["repeat-purchase-rate"].owner.department == "sales"
    assert "ecommerce" not in {k.owner.department for k in draft.kpis}


def test_a_benchmark_becomes_a_target_only_when_it_measures_what_the_card_does(deck):
    local = deck.profiles["local"]
    # Rival IQ's engagement rate is per follower; the card's is per impression.
    assert [r.value for r in local.reference_values if r.card == "engagement-rate"] == ["0.47 %", "0.06 %"]
    assert reference_target(local, "engagement-rate") is None
    same = local.reference_values[1].model_copy(update={"same_measure": True, "card": "repeat-purchase-rate"})
    profile = local.model_copy(update={"reference_values": [*local.reference_values, same]})
    assert reference_target(profile, "repeat-purchase-rate") == 0.47
    before = Strategy(name="Bäckerei", language="de")
    draft = draft_strategy(before, profile, deck.cards, "de", date(2026, 11, 21))
    report = describe_draft(before, draft, profile, deck.cards)
    [with_target] = [k for k in draft.kpis if k.target is not None]
    assert with_target.card == "repeat-purchase-rate" and with_target.target == 0.47
    assert report.targets_from == {with_target.id: same}
    metrics = [pick.card for pick in profile.quick_start if deck.cards[pick.card].is_metric]
    assert metrics  # the local profile drafts reach and profile visits: feedback beside a KPI
    assert len(report.without_target) == len(draft.kpis) - len(metrics) - 1  # a metric is never asked for a target
    assert len(report.kpis) == len(profile.quick_start) - len(metrics) and len(report.goals) == len(profile.goals)
    assert sorted(k.card for k in draft.kpis if k.id in report.metrics) == sorted(metrics)


def test_quick_start_twice_adds_nothing_the_second_time(deck):
    once = draft_strategy(Strategy(name="x"), deck.profiles["b2b"], deck.cards, "en", date(2026, 11, 21))
    assert draft_strategy(once, deck.profiles["b2b"], deck.cards, "en", date(2026, 11, 21)) == once


def test_quick_start_on_the_profile_page_says_what_it_drafted_and_what_is_left(open_app, db_url, deck):
    at, stored = open_app(Strategy(name="Bäckerei", language="de", industry_profile="local"), guided="1")
    assert any("Fortschritt: 2 von 6 Schritten" in c.value for c in at.sidebar.caption)
    at.switch_page("views/profile.py").run()
    # the profile's benchmarks in German notation

    [references] = at.table
    assert "0,47 %" in references.value.iloc[:, 1].tolist()
    at.button(key="profile_quick_start").click().run()
    assert not at.exception
    saved, _ = load_strategy(make_engine(db_url), stored.id)
    profile = deck.profiles["local"]
    assert len(saved.kpis) == len(profile.quick_start) and len(saved.goals) == len(profile.goals)
    said = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Was der Schnellstart entworfen hat" in said
    assert f"{len(profile.goals)} Ziele: „300 lokale Aktionen" in said
    assert "Konversion: **Vorbestellungen und Reservierungen** → 150 Vorbestellungen über Social Media" in said
    assert "Noch zu entscheiden" in said
    metrics = [deck.cards[p.card] for p in profile.quick_start if deck.cards[p.card].is_metric]
    real = len(saved.kpis) - len(metrics)
    assert f"{real} KPIs, jeder mit seinem Ziel" in said  # the metrics are not counted as KPIs …
    assert f"Zielwerte für {real} KPIs (" in said and "(Reichweite" not in said  # … nor asked for a target
    names = ", ".join(card.title.de for card in metrics)
    assert f"{len(metrics)} unterstützende Kennzahlen, jede neben einem KPI desselben Ziels" in said
    assert names in said
    # a second click says so instead of drafting again
    at.button(key="profile_quick_start").click().run()
    assert any("hat nichts hinzugefügt" in i.value for i in at.info)
    at.switch_page("views/goals.py").run()
    [guide] = [i.value for i in at.info if "hartes Ziel" in i.value]
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
