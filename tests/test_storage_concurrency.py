"""Two people saving the same strategy at once: nothing is ever lost.

Threads play the browsers. Each one loads the strategy, adds its own marker and
saves with the version it loaded. A conflict means someone else saved first; the
writer then reloads and tries again, as the app's "keep both" does. At the end the
latest version must hold every marker exactly once, and the history must count one
version per successful save.
"""

from __future__ import annotations

import threading

from impact.model import Strategy
from storage.errors import VersionConflict
from storage.repository import create_strategy, list_versions, load_strategy, save_version

WRITERS = 8
SAVES = 1000  # in all, on each database


def _hammer(engine, strategy_id: str) -> tuple[int, int, list[BaseException]]:
    attempts = [0] * WRITERS
    conflicts = [0] * WRITERS
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            for index in range(SAVES // WRITERS):
                while True:
                    current, version = load_strategy(engine, strategy_id)
                    marker = f"w{number}-{index}"
                    attempts[number] += 1
                    try:
                        save_version(
                            engine,
                            current.model_copy(update={"parking_lot": [*current.parking_lot, marker]}),
                            expected_version=version,
                            author=f"writer {number}",
                        )
                        break
                    except VersionConflict:
                        conflicts[number] += 1
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(attempts), sum(conflicts), errors


def test_a_thousand_concurrent_saves_lose_no_update(any_engine, request):
    stored = create_strategy(any_engine, Strategy(name="Shared"))
    attempts, conflicts, errors = _hammer(any_engine, stored.id)
    assert errors == []
    final, _ = load_strategy(any_engine, stored.id)
    expected = {f"w{n}-{i}" for n in range(WRITERS) for i in range(SAVES // WRITERS)}
    lost = expected - set(final.parking_lot)
    assert lost == set()
    assert len(final.parking_lot) == len(expected) == SAVES  # and none twice
    history = list_versions(any_engine, stored.id)
    assert [v.version for v in history] == list(range(SAVES + 1, 0, -1))  # no gap, no double
    assert attempts == SAVES + conflicts
    print(f"\n[{request.node.callspec.id}] saves {SAVES}, attempts {attempts}, conflicts {conflicts}, lost {len(lost)}")
