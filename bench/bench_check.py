"""`python -m impact check` on a 1,000,000-row daily export, against a bare
`pandas.read_csv(engine="pyarrow")` of the same file, both as fresh processes in the
same run (interpreter start and imports count on both sides). Prints seconds, the
ratio (goal: at most 1.3x) and peak memory. Asserts nothing.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

STRATEGY = """format: impact-strategy/1
name: Bench
goals:
  - {id: g, title: Leads, area: leads, hard: true}
kpis:
  - {card: ctr, stage: consideration, goal: g, target: 2, period: month, owner: {department: marketing}}
  - {card: cpc, stage: consideration, goal: g, target: 1.5, period: week, owner: {department: marketing}}
  - {card: cost-per-conversion, stage: conversion, goal: g, target: 40, period: month, owner: {department: sales}}
  - {card: cost-per-conversion, stage: conversion, goal: g, target: 40, period: quarter, channel: linkedin,
     owner: {department: sales}}
  - {card: cpm, stage: awareness, goal: g, target: 8, period: month, owner: {department: marketing}}
"""


def generate(path: Path, rows: int) -> None:
    rng = np.random.default_rng(7)
    days = pd.date_range("2025-01-01", periods=730, freq="D")
    channels = np.array(["linkedin", "facebook", "instagram", "tiktok", "google ads"])
    campaigns = np.array([f"Kampagne {i:02d}" for i in range(50)])
    impressions = rng.integers(100, 10_000, rows)
    clicks = (impressions * rng.uniform(0.005, 0.05, rows)).astype(int)
    frame = pd.DataFrame(
        {
            "date": days[rng.integers(0, len(days), rows)].strftime("%Y-%m-%d"),
            "channel": channels[rng.integers(0, len(channels), rows)],
            "campaign": campaigns[rng.integers(0, len(campaigns), rows)],
            "impressions": impressions,
            "clicks": clicks,
            "spend": np.round(clicks * rng.uniform(0.2, 3.0, rows), 2),
            "conversions": (clicks * rng.uniform(0, 0.1, rows)).astype(int),
        }
    )
    frame.to_csv(path, index=False)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the child's peak resident memory (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="impact-bench-check-"))
    data, plan = folder / "daily.csv", folder / "plan.yaml"
    generate(data, ROWS)
    plan.write_text(STRATEGY, encoding="utf-8")
    bare = [sys.executable, "-c", f"import pandas as pd; pd.read_csv({str(data)!r}, engine='pyarrow')"]
    check = [sys.executable, "-m", "impact", "check", str(plan), str(data), "--json"]
    timed(bare)  # warm the page cache for the file
    bare_times, check_times, bare_peak, check_peak = [], [], 0.0, 0.0
    for _ in range(REPEAT):
        seconds, _ = timed(bare)
        bare_times.append(seconds)
        seconds, _ = timed(check)
        check_times.append(seconds)
    # peak memory, measured alone for each (ru_maxrss of children is a running maximum)
    bare_peak = _peak(bare)
    check_peak = _peak(check)
    b, c = statistics.median(bare_times), statistics.median(check_times)
    size = data.stat().st_size / 1024 / 1024
    print(f"Data check on {ROWS:,} rows ({size:.0f} MiB CSV), median of {REPEAT} runs, fresh processes")
    print(f"  bare pandas.read_csv(engine='pyarrow')   {b:6.2f} s   peak {bare_peak:6.0f} MiB")
    print(f"  python -m impact check --json            {c:6.2f} s   peak {check_peak:6.0f} MiB")
    print(f"  ratio                                    {c / b:6.2f}x  (goal <= 1.3x)")


def _peak(command: list[str]) -> float:
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
            *command,
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return int(out.stdout.strip()) / 1024


if __name__ == "__main__":
    main()
