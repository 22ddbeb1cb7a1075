"""Storage on both real databases: every test runs on a SQLite file and on PostgreSQL."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text

from impact.model import Goal, Strategy
from storage.checks import load_checks
from storage.db import make_engine
from storage.errors import CorruptVersion, StrategyNotFound, VersionConflict
from storage.repository import create_strategy, list_strategies, list_versions, load_strategy, save_version


def test_migrations_create_the_schema(any_engine):
    engine = any_engine
    tables = set(inspect(engine).get_table_names())
    assert {
        "strategies",
        "strategy_versions",
        "checks",
        "column_mappings",
        "report_settings",
        "alembic_version",
        "resume_points",
        "sign_ins",
        "access_failures",
    } <= tables
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == "0010"


def test_the_head_a_database_is_opened_at_is_alembics_own():
    from alembic.script import ScriptDirectory

    from storage.db import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_check_kept_before_wholes_existed_gets_them_when_the_database_is_upgraded(tmp_path):
    """Migration 0010 gives an existing check the rows of its whole, which the review reads."""
    import json

    from storage.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url, migrate=False)
    upgrade(old, "0009")
    results = [
        {"kpi": "leads", "kpi_id": "k", "segment": None, "period": "2026-10", "actual": 3.0},
        {"kpi": "leads", "kpi_id": "k", "segment": "Campaign A", "period": "2026-10", "actual": 1.0},
        {"kpi": "leads", "kpi_id": "k", "segment": "Campaign B", "period": "2026-10", "actual": 2.0},
    ]
    with old.begin() as conn:
        conn.execute(
            text(
                "insert into strategies (id, name, organisation, latest_version, created_at, updated_at)"
                " values ('s', 'S', '', 1, '2026-01-01', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "insert into checks (strategy_id, strategy_version, created_at, files, data, results, warnings)"
                " values ('s', 1, '2026-11-01', '[]', x'', :results, '[]')"
            ),
            {"results": json.dumps(results)},
        )
    old.dispose()
    engine = make_engine(url)
    with engine.connect() as conn:
        wholes = json.loads(conn.execute(text("select wholes from checks")).scalar_one())
    assert wholes == [r for r in results if r["segment"] is None]
    [loaded] = load_checks(engine, "s")
    assert loaded.results == wholes


def test_an_upgrade_from_the_first_schema_keeps_every_strategy(tmp_path):
    from storage.db import upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = make_engine(url, migrate=False)
    upgrade(old, "0001")
    stored = _saved_by_the_first_app(old, Strategy(name="From the first schema", goals=[Goal(title="G")]))
    old.dispose()
    engine = make_engine(url)  # opening brings it to head
    assert "checks" in inspect(engine).get_table_names()
    loaded, version = load_strategy(engine, stored.id)
    assert (loaded.name, loaded.goals[0].title, version) == ("From the first schema", "G", 1)


def _saved_by_the_first_app(engine, strategy: Strategy, versions: int = 1) -> Strategy:
    """Rows as the app of schema 0001 wrote them (today's code knows columns it did not have)."""
    from impact.model import new_id
    from impact.strategy_file import strategy_to_json

    strategy = strategy.model_copy(update={"id": new_id()})
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into strategies (id, name, organisation, latest_version, created_at, updated_at)"
                " values (:id, :name, '', :v, current_timestamp, current_timestamp)"
            ),
            {"id": strategy.id, "name": strategy.name, "v": versions},
        )
        for number in range(1, versions + 1):
            conn.execute(
                text(
                    "insert into strategy_versions (strategy_id, version, created_at, author, summary, document)"
                    " values (:id, :v, current_timestamp, null, '', :doc)"
                ),
                {"id": strategy.id, "v": number, "doc": strategy_to_json(strategy)},
            )
    return strategy


def test_migrating_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    make_engine(url).dispose()
    engine = make_engine(url)
    assert list_strategies(engine) == []


def test_create_load_and_every_save_appends_a_version(any_engine):
    engine = any_engine
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


def test_a_stale_save_is_a_conflict_not_an_overwrite(any_engine):
    engine = any_engine
    stored = create_strategy(engine, Strategy(name="A"))
    save_version(engine, stored.model_copy(update={"name": "First writer"}), expected_version=1)
    with pytest.raises(VersionConflict) as info:
        save_version(engine, stored.model_copy(update={"name": "Second writer"}), expected_version=1)
    assert (info.value.expected, info.value.actual) == (1, 2)
    assert load_strategy(engine, stored.id)[0].name == "First writer"


def test_unknown_ids_raise_typed_errors(any_engine):
    engine = any_engine
    with pytest.raises(StrategyNotFound):
        load_strategy(engine, "nope")
    with pytest.raises(StrategyNotFound):
        save_version(engine, Strategy(name="x", id="nope"), expected_version=1)
    stored = create_strategy(engine, Strategy(name="A"))
    with pytest.raises(StrategyNotFound):
        load_strategy(engine, stored.id, version=9)


def test_a_damaged_document_is_reported_not_crashed(any_engine):
    engine = any_engine
    stored = create_strategy(engine, Strategy(name="A"))
    with engine.begin() as conn:
        conn.execute(text("update strategy_versions set document = '{\"format\": 7}'"))
    with pytest.raises(CorruptVersion):
        load_strategy(engine, stored.id)


def test_list_is_newest_first(any_engine):
    engine = any_engine
    a = create_strategy(engine, Strategy(name="A"))
    create_strategy(engine, Strategy(name="B"))
    save_version(engine, a.model_copy(update={"name": "A2"}), expected_version=1)
    assert [s.name for s in list_strategies(engine)] == ["A2", "B"]


def test_an_upgrade_from_the_first_schema_keeps_every_strategy_on_postgresql(postgres_url):
    from storage.db import upgrade

    old = make_engine(postgres_url, migrate=False)
    upgrade(old, "0001")
    stored = [
        _saved_by_the_first_app(
            old, Strategy(name=f"Old {n}", goals=[Goal(title=f"G{n}")]), versions=2 if n == 0 else 1
        )
        for n in range(3)
    ]
    old.dispose()
    engine = make_engine(postgres_url)
    assert {s.name for s in list_strategies(engine)} == {"Old 0", "Old 1", "Old 2"}
    assert [v.version for v in list_versions(engine, stored[0].id)] == [2, 1]
    assert load_strategy(engine, stored[2].id)[0].goals[0].title == "G2"


def test_one_workspace_never_sees_another(any_engine):
    ours = create_strategy(any_engine, Strategy(name="Ours"), workspace="acme")
    theirs = create_strategy(any_engine, Strategy(name="Theirs"), workspace="globex")
    create_strategy(any_engine, Strategy(name="Laptop"))
    assert [s.name for s in list_strategies(any_engine, workspace="acme")] == ["Ours"]
    assert [s.name for s in list_strategies(any_engine)] == ["Laptop"]
    for call in (
        lambda: load_strategy(any_engine, theirs.id, workspace="acme"),
        lambda: load_strategy(any_engine, theirs.id, 1, workspace="acme"),
        lambda: list_versions(any_engine, theirs.id, workspace="acme"),
        lambda: save_version(
            any_engine, theirs.model_copy(update={"name": "Hijack"}), expected_version=None, workspace="acme"
        ),
        lambda: load_strategy(any_engine, ours.id),  # the unprotected workspace is a workspace too
    ):
        with pytest.raises(StrategyNotFound):
            call()
    assert load_strategy(any_engine, theirs.id, workspace="globex")[0].name == "Theirs"


def test_choices_for_a_file_shape_are_remembered_listed_and_forgotten(any_engine):
    import json
    from datetime import date

    from sqlalchemy import insert

    from impact.importers import Choices
    from storage.checks import forget_mapping, list_mappings, recall_mapping, remember_mapping
    from storage.tables import column_mappings

    stored = create_strategy(any_engine, Strategy(name="Bakery"))
    choices = Choices(
        format="generic",
        header_row=3,
        columns={"Vorbestellungen": "orders", "Notiz": None},
        period=(date(2026, 10, 1), date(2026, 10, 31)),
        channel="laden",
        date_order="dmy",
    )
    remember_mapping(any_engine, stored.id, "sig-1", choices, example="bakery.csv")
    assert recall_mapping(any_engine, stored.id, "sig-1") == choices
    assert recall_mapping(any_engine, stored.id, "other") is None
    [listed] = list_mappings(any_engine, stored.id)
    assert (listed.signature, listed.example, listed.choices) == ("sig-1", "bakery.csv", choices)
    # a mapping saved before choices existed: a plain header → role dict
    with any_engine.begin() as conn:
        conn.execute(
            insert(column_mappings).values(
                strategy_id=stored.id,
                signature="old",
                format="generic",
                mapping=json.dumps({"Kosten": None, "Anmeldungen": "newsletter_signups"}),
                updated_at=datetime.now(UTC),
            )
        )
    old = recall_mapping(any_engine, stored.id, "old")
    assert old == Choices(format="generic", columns={"Kosten": None, "Anmeldungen": "newsletter_signups"})
    forget_mapping(any_engine, stored.id, "sig-1")
    assert recall_mapping(any_engine, stored.id, "sig-1") is None


def test_a_fingerprint_from_the_values_is_the_one_from_their_text():
    """A check's fingerprint is made from the values as they are kept; checks kept
    before were fingerprinted from their stored text: the two must agree."""
    import json

    from storage.checks import fingerprint, fingerprint_of

    files = [{"name": "a.csv", "sha256": "ab", "period": ["2026-10-01", "2026-10-31"]}]
    results = [{"kpi": "ctr", "actual": 1.25, "inputs": {"clicks": 5.0}, "sources": ["a.csv"], "segment": "Ä"}]
    warnings = [{"code": "total_rows", "detail": "1"}]
    as_text = fingerprint(json.dumps(files), json.dumps(results), json.dumps(warnings))
    assert fingerprint_of(files, results, warnings) == as_text
    assert fingerprint_of(files, [{**results[0], "actual": 1.5}], warnings) != as_text
