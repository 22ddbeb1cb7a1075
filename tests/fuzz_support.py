"""Shared by the hostile-input tests: how many cases, and what each one cost.

The normal test run tries ``FUZZ_EXAMPLES`` cases per target (60 by default);
``bench/bench_fuzz.py`` runs the same tests with 10,000 and reads the figures
written to ``FUZZ_STATS``: cases per target, refusals, and the slowest refused
input. Timing is only recorded here, never asserted (speed belongs in bench/).
"""

from __future__ import annotations

import atexit
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import HealthCheck, settings

from tests.hang_guard import no_hang

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # every run draws afresh; nothing is replayed from an earlier machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

_stats: dict[str, dict[str, Any]] = {}


@contextmanager
def case(target: str, sample: Callable[[], str]) -> Iterator[dict[str, bool]]:
    """One fuzz case: guarded against hangs, timed, counted. Set ``outcome['refused']``."""
    outcome = {"refused": False}
    start = time.perf_counter()
    with no_hang(60):
        yield outcome
    seconds = time.perf_counter() - start
    entry = _stats.setdefault(target, {"cases": 0, "refused": 0, "slowest_refused": 0.0, "slowest_input": ""})
    entry["cases"] += 1
    if outcome["refused"]:
        entry["refused"] += 1
        if seconds > entry["slowest_refused"]:
            entry["slowest_refused"] = seconds
            entry["slowest_input"] = sample()[:160]
    if entry["cases"] % 500 == 0:
        _write_stats()  # a long run that is stopped early still leaves its figures


def _write_stats() -> None:
    path = os.environ.get("FUZZ_STATS")
    if path and _stats:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(_stats, handle, indent=1)


atexit.register(_write_stats)
