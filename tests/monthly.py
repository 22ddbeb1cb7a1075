"""Three monthly uploads of a bakery's order book, as she would make them: on 1 November
(September and October), on 1 December (November), then a corrected October. Tests
read the expected figures from these files themselves (``month_sums``)."""

from __future__ import annotations

import calendar
import csv
import io
from collections import defaultdict
from datetime import date

from impact.model import Goal, KpiChoice, Strategy


def _book(months: list[tuple[int, int]], base: dict[tuple[int, int], int]) -> bytes:
    lines = ["Datum;Vorbestellungen;Bestellungen"]
    for year, month in months:
        for day in range(1, calendar.monthrange(year, month)[1] + 1):
            pre_orders = base[(year, month)] if day % 10 == 1 else 0  # three order days a month
            lines.append(f"{day:02d}.{month:02d}.{year};{pre_orders};{20 + day % 7}")
    return ("\n".join(lines) + "\n").encode("utf-8")


OCTOBER = ("bestellbuch-oktober.csv", _book([(2026, 9), (2026, 10)], {(2026, 9): 3, (2026, 10): 4}))
NOVEMBER = ("bestellbuch-november.csv", _book([(2026, 11)], {(2026, 11): 8}))
CORRECTED = ("bestellbuch-oktober-korrigiert.csv", _book([(2026, 10)], {(2026, 10): 5}))
UPLOADS = (OCTOBER, NOVEMBER, CORRECTED)


def month_sums(data: bytes, column: str = "Vorbestellungen") -> dict[str, float]:
    """The file's own sum per month (ISO), made here from its rows."""
    sums: dict[str, float] = defaultdict(float)
    for row in csv.DictReader(io.StringIO(data.decode("utf-8")), delimiter=";"):
        _day, month, year = row["Datum"].split(".")
        sums[f"{year}-{month}"] += float(row[column])
    return dict(sums)


def bakery_plan(*, target: float = 20, total: float | None = 200, lang: str = "de") -> Strategy:
    """Pre-orders per month against a target and a total by the end of 2027, and a KPI
    no order book can answer (route requests)."""
    goal = Goal(id="vorbestellungen", title="200 Vorbestellungen bis Ende 2027", deadline=date(2027, 12, 31))
    return Strategy(
        id="baeckerei",
        name="Bäckerei Sonnenschein",
        language=lang,
        goals=[goal],
        kpis=[
            KpiChoice(
                id="vorbest",
                card="pre-orders",
                stage="conversion",
                goal=goal.id,
                target=target,
                baseline=5,
                total=total,
                period="month",
            ),
            KpiChoice(id="route", card="local-actions", stage="conversion", goal=goal.id, target=30, period="month"),
        ],
    )
