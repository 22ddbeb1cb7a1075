"""The application layer's strategy use cases, in-process on real databases: what the
pages and the command line do, without a browser or a process of their own."""

from __future__ import annotations

import pytest

from impact import edits
from impact.model import Goal, KpiChoice, Strategy
from impact.strategy_file import parse_strategy
from storage.errors import DatabaseUnavailable
from storage.store import Store
from workshop import Workshop, WorkshopError
from workshop.strategies import Opened


@pytest.fixture
def store(any_engine) -> Store:
    return Store(any_engine)


def desk(store: Store, **who) -> Workshop:
    return Workshop(store, **{"lang": "en", **who})


def test_create_open_and_list_stay_in_their_workspace(store):
    acme = desk(store, workspace="acme", author="Ada")
    made = acme.strategies.create(Strategy(name="Ours"), "created")
    assert made.version == 1 and made.strategy.id
    assert acme.strategies.open(made.strategy.id) == made
    assert [s.name for s in acme.strategies.list()] == ["Ours"]
    other = desk(store, workspace="globex")
    assert other.strategies.list() == []
    with pytest.raises(WorkshopError) as refused:
        other.strategies.open(made.strategy.id)
    assert refused.value.code == "not_found" and refused.value.params == {"id": made.strategy.id}
    assert "No saved strategy has the id" in refused.value.text("en")


@pytest.mark.parametrize("bad", ["", "UPPER", "../etc", "a" * 40, "x y"])
def test_an_id_that_cannot_be_one_is_not_found_without_asking_the_database(store, bad):
    with pytest.raises(WorkshopError) as refused:
        desk(store).strategies.open(bad)
    assert refused.value.code == "not_found"
    assert len(refused.value.params["id"]) <= 40


def test_apply_saves_the_change_with_what_changed_as_its_summary(store, deck):
    ws = desk(store, author="Ada")
    opened = ws.strategies.create(Strategy(name="Plan", language="en"), "created")
    applied = ws.strategies.apply(
        opened, edits.add_kpi, deck.cards["leads"], cards=deck.cards, summary="fallback", stage="conversion"
    )
    kpi_id = applied.extra
    assert applied.opened.version == 2 and applied.opened.strategy.kpi(kpi_id).card == "leads"
    again = ws.strategies.apply(applied.opened, edits.update_kpi, kpi_id, target=40, cards=deck.cards, summary="x")
    assert again.extra is None and again.opened.version == 3
    history = ws.strategies.versions(opened.strategy.id)
    assert [(v.version, v.author) for v in history] == [(3, "Ada"), (2, "Ada"), (1, "Ada")]
    assert "40" in history[0].summary and history[0].summary != "x"  # said what changed, not the fallback


def test_an_invalid_change_is_refused_and_nothing_is_saved(store, deck):
    ws = desk(store)
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    with pytest.raises(WorkshopError) as refused:
        ws.strategies.apply(opened, edits.set_details, name="", organisation="", language="de", cards={}, summary="")
    assert refused.value.code == "invalid" and refused.value.pending is None
    assert "name" in refused.value.detail
    assert ws.strategies.open(opened.strategy.id).version == 1


def test_a_save_after_someone_elses_is_a_conflict_that_keeps_my_change(store, deck):
    anna, ben = desk(store, author="Anna"), desk(store, author="Ben")
    base = anna.strategies.create(Strategy(name="Plan"), "created")
    anna.strategies.apply(base, edits.add_goal, Goal(title="Anna's"), cards={}, summary="")
    with pytest.raises(WorkshopError) as conflict:
        ben.strategies.apply(base, edits.add_goal, Goal(title="Ben's"), cards={}, summary="goal")
    error = conflict.value
    assert error.code == "conflict" and error.params == {"expected": 1, "actual": 2}
    assert [g.title for g in error.pending.strategy.goals] == ["Ben's"]  # nothing Ben did is lost
    assert error.pending.summary.startswith("Added: Goal")  # what a retry will write in the history
    assert str(error) == "conflict"
    assert "at version 2, not 1" in error.text("en")
    merged = ben.strategies.keep_both(base.strategy, error.pending.strategy, deck.cards)
    assert merged.their_version == 2 and merged.opened.version == 3
    assert sorted(g.title for g in merged.opened.strategy.goals) == ["Anna's", "Ben's"]
    assert ben.strategies.versions(base.strategy.id)[0].summary.startswith("Kept both (merged with version 2)")


def test_keep_both_never_saves_a_kpi_on_a_goal_the_other_removed(store, deck):
    """Anna removes a goal while Ben links a KPI to it: the goal stays (a KPI needs it),
    the clash says so, and the saved strategy is valid."""
    ws = desk(store)
    start = Strategy(
        name="Plan", goals=[Goal(id="g1", title="Leads")], kpis=[KpiChoice(card="leads", stage="conversion")]
    )
    base = ws.strategies.create(start, "created")
    kpi_id = base.strategy.kpis[0].id
    ws.strategies.apply(base, edits.remove_goal, "g1", cards={}, summary="")
    mine = edits.update_kpi(base.strategy, kpi_id, goal="g1")
    merged = ws.strategies.keep_both(base.strategy, mine, deck.cards)
    saved = ws.strategies.open(base.strategy.id).strategy
    assert saved == merged.opened.strategy
    assert saved.kpi(kpi_id).goal == "g1" and saved.goal("g1") is not None
    assert any(c.path == ("goals", "g1") for c in merged.clashes)


def test_restore_is_a_new_version_and_deletes_nothing(store):
    ws = desk(store, author="Cy")
    one = ws.strategies.create(Strategy(name="One"), "created")
    two = ws.strategies.save(one.strategy.model_copy(update={"name": "Two"}), "renamed", expected=1)
    restored = ws.strategies.restore(one.strategy.id, 1, expected=two.version)
    assert (restored.strategy.name, restored.version) == ("One", 3)
    assert ws.strategies.open(one.strategy.id, 2).strategy.name == "Two"  # still there
    assert ws.strategies.versions(one.strategy.id)[0].summary == "Version 1 restored"
    with pytest.raises(WorkshopError) as stale:  # a restore from a stale screen is a conflict too
        ws.strategies.restore(one.strategy.id, 2, expected=2)
    assert stale.value.code == "conflict" and stale.value.pending.strategy.name == "Two"
    with pytest.raises(WorkshopError) as missing:
        ws.strategies.restore(one.strategy.id, 9, expected=3)
    assert missing.value.code == "version_not_found" and missing.value.params["version"] == 9


def test_a_milestone_marks_a_version_once(store):
    ws = desk(store)
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    first = ws.strategies.milestone(opened.strategy.id, 1, "First evening")
    assert first.marked
    again = ws.strategies.milestone(opened.strategy.id, 1, "Again")
    assert not again.marked and again.note == "First evening"
    assert ws.strategies.versions(opened.strategy.id)[0].milestone == "First evening"


def test_compare_says_what_changed_between_two_versions(store, deck):
    ws = desk(store)
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    ws.strategies.apply(opened, edits.add_goal, Goal(title="More leads"), cards={}, summary="")
    changes = ws.strategies.compare(opened.strategy.id, 1, 2, deck.cards)
    assert [(c.kind, c.where) for c in changes] == [("added", "Goal “More leads”")]


def test_a_file_becomes_a_new_strategy_or_a_new_version_of_its_own(store):
    acme = desk(store, workspace="acme", author="Ann")
    first = acme.strategies.import_file(Strategy(name="From a file"), file_name="plan.yaml")
    assert first.created and first.opened.version == 1
    again = acme.strategies.import_file(first.opened.strategy, file_name="plan.yaml", expected=1)
    assert not again.created and again.opened.version == 2
    assert acme.strategies.versions(first.opened.strategy.id)[0].summary == "Saved from plan.yaml (command line)"
    with pytest.raises(WorkshopError) as stale:
        acme.strategies.import_file(first.opened.strategy, file_name="plan.yaml", expected=1)
    assert stale.value.code == "conflict"
    with pytest.raises(WorkshopError) as taken:  # another workspace's id is never reached
        desk(store, workspace="globex").strategies.import_file(first.opened.strategy, file_name="plan.yaml")
    assert taken.value.code == "id_taken"
    assert desk(store, workspace="globex").strategies.list() == []


class BrokenStore(Store):
    """A database that answers reads and fails every write."""

    def save_version(self, *args, **kwargs):
        raise DatabaseUnavailable("the disk is full")


def test_a_database_that_fails_keeps_what_the_person_did(any_engine, deck):
    ws = desk(Store(any_engine))
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    broken = desk(BrokenStore(any_engine))
    with pytest.raises(WorkshopError) as failed:
        broken.strategies.apply(opened, edits.add_goal, Goal(title="Kept"), cards={}, summary="goal")
    error = failed.value
    assert error.code == "db_unavailable" and error.detail == "the disk is full"
    assert [g.title for g in error.pending.strategy.goals] == ["Kept"]
    assert "disk" not in error.text("en") and "disk" not in error.text("de")  # the page never shows the detail
    assert ws.strategies.open(opened.strategy.id).version == 1


def test_a_corrupt_version_is_said_not_crashed(any_engine):
    from sqlalchemy import update

    from storage.tables import strategy_versions

    ws = desk(Store(any_engine))
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    with any_engine.begin() as conn:
        conn.execute(update(strategy_versions).values(document='{"format": "impact-strategy/1"}'))
    with pytest.raises(WorkshopError) as broken:
        ws.strategies.open(opened.strategy.id)
    assert broken.value.code == "corrupt" and "name" in broken.value.detail


def test_where_a_person_stopped_comes_back_for_that_account(store):
    from workshop.places import ResumePoint

    ws = desk(store, account="anna@example.org")
    opened = ws.strategies.create(Strategy(name="Plan"), "created")
    assert ws.places.recall(opened.strategy.id) is None
    assert ws.places.remember(opened.strategy.id, ResumePoint("board", True, "Anna"))
    assert ws.places.recall(opened.strategy.id) == ResumePoint("board", True, "Anna")
    assert desk(store, account="ben@example.org").places.recall(opened.strategy.id) is None


def test_a_place_the_database_cannot_keep_is_no_error(any_engine):
    from workshop.places import ResumePoint

    class NoPlaces(Store):
        def remember_place(self, *args, **kwargs):
            raise DatabaseUnavailable("down")

        def recall_place(self, *args, **kwargs):
            raise DatabaseUnavailable("down")

    ws = desk(NoPlaces(any_engine))
    assert ws.places.remember("abc", ResumePoint("board", False, None)) is False
    assert ws.places.recall("abc") is None


def test_the_example_file_round_trips_through_the_layer(store):
    from pathlib import Path

    example = parse_strategy(
        (Path(__file__).resolve().parent.parent / "examples" / "employer-branding.yaml").read_bytes()
    )
    ws = desk(store)
    imported = ws.strategies.import_file(example, file_name="employer-branding.yaml")
    assert ws.strategies.open(imported.opened.strategy.id) == Opened(imported.opened.strategy, 1)


def test_the_history_says_what_changed_in_the_authors_language(store, deck):
    german = desk(store, lang="de")
    opened = german.strategies.create(Strategy(name="Plan"), "angelegt")
    with_kpi = german.strategies.apply(
        opened, edits.add_kpi, deck.cards["leads"], cards=deck.cards, summary="x", stage="conversion"
    )
    german.strategies.apply(with_kpi.opened, edits.update_kpi, with_kpi.extra, target=40, cards=deck.cards, summary="x")
    newest = german.strategies.versions(opened.strategy.id)[0].summary
    assert "Zielwert" in newest and f"„{deck.cards['leads'].title.de}“" in newest


def test_an_invalid_change_says_which_field_and_why(store):
    from impact.model import LocalText

    ws = desk(store)
    opened = ws.strategies.create(Strategy(name="Plan"), "created")

    def nested(_strategy):
        return Strategy.model_validate({"name": "Plan", "goals": [{"title": "  "}]})

    with pytest.raises(WorkshopError) as field:
        ws.strategies.apply(opened, nested, cards={}, summary="")
    assert field.value.detail == "goals.0.title: Value error, must not be empty"

    def whole(_strategy):
        return LocalText(de="", en="")

    with pytest.raises(WorkshopError) as model:
        ws.strategies.apply(opened, whole, cards={}, summary="")
    assert model.value.detail == "Value error, needs a text in at least one language (de or en)"


def test_connect_opens_the_database_it_is_given_or_says_why_not(tmp_path):
    from workshop import connect

    url = f"sqlite:///{tmp_path / 'given.db'}"
    store = connect(url)
    try:
        assert str(store.engine.url) == url and (tmp_path / "given.db").exists()
    finally:
        store.close()
    with pytest.raises(WorkshopError) as down:
        connect("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert down.value.code == "db_unavailable" and "127.0.0.1" in down.value.detail
    assert "secret" not in down.value.detail and str(down.value) == "db_unavailable"
    assert WorkshopError("no_votes").detail == "" and WorkshopError("no_votes").pending is None
