"""The review as a strategy grows old.

1. 12, 60 and 240 saved monthly checks of a 9-KPI strategy on SQLite, read and reviewed
   as the review page does on every rerun (one query for all checks, then the history,
   trend and pace of each KPI), against the bare read of the same rows (the query and
   the JSON alone), so the ratio shows what the review adds to reading.
2. At scale: a 30-KPI strategy with 36 monthly checks, each made by the real check from a
   50,000-row export (50 campaigns, five channels, every input the KPIs name) and kept:
   the review in a running process (warm, as on the page) and ``impact review --json``
   as a fresh process; goal <= 0.5 s each.

Prints seconds and ratios; asserts nothing."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from impact.deck import load_cards
from impact.model import Goal, KpiChoice, Strategy
from storage.store import Store
from workshop import Workshop

CARDS = ["leads", "pre-orders", "social-revenue", "bookings", "donations", "ctr", "cpc", "reach", "engagement-rate"]
REPEAT = 5


def _strategy() -> Strategy:
    goal = Goal(id="g", title="Goal", deadline=datetime(2040, 12, 31).date())
    kpis = [
        KpiChoice(id=f"k{i}", card=card, stage="conversion", goal="g", target=100, total=10_000, period="month")
        for i, card in enumerate(CARDS)
    ]
    return Strategy(id="bench", name="Bench", goals=[goal], kpis=kpis)


def _results(strategy: Strategy, month: int) -> list[dict]:
    period = f"{2010 + month // 12}-{month % 12 + 1:02d}"
    return [
        {
            "kpi": k.card,
            "kpi_id": k.id,
            "stage": k.stage,
            "segment": None,
            "period": period,
            "actual": 50.0 + month,
            "target": 100.0,
            "status": "missed",
            "sources": ["export.csv"],
        }
        for k in strategy.kpis
    ]


def run(count: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder) / 'bench.db'}")
        ws = Workshop(store, lang="de")
        strategy = ws.strategies.create(_strategy(), "bench").strategy
        for month in range(count):
            store.save_check(
                strategy.id,
                1,
                files=[{"name": "export.csv", "period": None, "sha256": str(month)}],
                data=pd.DataFrame({"x": [month]}),
                results=_results(strategy, month),
                warnings=[],
            )
        cards = load_cards()
        review_times, read_times = [], []
        for _ in range(REPEAT):
            began = time.perf_counter()
            found = store.load_checks(strategy.id)
            [json.dumps(c.results) for c in found]
            read_times.append(time.perf_counter() - began)
            began = time.perf_counter()
            ws.checks.review(strategy, cards)
            review_times.append(time.perf_counter() - began)
        store.close()
    return statistics.median(review_times), statistics.median(read_times)


def _export(month: int, rows: int, inputs: list[str]) -> bytes:
    """A month of a campaign export: ``rows`` rows over its days, channels and campaigns."""
    import numpy as np

    from impact.metrics import METRICS

    rng = np.random.default_rng(month)
    first = pd.Timestamp(2023, 1, 1) + pd.DateOffset(months=month)
    days = pd.date_range(first, first + pd.offsets.MonthEnd(0))
    frame = pd.DataFrame(
        {
            "Date": days[rng.integers(0, len(days), rows)].strftime("%Y-%m-%d"),
            "Channel": np.array(["linkedin", "facebook", "instagram", "tiktok", "youtube"])[rng.integers(0, 5, rows)],
            "Campaign": [f"Campaign {n:02d}" for n in rng.integers(0, 50, rows)],
        }
    )
    for name in inputs:
        frame[METRICS[name].en] = rng.integers(1, 500, rows)
    return frame.to_csv(index=False).encode()


def at_scale(kpis: int = 30, months: int = 36, rows: int = 50_000) -> None:
    import os
    import subprocess

    from impact.deck import load_deck
    from impact.formulas import parse
    from tests.factories import big_strategy
    from workshop.uploads import Uploads

    deck = load_deck()
    folder = tempfile.mkdtemp(prefix="impact-bench-review-")
    url = f"sqlite:///{Path(folder) / 'bench.db'}"
    store = Store.open(url)
    ws = Workshop(store, lang="en")
    planned = big_strategy(deck, kpis).model_copy(update={"language": "en"})
    opened = ws.strategies.create(planned, "bench")
    strategy = opened.strategy
    inputs = sorted({name for k in strategy.kpis for name in parse(deck.cards[k.card].formula).inputs})
    began = time.perf_counter()
    results = 0
    for month in range(months):
        uploads = Uploads()
        uploads.keep(f"campaigns-{month:02d}.csv", _export(month, rows, inputs))
        kept = ws.checks.run(strategy, opened.version, deck.cards, uploads.read_all())
        results += len(kept.run.report.results)
    made = time.perf_counter() - began
    ws.checks.review(strategy, deck.cards)  # warm: the page has run once
    warm = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        ws.checks.review(strategy, deck.cards)
        warm.append(time.perf_counter() - started)
    store.close()
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "-m", "impact", "review", strategy.id, "--json"]
    cold = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=False, cwd=Path(__file__).parent.parent)
        cold.append(time.perf_counter() - started)
    print(f"At scale: {kpis} KPIs, {months} monthly checks of {rows:,} rows each ({results:,} results kept;")
    print(f"  the checks were made and kept in {made:.1f} s)")
    print(f"  review, warm, median of {REPEAT}              {statistics.median(warm):6.3f} s   goal <= 0.5 s")
    print(f"  `impact review --json`, fresh process, median of 3 {statistics.median(cold):6.3f} s   goal <= 0.5 s")


if __name__ == "__main__":
    print(f"{'checks':>7} {'review s':>9} {'read s':>8} {'ratio':>6}")
    for count in (12, 60, 240):
        review_s, read_s = run(count)
        print(f"{count:>7} {review_s:>9.3f} {read_s:>8.3f} {review_s / read_s:>6.1f}")
    at_scale()
