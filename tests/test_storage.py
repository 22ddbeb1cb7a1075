"""Storage on real databases: a fresh in-memory SQLite per test, and a file for threads."""

import threading

import pytest
from sqlalchemy import inspect, text

from impact.model import Goal, Strategy
from storage.db import make_engine
from storage.errors import CorruptVersion, StrategyNotFound, VersionConflict
from storage.repository import create_strategy, list_strategies, list_versions, load_strategy, save_version


def test_migrations_create_the_schema(engine):
    tables = set(inspect(engine).get_table_names())
    assert {
        "strategies",
        "strategy_versions",
        "checks",
        "column_mappings",
        "report_settings",
        "alembic_version",
    } <= tables
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == "0004"


def test_an_upgrade_from_the_first_schema_keeps_every_strategy(tmp_path):
    from storage.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url, migrate=False)
    upgrade(old, "0001")
    stored = create_strategy(old, Strategy(name="From the first schema", goals=[Goal(title="G")]))
    old.dispose()
    engine = make_engine(url)  # opening brings it to head
    assert "checks" in inspect(engine).get_table_names()
    loaded, version = load_strategy(engine, stored.id)
    assert (loaded.name, loaded.goals[0].title, version) == ("From the first schema", "G", 1)


def test_migrating_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    make_engine(url).dispose()
    engine = make_engine(url)
    assert list_strategies(engine) == []


def test_create_load_and_every_save_appends_a_version(engine):
    stored = create_strategy(engine, Strategy(name="A", organisation="Org"), summary="created")
    assert stored.id
    changed = stored.model_copy(update={"goals": [Goal(title="Goal 1")]})
    assert save_version(engine, changed, expected_version=1, summary="goal") == 2
    loaded, version = load_strategy(engine, stored.id)
    assert version == 2 and loaded.goals[0].title == "Goal 1"
    first, _ = load_strategy(engine, stored.id, version=1)
    assert first.goals == []  # the earlier state is still there
    assert [v.version for v in list_versions(engine, stored.id)] == [2, 1]
    assert [v.summary for v in list_versions(engine, stored.id)] == ["goal", "created"]


def test_a_stale_save_is_a_conflict_not_an_overwrite(engine):
    stored = create_strategy(engine, Strategy(name="A"))
    save_version(engine, stored.model_copy(update={"name": "First writer"}), expected_version=1)
    with pytest.raises(VersionConflict) as info:
        save_version(engine, stored.model_copy(update={"name": "Second writer"}), expected_version=1)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert load_strategy(engine, stored.id)[0].name == "First writer"


def test_unknown_ids_raise_typed_errors(engine):
    with pytest.raises(StrategyNotFound):
        load_strategy(engine, "nope")
    with pytest.raises(StrategyNotFound):
        save_version(engine, Strategy(name="x", id="nope"), expected_version=1)
    stored = create_strategy(engine, Strategy(name="A"))
    with pytest.raises(StrategyNotFound):
        load_strategy(engine, stored.id, version=9)


def test_a_damaged_document_is_reported_not_crashed(engine):
    stored = create_strategy(engine, Strategy(name="A"))
    with engine.begin() as conn:
        conn.execute(text("update strategy_versions set document = '{\"format\": 7}'"))
    with pytest.raises(CorruptVersion):
        load_strategy(engine, stored.id)


def test_list_is_newest_first(engine):
    a = create_strategy(engine, Strategy(name="A"))
    create_strategy(engine, Strategy(name="B"))
    save_version(engine, a.model_copy(update={"name": "A2"}), expected_version=1)
    assert [s.name for s in list_strategies(engine)] == ["A2", "B"]


def test_concurrent_savers_lose_no_update(tmp_path):
    """Threads that re-read and retry on conflict: every save lands, each exactly once."""
    engine = make_engine(f"sqlite:///{tmp_path / 'threads.db'}")
    stored = create_strategy(engine, Strategy(name="Shared"))
    writers, saves_each = 4, 15
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for index in range(saves_each):
                while True:
                    current, version = load_strategy(engine, stored.id)
                    goal = Goal(id=f"w{number}-{index}", title=f"writer {number} save {index}")
                    try:
                        save_version(
                            engine,
                            current.model_copy(update={"goals": [*current.goals, goal]}),
                            expected_version=version,
                        )
                        break
                    except VersionConflict:
                        continue
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    final, version = load_strategy(engine, stored.id)
    assert version == 1 + writers * saves_each
    assert len({g.id for g in final.goals}) == writers * saves_each
