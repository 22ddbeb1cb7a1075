"""Killing the app in the middle of a save leaves the database consistent.

A child process saves versions and is killed with SIGKILL (no clean-up, as when a
server is shut down hard). Once with the kill landing deterministically inside the
save's transaction, once at random moments of a tight save loop. Afterwards every
strategy's latest version exists, the history has no gap, every stored document
reads back, and every save the child was told had succeeded is still there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import make_engine
from storage.repository import list_strategies, list_versions, load_strategy
from tests.hang_guard import no_hang

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import sys, time
    from impact.model import Strategy
    from storage import repository
    from storage.db import make_engine

    url, mode = sys.argv[1], sys.argv[2]
    engine = make_engine(url)
    stored = repository.create_strategy(engine, Strategy(name="Killed"))
    print("created", stored.id, flush=True)
    if mode == "inside":
        original = repository._insert_version

        def stall(conn, *args, **kwargs):
            original(conn, *args, **kwargs)
            print("inside", flush=True)  # the new version is written, the transaction is open
            time.sleep(120)

        repository._insert_version = stall
    version = 1
    while True:
        strategy = stored.model_copy(update={"parking_lot": [f"save {version + 1}"] * 50})
        version = repository.save_version(engine, strategy, expected_version=version)
        print("saved", version, flush=True)
    """
)


def _start(url: str, mode: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _assert_consistent(url: str, acknowledged: dict[str, int]) -> None:
    engine = make_engine(url)
    try:
        for summary in list_strategies(engine):
            numbers = [v.version for v in list_versions(engine, summary.id)]
            assert numbers == list(range(summary.latest_version, 0, -1)), summary.id  # no gap, no orphan
            for number in numbers:
                load_strategy(engine, summary.id, number)  # every document reads back
            assert summary.latest_version >= acknowledged.get(summary.id, 1)  # no acknowledged save lost
        with engine.connect() as conn:
            orphans = conn.execute(
                text(
                    "select count(*) from strategy_versions v join strategies s on s.id = v.strategy_id"
                    " where v.version > s.latest_version"
                )
            ).scalar_one()
        assert orphans == 0
    finally:
        engine.dispose()


def test_a_kill_inside_the_save_transaction_leaves_no_trace(any_url):
    with no_hang(120):
        child = _start(any_url, "inside")
        assert child.stdout is not None
        strategy_id = child.stdout.readline().split()[1]
        assert child.stdout.readline().strip() == "inside"
        child.send_signal(signal.SIGKILL)
        child.wait()
    _assert_consistent(any_url, {strategy_id: 1})
    engine = make_engine(any_url)
    assert load_strategy(engine, strategy_id)[1] == 1  # the half-done version 2 is not there
    engine.dispose()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kills_at_random_moments_of_saving_leave_the_database_consistent(any_url, seed):
    rng = random.Random(seed)
    acknowledged: dict[str, int] = {}
    with no_hang(180):
        for _ in range(3):
            child = _start(any_url, "loop")
            assert child.stdout is not None
            strategy_id = child.stdout.readline().split()[1]
            target = rng.randint(5, 60)
            last = 1
            for line in child.stdout:
                last = int(line.split()[1])
                if last >= target:
                    break
            os.kill(child.pid, signal.SIGKILL)  # the loop is already in its next save
            child.wait()
            acknowledged[strategy_id] = last
    _assert_consistent(any_url, acknowledged)
