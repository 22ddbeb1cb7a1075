"""Strategy health rules and the editing operations the pages call."""

from datetime import date

import pytest
from pydantic import ValidationError

from impact import edits
from impact.health import check_health
from impact.model import STAGES, Goal, Strategy
from impact.owners import ownership_matrix, silo_report


def rules(strategy, deck):
    return {item.rule: item for item in check_health(strategy, deck.cards)}


def complete_strategy(deck) -> Strategy:
    s = Strategy(name="Complete")
    s = edits.add_goal(s, Goal(id="hires", title="12 hires", area="recruiting", hard=True))
    for stage, card_id in zip(
        STAGES, ["brand-awareness", "engagement-rate", "application-rate", "response-time", "nps"], strict=True
    ):
        s, kpi_id = edits.add_kpi(s, deck.cards[card_id], goal="hires")
        s = edits.update_kpi(
            s, kpi_id, target=5, period="month", department="hr" if stage == "conversion" else "marketing"
        )
    return s


def test_a_complete_strategy_passes_every_rule(deck):
    assert all(item.ok for item in check_health(complete_strategy(deck), deck.cards))


def test_empty_strategy_fails_the_core_rules(deck):
    result = rules(Strategy(name="Empty"), deck)
    assert not result["has_goal"].ok
    assert not result["hard_goal_kpi"].ok
    assert not result["kpi_complete"].ok
    assert result["all_stages"].subjects == list(STAGES)


def test_likes_alone_are_not_a_strategy(deck):
    s = Strategy(name="Likes")
    s = edits.add_goal(s, Goal(id="g", title="Be liked", area="awareness"))
    s, _ = edits.add_kpi(s, deck.cards["likes"], goal="g")
    result = rules(s, deck)
    assert not result["no_bare_metric"].ok and result["no_bare_metric"].subjects == ["likes"]
    assert not result["goal_has_kpi"].ok  # a metric does not count as the goal's KPI
    s, _ = edits.add_kpi(s, deck.cards["brand-awareness"], goal="g")
    assert rules(s, deck)["no_bare_metric"].ok


def test_soft_goal_only_fails_hard_goal_rule(deck):
    s = Strategy(name="Soft")
    s = edits.add_goal(s, Goal(id="g", title="Awareness", area="awareness", hard=False))
    s, _ = edits.add_kpi(s, deck.cards["brand-awareness"], goal="g")
    assert not rules(s, deck)["hard_goal_kpi"].ok


def test_silo_rule_and_matrix(deck):
    s = complete_strategy(deck)
    for kpi in s.kpis:
        s = edits.update_kpi(s, kpi.id, department="marketing")
    assert not rules(s, deck)["beyond_marketing"].ok
    marketing_only, unowned = silo_report(s)
    assert marketing_only == list(STAGES) and unowned == []
    s = edits.update_kpi(s, s.kpis[2].id, department="hr")
    matrix = ownership_matrix(s)
    assert matrix["hr"]["conversion"] == ["application-rate"]
    assert list(matrix) == ["marketing", "hr"]


def test_edits_never_change_the_original(deck):
    original = Strategy(name="Original")
    changed = edits.add_goal(original, Goal(title="x"))
    assert original.goals == [] and len(changed.goals) == 1


def test_add_kpi_defaults_owner_and_single_goal(deck):
    s = edits.add_goal(Strategy(name="s"), Goal(id="only", title="Only goal"))
    s, kpi_id = edits.add_kpi(s, deck.cards["cost-per-hire"])
    kpi = s.kpi(kpi_id)
    assert (kpi.goal, kpi.owner.department, kpi.stage) == ("only", "hr", "conversion")


def test_update_kpi_clears_blank_text_and_validates(deck):
    s, kpi_id = edits.add_kpi(Strategy(name="s"), deck.cards["leads"])
    s = edits.update_kpi(s, kpi_id, channel="  linkedin ", person="  ")
    assert s.kpi(kpi_id).channel == "linkedin" and s.kpi(kpi_id).owner.person is None
    with pytest.raises(ValidationError):
        edits.update_kpi(s, kpi_id, period="fortnight")
    with pytest.raises(KeyError):
        edits.update_kpi(s, kpi_id, colour="red")


def test_removing_a_goal_keeps_its_cards_unlinked(deck):
    s = edits.add_goal(Strategy(name="s"), Goal(id="g", title="G"))
    s, kpi_id = edits.add_kpi(s, deck.cards["leads"], goal="g")
    s = edits.remove_goal(s, "g")
    assert s.goals == [] and s.kpi(kpi_id).goal is None


def test_goal_from_suggestion_sets_a_month_end_deadline(deck):
    suggestion = deck.profiles["recruiting"].goals[0].model_copy(update={"months": 12})
    goal = edits.goal_from_suggestion(suggestion, "de", date(2026, 11, 21))
    assert goal.title == suggestion.title.de and goal.hard == suggestion.hard
    assert goal.deadline == date(2027, 11, 30)
    three = suggestion.model_copy(update={"months": 3})
    assert edits.goal_from_suggestion(three, "en", date(2026, 11, 21)).deadline == date(2027, 2, 28)


def test_an_adopted_suggestion_stays_adopted_when_its_goal_is_rewritten(deck):
    from impact.strategy_file import parse_strategy, strategy_to_yaml
    from impact.voting import goal_options

    profile = deck.profiles["local"]
    first = profile.goals[0]
    origin = edits.suggestion_origin(profile.id, first)
    goal = edits.goal_from_suggestion(first, "de", date(2026, 11, 21), origin=origin)
    strategy = edits.add_goal(Strategy(name="Bäckerei", language="de", industry_profile="local"), goal)
    assert [g is not None for g in edits.adopted_suggestions(strategy, profile)] == [True] + [False] * (
        len(profile.goals) - 1
    )
    rewritten = edits.update_goal(strategy, goal.id, title="400 Aktionen bis Ostern")
    assert edits.adopted_suggestions(rewritten, profile)[0].id == goal.id  # by origin, not by text
    assert "goal-0" not in [o.id for o in goal_options(profile, rewritten, "de")]  # not offered again
    again = parse_strategy(strategy_to_yaml(rewritten))  # the origin is kept in the file
    assert again.goals[0].origin == origin
    legacy = edits.add_goal(Strategy(name="Alt", language="en"), Goal(title=first.title.en))  # a file from before
    assert edits.adopted_suggestions(legacy, profile)[0] is not None
    with pytest.raises(ValidationError):
        Goal(title="x", origin="not an origin")


def test_every_suggested_goal_has_an_origin_of_its_own(deck):
    for profile in deck.profiles.values():
        origins = [edits.suggestion_origin(profile.id, g) for g in profile.goals]
        assert len(set(origins)) == len(origins), profile.id
        assert all(Goal(title="x", origin=o).origin == o for o in origins)


def test_relevant_cards_put_profile_priorities_first(deck):
    profile = deck.profiles["b2b"]
    cards = edits.relevant_cards(deck.cards, profile, "conversion")
    assert [c.id for c in cards[: len(profile.priority_cards["conversion"])]] == profile.priority_cards["conversion"]
    assert all(c.stage == "conversion" for c in cards)


def test_departments_include_the_teams_own():
    s = edits.add_department(Strategy(name="s"), " Product ")
    assert s.all_departments()[-1] == "Product"
    assert edits.add_department(s, "Product").departments == ["Product"]


def test_custom_card_from_typed_text():
    from impact.custom_cards import build_custom_card
    from impact.formulas import FormulaError

    card = build_custom_card(
        stage="conversion",
        kind="kpi",
        title="Demo-Anfragen pro Klick",
        question="",
        formula="leads / link_clicks * 100",
        unit="%",
        direction="up",
        lang="de",
    )
    assert card.id.startswith("custom-demo-anfragen-pro-klick-") and card.inputs == ["leads", "link_clicks"]
    assert card.title.get("en") == "Demo-Anfragen pro Klick"  # falls back to the language it was written in
    with pytest.raises(FormulaError):
        build_custom_card(
            stage="conversion",
            kind="kpi",
            title="x",
            question="",
            formula="os.system",
            unit="",
            direction="up",
            lang="en",
        )


def test_completeness_asks_targets_of_kpis_only_and_points_to_the_right_step(deck):
    s = edits.add_goal(Strategy(name="s"), Goal(id="g", title="G", hard=True))
    s, kpi_id = edits.add_kpi(s, deck.cards["leads"], goal="g")
    s, _ = edits.add_kpi(s, deck.cards["reach"], goal="g")  # a metric: no target needed
    item = rules(s, deck)["kpi_complete"]
    assert (item.ok, item.step, item.subjects, item.stage) == (False, "board", ["leads"], "conversion")
    s = edits.update_kpi(s, kpi_id, target=10, department=None)
    item = rules(s, deck)["kpi_complete"]
    assert (item.ok, item.step, item.subjects) == (False, "owners", ["leads"])
    s = edits.update_kpi(s, kpi_id, department="sales")
    assert rules(s, deck)["kpi_complete"].ok


def test_the_silo_question_names_this_business_and_spares_a_one_person_shop(deck):
    from impact.owners import others_to_ask

    bakery = Strategy(name="Bäckerei", language="de", industry_profile="local")
    card = deck.cards["reach"]
    bakery, first = edits.add_kpi(bakery, card, stage="awareness")
    bakery = edits.update_kpi(bakery, first, department="marketing")
    local = deck.profiles["local"].departments
    assert others_to_ask(bakery, local) == [d for d in local if d != "marketing"]  # no HR for a bakery
    assert "hr" not in others_to_ask(bakery, local)
    alone = edits.update_kpi(bakery, first, person="Maria")
    assert others_to_ask(alone, local) == []  # every KPI is Maria's: there is nobody else to ask
