"""The data check on real downloads: every file of ``tests/real_exports`` (and the
samples) read on its own, timed, and all of them in one check through the command
line, as a consultant's monthly run would do it. Prints figures; asserts nothing.

``BENCH_CODE=/path/to/an/older/checkout`` runs the same measurement against another
version of the code (the files always come from this repository), which is how the
before/after figures in the closing notes are made.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("BENCH_CODE", HERE)).resolve()
sys.path.insert(0, str(CODE))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))

PLAN = """format: impact-strategy/1
name: Bench on real exports
goals:
  - {id: g, title: Business, area: leads, hard: true}
kpis:
  - {card: ctr, stage: consideration, goal: g, target: 2, period: month, owner: {department: marketing}}
  - {card: cpc, stage: consideration, goal: g, target: 1, period: month, owner: {department: marketing}}
  - {card: reach, stage: awareness, goal: g, target: 10000, period: month, owner: {department: marketing}}
  - {card: engagement-rate, stage: consideration, goal: g, target: 2, period: month, owner: {department: marketing}}
  - {card: website-traffic, stage: consideration, goal: g, target: 1000, period: quarter,
     owner: {department: marketing}}
  - {card: video-views, stage: awareness, goal: g, target: 10000, period: month, owner: {department: marketing}}
"""


def files() -> list[Path]:
    real = sorted(p for p in (HERE / "tests" / "real_exports").rglob("*") if p.is_file() and p.suffix != ".md")
    samples = sorted(p for p in (HERE / "tests" / "samples").glob("*") if p.suffix != ".md")
    return real + samples


def per_file() -> list[tuple[Path, str, float]]:
    from impact.importers import ExportError, read_export

    out = []
    for path in files():
        data = path.read_bytes()
        times, outcome = [], ""
        for _ in range(REPEAT):
            started = time.perf_counter()
            try:
                result = read_export(data, path.name, today=date(2026, 11, 23))
                outcome = f"{result.format} ({result.rows_read} rows)"
            except ExportError as error:
                outcome = f"refused: {error.code}"
            times.append(time.perf_counter() - started)
        out.append((path, outcome, statistics.median(times) * 1000))
    return out


def whole(paths: list[Path]) -> tuple[float, int, str]:
    folder = Path(tempfile.mkdtemp(prefix="impact-bench-real-"))
    plan = folder / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    command = [sys.executable, "-m", "impact", "check", str(plan), *map(str, paths), "--json"]
    times, code, said = [], 0, ""
    for _ in range(3):
        started = time.perf_counter()
        finished = subprocess.run(command, capture_output=True, text=True, cwd=CODE, check=False)
        times.append(time.perf_counter() - started)
        code, said = finished.returncode, (finished.stderr.strip().splitlines() or [""])[-1]
    return statistics.median(times), code, said


def main() -> None:
    print(f"Real exports, code at {CODE}")
    rows = per_file()
    width = max(len(str(p.relative_to(HERE / "tests"))) for p, _o, _t in rows)
    read = 0
    for path, outcome, ms in rows:
        read += not outcome.startswith("refused")
        print(f"  {path.relative_to(HERE / 'tests')!s:{width}}  {ms:8.1f} ms  {outcome}")
    print(f"  read: {read} of {len(rows)} files; all reads together {sum(t for _p, _o, t in rows):.0f} ms")
    seconds, code, said = whole([p for p, _o, _t in rows])
    outcome = "the check ran" if code == 0 else f"refused (exit {code}): {said[:100]}"
    print(f"  all {len(rows)} files in one `impact check`: {seconds:.2f} s, {outcome}")


if __name__ == "__main__":
    main()
