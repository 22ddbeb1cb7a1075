"""Several app processes starting at once on a fresh database: one migrates, the others
wait and find nothing to do (Alembic under a database lock)."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import create_engine, inspect, text


def _open(url: str, queue) -> None:  # in a process of its own, as an app process starts
    try:
        from storage.db import make_engine

        make_engine(url).dispose()
        queue.put("ok")
    except Exception as exc:  # noqa: BLE001 - reported to the test
        queue.put(repr(exc))


def test_four_processes_starting_together_migrate_the_database_once(any_url):
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [context.Process(target=_open, args=(any_url, queue)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    said = [queue.get(timeout=5) for _ in processes]
    assert said == ["ok"] * 4, said
    engine = create_engine(any_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert len(versions) == 1
        assert {"strategies", "sign_ins", "access_failures"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
