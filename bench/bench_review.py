"""The review as a strategy grows old: 12, 60 and 240 saved monthly checks of a
9-KPI strategy on SQLite, read and reviewed as the review page does on every rerun
(one query for all checks, then the history, trend and pace of each KPI). Against the
bare read of the same rows (the query and the JSON alone), so the ratio shows what the
review adds to reading. Prints seconds and ratios; asserts nothing."""

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


if __name__ == "__main__":
    print(f"{'checks':>7} {'review s':>9} {'read s':>8} {'ratio':>6}")
    for count in (12, 60, 240):
        review_s, read_s = run(count)
        print(f"{count:>7} {review_s:>9.3f} {read_s:>8.3f} {review_s / read_s:>6.1f}")
