"""Hostile input at volume: every fuzz target of the test suite with 10,000 cases.

Runs tests/test_hostile_input.py (strategy files, formulas) and
tests/test_importers_fuzz.py (uploads) with FUZZ_EXAMPLES cases per target and
prints, per target, the cases run, how many were refused, and the slowest refused
input with its time. A crash or a hang fails the run (pytest's exit code).

    .venv/bin/python bench/bench_fuzz.py [CASES]      # default 10000
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["tests/test_hostile_input.py", "tests/test_importers_fuzz.py"]


def main() -> int:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        runs = []
        for index, target in enumerate(TARGETS):  # one process per file: the machine has two cores
            env = {**os.environ, "FUZZ_EXAMPLES": str(cases), "FUZZ_STATS": str(Path(tmp) / f"{index}.json")}
            runs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", target], cwd=ROOT, env=env
                )
            )
        codes = [run.wait() for run in runs]
        elapsed = time.perf_counter() - start
        stats = {}
        for index in range(len(TARGETS)):
            path = Path(tmp) / f"{index}.json"
            if path.exists():
                stats.update(json.loads(path.read_text(encoding="utf-8")))
    returncode = max(codes)
    print(f"\nhostile input, {cases:,} cases per property, {elapsed / 60:.1f} min, pytest exit {returncode}")
    print(f"{'target':34} {'cases':>8} {'refused':>8} {'slowest refused':>16}  input")
    for target, entry in sorted(stats.items()):
        print(
            f"{target:34} {entry['cases']:>8,} {entry['refused']:>8,} {entry['slowest_refused'] * 1000:>13.0f} ms"
            f"  {entry['slowest_input'][:90]}"
        )
    return returncode


if __name__ == "__main__":
    sys.exit(main())
