"""`impact check` on a 1,000,000-row daily export in two shapes, side by side:

- English: ``,`` separator, ``1234.56``, ISO dates, English headers;
- German, as Excel writes it: ``;`` separator, ``1.234,56`` with thousands grouped,
  ``31.12.2025`` dates, German headers (``Datum;Kanal;Kampagne;Impressionen;…``).

Each against a bare pandas read of the same file (pyarrow engine for English; the C
engine with ``sep=";", decimal=",", thousands="."`` for German, as pyarrow's reader
knows no thousands mark), all as fresh processes in the same run (interpreter start
and imports count on both sides). Prints seconds, ratios and peak memory; asserts
nothing. ``BENCH_SHAPES=de`` runs one shape only.
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
# another checkout's code for before/after figures (the commands run there)
CODE = Path(os.environ.get("BENCH_CODE", ROOT)).resolve()
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


GERMAN_HEADERS = {
    "date": "Datum",
    "channel": "Kanal",
    "campaign": "Kampagne",
    "impressions": "Impressionen",
    "clicks": "Klicks",
    "spend": "Kosten",
    "conversions": "Conversions",
}


def _german(values: pd.Series) -> pd.Series:
    """1234.5 as German Excel writes a formatted cell: 1.234,50."""
    return values.map("{:,.2f}".format).str.translate(str.maketrans(",.", ".,"))


def generate(path: Path, rows: int, shape: str = "en") -> None:
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
    if shape == "de":
        frame["date"] = pd.to_datetime(frame["date"]).dt.strftime("%d.%m.%Y")
        frame["impressions"] = frame["impressions"].map("{:,}".format).str.replace(",", ".")
        frame["spend"] = _german(frame["spend"])
        frame = frame.rename(columns=GERMAN_HEADERS)
        frame.to_csv(path, index=False, sep=";", encoding="utf-8")
    else:
        frame.to_csv(path, index=False)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the child's peak resident memory (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=CODE)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def measure(folder: Path, plan: Path, shape: str) -> tuple[float, float, float, float, float]:
    """Median seconds and peak MiB of the bare read and the check, and the file's MiB."""
    data = folder / f"daily-{shape}.csv"
    generate(data, ROWS, shape)
    if shape == "de":
        read = f"pd.read_csv({str(data)!r}, sep=';', decimal=',', thousands='.')"
    else:
        read = f"pd.read_csv({str(data)!r}, engine='pyarrow')"
    bare = [sys.executable, "-c", f"import pandas as pd; {read}"]
    check = [sys.executable, "-m", "impact", "check", str(plan), str(data), "--json"]
    timed(bare)  # warm the page cache for the file
    bare_times, check_times = [], []
    for _ in range(REPEAT):
        bare_times.append(timed(bare)[0])
        check_times.append(timed(check)[0])
    # peak memory, measured alone for each (ru_maxrss of children is a running maximum)
    size = data.stat().st_size / 1024 / 1024
    return statistics.median(bare_times), statistics.median(check_times), _peak(bare), _peak(check), size


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="impact-bench-check-"))
    plan = folder / "plan.yaml"
    plan.write_text(STRATEGY, encoding="utf-8")
    shapes = os.environ.get("BENCH_SHAPES", "en,de").split(",")
    figures = {shape: measure(folder, plan, shape) for shape in shapes}
    print(f"Data check on {ROWS:,} rows, median of {REPEAT} runs, fresh processes")
    print(f"  {'':34} {'English , .':>22} {'German ; , 1.234,56':>24}")

    def row(label: str, values: list[str]) -> None:
        print(f"  {label:34} " + " ".join(f"{v:>22}" for v in values))

    pick = [figures.get(s) for s in ("en", "de")]
    row("file size", [f"{f[4]:.0f} MiB" if f else "-" for f in pick])
    row("bare pandas read", [f"{f[0]:.2f} s, {f[2]:.0f} MiB" if f else "-" for f in pick])
    row("impact check --json", [f"{f[1]:.2f} s, {f[3]:.0f} MiB" if f else "-" for f in pick])
    row("time / bare read (goal <= 1.5x)", [f"{f[1] / f[0]:.2f}x" if f else "-" for f in pick])
    row("memory / bare read (goal <= 1.5x)", [f"{f[3] / f[2]:.2f}x" if f else "-" for f in pick])
    if all(pick):
        en, de = pick
        print(f"  German check / English check: {de[1] / en[1]:.2f}x time, {de[3] / en[3]:.2f}x memory")


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
        cwd=CODE,
    )
    return int(out.stdout.strip()) / 1024


if __name__ == "__main__":
    main()
