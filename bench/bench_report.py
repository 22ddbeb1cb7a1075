"""The PDF of a 30-KPI strategy with five trend charts: time to build (goal <= 1.0 s warm;
the command line's report without charts, cold, goal <= 1.5 s).

Warm: in a running process, as the app builds it on a click (median of several).
Cold: a fresh `python -m impact report` process, imports included. Asserts nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from impact.deck import load_deck  # noqa: E402
from impact.model import Strategy  # noqa: E402
from impact.report.branding import Branding  # noqa: E402
from impact.report.pdf import ReportInput, build_pdf  # noqa: E402
from impact.review import Review, review  # noqa: E402
from impact.strategy_file import strategy_to_yaml  # noqa: E402
from tests.factories import big_strategy  # noqa: E402


@dataclass(frozen=True)
class Kept:
    """A saved check as the review reads it."""

    id: int
    created_at: datetime
    files: list[dict]
    results: list[dict]


def five_charts(strategy: Strategy, cards: dict) -> Review:
    """Six monthly checks with values for five KPIs (five charts), the rest without data."""
    checks = []
    for month in range(1, 7):
        rows = []
        for index, kpi in enumerate(strategy.kpis):
            actual = 10.0 + month + index if index < 5 else None
            rows.append(
                {
                    "kpi": kpi.card,
                    "kpi_id": kpi.id,
                    "stage": kpi.stage,
                    "channel": kpi.channel,
                    "segment": None,
                    "period": f"2026-{month:02d}",
                    "actual": actual,
                    "target": kpi.target,
                    "status": "no data" if actual is None else "met",
                    "inputs": {},
                }
            )
        checks.append(Kept(month, datetime(2026, month, 28, 12, 0), [], rows))
    return review(strategy, cards, checks)


def main() -> None:
    deck = load_deck()
    strategy = big_strategy(deck, 30)
    data = ReportInput(
        strategy=strategy,
        cards=deck.cards,
        profile=deck.profiles["b2b"],
        branding=Branding(author="Bench", footer="Bench"),
        review=five_charts(strategy, deck.cards),
    )
    first_started = time.perf_counter()
    pdf = build_pdf(data)
    first = time.perf_counter() - first_started
    times = []
    for _ in range(5):
        started = time.perf_counter()
        build_pdf(data)
        times.append(time.perf_counter() - started)
    folder = Path(tempfile.mkdtemp(prefix="impact-bench-report-"))
    plan = folder / "plan.yaml"
    plan.write_text(strategy_to_yaml(strategy), encoding="utf-8")
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "impact", "report", str(plan), "-o", str(folder / "out.pdf")],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        cold.append(time.perf_counter() - started)
    print(f"PDF of a 30-KPI strategy with 5 charts ({len(pdf) // 1024} KiB)")
    print(f"  first build in this process (loads WeasyPrint, vl-convert)   {first:5.2f} s")
    warm = statistics.median(times)
    print(f"  warm build, median of 5 (as on a click in the app)           {warm:5.2f} s   goal <= 1.0 s")
    cold_s = statistics.median(cold)
    print(f"  cold `python -m impact report` (no charts), median of 3      {cold_s:5.2f} s   goal <= 1.5 s")


if __name__ == "__main__":
    main()
