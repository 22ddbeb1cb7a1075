"""Readable diffs between versions and the three-way merge behind "keep both"."""

from datetime import date

import pytest

from impact import edits
from impact.diff import change_text, diff_strategies, summarise
from impact.merge import MergeFailed, merge_strategies
from impact.model import Goal, KpiChoice, Owner, Strategy


@pytest.fixture
def base(deck) -> Strategy:
    goal = Goal(id="hires", title="12 hires", hard=True, deadline=date(2027, 12, 31))
    return Strategy(
        name="Recruiting",
        goals=[goal],
        kpis=[
            KpiChoice(
                id="k1",
                card="qualified-leads" if "qualified-leads" in deck.cards else "leads",
                stage="conversion",
                goal="hires",
                target=40,
                owner=Owner(department="sales"),
            ),
            KpiChoice(id="k2", card="reach", stage="awareness", target=50000),
        ],
        departments=["Kitchen"],
    )


def test_a_diff_names_the_kpi_the_field_and_both_values(base, deck):
    card_title = deck.cards[base.kpis[0].card].title
    new = edits.update_kpi(base, "k1", target=50.5, stage="consideration")
    new = edits.update_goal(new, "hires", deadline=date(2028, 3, 31))
    new = edits.add_department(new, "Front desk")
    new = edits.remove_kpi(new, "k2")
    texts = [change_text(c, "en") for c in diff_strategies(base, new, deck.cards, "en")]
    assert "Goal “12 hires”: deadline 2027-12-31 → 2028-03-31" in texts
    assert f"KPI “{card_title.get('en')}” (Consideration): target 40 → 50.5" in texts
    assert f"KPI “{card_title.get('en')}” (Consideration): stage Conversion → Consideration" in texts
    assert "Added: Departments: Front desk" in texts
    assert f"Removed: KPI “{deck.cards['reach'].title.get('en')}” (Awareness)" in texts
    german = [change_text(c, "de") for c in diff_strategies(base, new, deck.cards, "de")]
    assert f"KPI „{card_title.get('de')}“ (Erwägung): Zielwert 40 → 50,5" in german
    assert "Ziel „12 hires“: Frist 31.12.2027 → 31.03.2028" in german


def test_identical_versions_have_no_diff_and_a_summary_counts_the_rest(base, deck):
    assert diff_strategies(base, base, deck.cards, "en") == []
    assert summarise([], "en") == ""
    new = edits.set_details(base, name="Recruiting 2027", organisation="Bakery", language="en")
    new = edits.park_question(new, "Who owns TikTok?")
    line = summarise(diff_strategies(base, new, deck.cards, "en"), "en", limit=2)
    assert line == "Strategy: language Deutsch → English; Strategy: name Recruiting → Recruiting 2027 (and 2 more)"


def test_keep_both_keeps_every_change_of_both_sides(base):
    mine = edits.update_kpi(base, "k1", target=45)
    mine = edits.add_department(mine, "Front desk")
    theirs = edits.update_kpi(base, "k2", target=60000)
    theirs = edits.update_goal(theirs, "hires", title="15 hires")
    theirs = edits.park_question(theirs, "Budget?")
    merged, clashes = merge_strategies(base, mine, theirs)
    assert clashes == []
    assert merged.kpi("k1").target == 45 and merged.kpi("k2").target == 60000
    assert merged.goals[0].title == "15 hires"
    assert merged.departments == ["Kitchen", "Front desk"] and merged.parking_lot == ["Budget?"]


def test_both_adding_cards_keeps_both_cards_and_removals_stay_removed(base, deck):
    mine, mine_id = edits.add_kpi(base, deck.cards["reach"])
    theirs, their_id = edits.add_kpi(edits.remove_kpi(base, "k2"), deck.cards["reach"])
    merged, clashes = merge_strategies(base, mine, theirs)
    assert [k.id for k in merged.kpis] == ["k1", their_id, mine_id]
    assert clashes == []


def test_the_same_field_changed_twice_is_a_clash_and_mine_wins(base):
    mine = edits.update_kpi(base, "k1", target=45)
    theirs = edits.update_kpi(base, "k1", target=55)
    merged, clashes = merge_strategies(base, mine, theirs)
    assert merged.kpi("k1").target == 45
    assert [(c.path, c.theirs, c.mine) for c in clashes] == [(("kpis", "k1", "target"), 55.0, 45.0)]


def test_my_removal_of_what_they_changed_keeps_their_work(base):
    mine = edits.remove_kpi(base, "k2")
    theirs = edits.update_kpi(base, "k2", target=1)
    merged, clashes = merge_strategies(base, mine, theirs)
    assert merged.kpi("k2").target == 1
    assert clashes and clashes[0].path == ("kpis", "k2")


def test_a_merge_that_cannot_be_a_valid_strategy_is_refused(base):
    mine = base.model_copy(update={"name": "x" * 150})
    theirs = base.model_copy(update={"organisation": "y"})
    merged, _ = merge_strategies(base, mine, theirs)  # fine: different fields
    assert (merged.name, merged.organisation) == ("x" * 150, "y")
    broken = base.model_copy(update={"kpis": [*base.kpis, base.kpis[0].model_copy(update={"id": "BAD ID"})]})
    with pytest.raises(MergeFailed):
        merge_strategies(base, broken, theirs)


def test_keep_both_keeps_my_removals_of_a_department_and_a_parked_question(base):
    """Sets are merged as sets: what I took out stays out, what they added comes in."""
    started = edits.park_question(edits.park_question(base, "Budget?"), "Who owns TikTok?")
    mine = started.model_copy(update={"departments": []})  # I removed the team's own department ...
    mine = edits.unpark_question(mine, 0)  # ... and answered the first question
    theirs = edits.add_department(edits.park_question(started, "Print?"), "Front desk")
    merged, clashes = merge_strategies(started, mine, theirs)
    assert merged.departments == ["Front desk"]
    assert merged.parking_lot == ["Who owns TikTok?", "Print?"]
    assert clashes == []
    both, _ = merge_strategies(started, mine, mine)  # the same removal on both sides
    assert both.departments == [] and both.parking_lot == ["Who owns TikTok?"]


def test_keep_both_keeps_a_removed_goal_a_kpi_still_links_to(base):
    """They removed the goal while I linked a KPI to it: the goal stays, and is said."""
    theirs = edits.remove_goal(base, "hires")
    mine = edits.update_kpi(base, "k2", goal="hires")
    merged, clashes = merge_strategies(base, mine, theirs)
    assert merged.goal("hires") == base.goal("hires")
    assert merged.kpi("k2").goal == "hires"
    assert [(c.path, c.kind) for c in clashes] == [(("goals", "hires"), "kept")]
    # the other way round: I removed it, they linked one more KPI to it
    mine, theirs = theirs, mine
    merged, clashes = merge_strategies(base, mine, theirs)
    assert merged.goal("hires") is not None and merged.kpi("k2").goal == "hires"
    assert [c.kind for c in clashes] == ["kept"]


def test_keep_both_keeps_a_removed_team_card_a_kpi_still_uses(base):
    from impact.model import Card, LocalText

    own = Card(
        id="custom-pies-1",
        stage="conversion",
        kind="kpi",
        title=LocalText(de="Kuchen", en="Pies"),
        question=LocalText(de="Wie viele?", en="How many?"),
        formula="orders",
        unit="count",
        inputs=["orders"],
    )
    started = edits.add_custom_card(base, own)
    theirs = started.model_copy(update={"custom_cards": []})
    mine, kpi_id = edits.add_kpi(started, own)
    merged, clashes = merge_strategies(started, mine, theirs)
    assert [c.id for c in merged.custom_cards] == ["custom-pies-1"] and merged.kpi(kpi_id).card == own.id
    assert [(c.path, c.kind) for c in clashes] == [(("custom_cards", "custom-pies-1"), "kept")]


def test_a_kpi_on_a_goal_no_side_has_is_refused(base):
    broken = base.model_copy(update={"kpis": [base.kpis[0].model_copy(update={"goal": "nowhere"})]})
    with pytest.raises(MergeFailed, match="unknown_goal"):
        merge_strategies(base, broken, base)


def test_a_value_set_on_one_side_only_is_taken_without_a_clash(base):
    mine = edits.set_profile(base, "b2b")  # base has no profile: the key is not in its document
    merged, clashes = merge_strategies(base, mine, base)
    assert merged.industry_profile == "b2b" and clashes == []
    theirs = edits.set_profile(base, "local")
    merged, clashes = merge_strategies(base, base, theirs)
    assert merged.industry_profile == "local" and clashes == []


def test_my_removal_of_a_value_they_changed_keeps_theirs_and_says_so(base):
    started = edits.set_profile(base, "b2b")
    mine = edits.set_profile(started, None)
    theirs = edits.set_profile(started, "local")
    merged, clashes = merge_strategies(started, mine, theirs)
    assert merged.industry_profile == "local"
    assert [(c.path, c.theirs, c.mine) for c in clashes] == [(("industry_profile",), "local", None)]
    merged, clashes = merge_strategies(started, theirs, mine)  # the other way round: my change wins
    assert merged.industry_profile == "local"
    assert [(c.path, c.theirs, c.mine) for c in clashes] == [(("industry_profile",), None, "local")]


def test_a_field_of_the_strategy_both_changed_is_named_in_the_clash(base):
    mine = base.model_copy(update={"name": "Mine"})
    theirs = base.model_copy(update={"name": "Theirs"})
    merged, clashes = merge_strategies(base, mine, theirs)
    assert merged.name == "Mine"
    assert [(c.path, c.theirs, c.mine, c.kind) for c in clashes] == [(("name",), "Theirs", "Mine", "changed")]


def test_the_merge_is_saved_under_their_id_and_says_why_it_fails(base):
    stored = base.model_copy(update={"id": "abc"})
    mine = stored.model_copy(update={"id": "other"})
    merged, _ = merge_strategies(stored, mine, stored)
    assert merged.id == "abc"
    bad = [base.kpis[0].model_copy(update={"id": "BAD ID"}), base.kpis[1].model_copy(update={"id": "ALSO BAD"})]
    with pytest.raises(MergeFailed) as failed:
        merge_strategies(base, base.model_copy(update={"kpis": [*base.kpis, *bad]}), base)
    assert str(failed.value) == "kpis[2].id: bad_id; kpis[3].id: bad_id"
    two = base.model_copy(update={"kpis": [k.model_copy(update={"goal": "gone"}) for k in base.kpis]})
    with pytest.raises(MergeFailed) as dangling:
        merge_strategies(base, two, base)
    assert str(dangling.value) == "kpis.k1.goal: unknown_goal; kpis.k2.goal: unknown_goal"


def test_two_fields_of_one_kpi_changed_by_each_side_are_both_kept(base):
    mine = edits.update_kpi(base, "k1", target=45)
    theirs = edits.update_kpi(base, "k1", period="quarter")
    merged, clashes = merge_strategies(base, mine, theirs)
    assert (merged.kpi("k1").target, merged.kpi("k1").period) == (45, "quarter") and clashes == []


def test_a_nested_value_one_side_set_is_taken_without_a_clash(base):
    mine = edits.update_kpi(base, "k2", person="Anna")  # k2 has no person: no key in any document
    merged, clashes = merge_strategies(base, mine, base)
    assert merged.kpi("k2").owner.person == "Anna" and clashes == []
    merged, clashes = merge_strategies(base, base, mine)
    assert merged.kpi("k2").owner.person == "Anna" and clashes == []


def test_each_side_setting_another_field_of_one_owner_keeps_both_without_a_clash(base):
    mine = edits.update_kpi(base, "k2", person="Anna")
    theirs = edits.update_kpi(base, "k2", department="sales")
    merged, clashes = merge_strategies(base, mine, theirs)
    owner = merged.kpi("k2").owner
    assert (owner.person, owner.department) == ("Anna", "sales") and clashes == []
    merged, clashes = merge_strategies(base, theirs, mine)
    assert (merged.kpi("k2").owner.person, merged.kpi("k2").owner.department) == ("Anna", "sales")
    assert clashes == []


def test_a_nested_value_i_removed_and_they_changed_keeps_theirs(base):
    started = edits.update_kpi(base, "k1", person="Anna")
    mine = edits.update_kpi(started, "k1", person="")
    theirs = edits.update_kpi(started, "k1", person="Bea")
    merged, clashes = merge_strategies(started, mine, theirs)
    assert merged.kpi("k1").owner.person == "Bea"
    assert [(c.path, c.theirs, c.mine) for c in clashes] == [(("kpis", "k1", "owner", "person"), "Bea", None)]


def test_the_same_new_goal_added_twice_differently_keeps_mine_and_says_so(base):
    mine = edits.add_goal(base, Goal(id="g2", title="Mine", hard=True))
    theirs = edits.add_goal(base, Goal(id="g2", title="Theirs", hard=True))
    merged, clashes = merge_strategies(base, mine, theirs)
    assert [g.title for g in merged.goals] == ["12 hires", "Mine"]
    assert [(c.path, c.theirs, c.mine) for c in clashes] == [(("goals", "g2", "title"), "Theirs", "Mine")]


def test_the_same_department_added_on_both_sides_is_there_once(base):
    mine = edits.add_department(base, "Front desk")
    theirs = edits.add_department(base, "Front desk")
    merged, _ = merge_strategies(base, mine, theirs)
    assert merged.departments == ["Kitchen", "Front desk"]


def test_a_removed_goal_two_kpis_still_link_to_comes_back_once(base, deck):
    theirs = edits.remove_goal(base, "hires")
    mine = edits.update_kpi(base, "k2", goal="hires")
    mine, _ = edits.add_kpi(mine, deck.cards["reach"], goal="hires")  # two of mine link to it
    merged, clashes = merge_strategies(base, mine, theirs)
    assert [g.id for g in merged.goals] == ["hires"]
    [kept] = clashes
    assert kept.kind == "kept" and kept.mine["title"] == "12 hires" and kept.theirs is None
