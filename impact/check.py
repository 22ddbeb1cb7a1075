"""The data check: each KPI's actual value per period (and per segment) against its target.

The rules that make the numbers right:
- a KPI is its formula applied to the period's *aggregated inputs* (a ratio of sums,
  never a mean of daily ratios);
- every metric aggregates by its own rule: sums add up, followers take the last
  value of the period (per channel and segment, then added), customers_start the
  first; reach is unique people and only adds up to an upper bound, which is said;
- a row that is a total over a date range (``span_end``) counts only for a period
  that contains the whole range; otherwise it is left out and a warning says why;
- division by zero, or no rows at all, is "no data" — never 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import pandas as pd

from impact.formulas import parse
from impact.metrics import METRICS
from impact.model import Card, Strategy

PERIOD_CODES = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}


@dataclass
class KpiResult:
    kpi: str  # the card id (the JSON contract); kpi_id tells two uses of one card apart
    kpi_id: str
    stage: str
    channel: str | None
    segment: str | None
    period: str | None
    actual: float | None
    target: float | None
    status: str  # met | missed | no data | no target
    inputs: dict[str, float | None]
    direction: str = "up"
    change_previous: float | None = None
    change_baseline: float | None = None
    upper_bound: bool = False

    def as_json(self) -> dict:
        data = asdict(self)
        data["inputs"] = {k: _clean_number(v) for k, v in self.inputs.items()}
        for key in ("actual", "target", "change_previous", "change_baseline"):
            data[key] = _clean_number(data[key])
        return data


@dataclass
class CheckReport:
    results: list[KpiResult] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def whole(self) -> list[KpiResult]:
        return [r for r in self.results if r.segment is None]

    def as_json(self, warning_text=None) -> dict:  # type: ignore[no-untyped-def]
        text = warning_text or (lambda code, detail: f"{code}: {detail}" if detail else code)
        return {"results": [r.as_json() for r in self.results], "warnings": [text(c, d) for c, d in self.warnings]}


def _clean_number(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return float(round(value, 6))


def period_label(stamp: pd.Timestamp, period: str) -> str:
    if period == "week":
        iso = stamp.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if period == "quarter":
        return f"{stamp.year}-Q{(stamp.month - 1) // 3 + 1}"
    if period == "year":
        return f"{stamp.year}"
    return f"{stamp.year}-{stamp.month:02d}"


def period_labels(dates: pd.Series, period: str) -> pd.Series:
    """Vectorised period_label (the check runs over a million rows)."""
    if dates.empty:
        return pd.Series([], dtype=object, index=dates.index)
    if period == "week":
        iso = dates.dt.isocalendar()
        return iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    if period == "quarter":
        return dates.dt.year.astype(str) + "-Q" + dates.dt.quarter.astype(str)
    if period == "year":
        return dates.dt.year.astype(str)
    return dates.dt.strftime("%Y-%m")


def combine(tables: Iterable[pd.DataFrame | tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One table from many imports; ``(source, table)`` pairs keep where each row came from."""
    frames = []
    for item in tables:
        source, table = item if isinstance(item, tuple) else (None, item)
        if table is None or table.empty:
            continue
        frames.append(table.assign(source=source) if source is not None else table)
    if not frames:
        return pd.DataFrame(columns=["date", "span_end", "channel", "segment"])
    return pd.concat(frames, ignore_index=True, sort=False)


def _assign_periods(data: pd.DataFrame, period: str) -> tuple[pd.DataFrame, int]:
    """Label each row with its period; drop range totals that straddle periods."""
    labels = period_labels(data["date"], period)
    spans = data["span_end"].notna()
    dropped = 0
    if spans.any():
        end_labels = period_labels(data.loc[spans, "span_end"], period)
        straddle = end_labels != labels[spans]
        dropped = int(straddle.sum())
        keep = ~spans.copy()
        keep[spans] = ~straddle
        data, labels = data[keep], labels[keep]
    return data.assign(_period=labels.values), dropped


def _aggregate(group: pd.DataFrame, metrics: list[str]) -> tuple[dict[str, float | None], bool]:
    values: dict[str, float | None] = {}
    upper = False
    for metric in metrics:
        if metric not in group:
            values[metric] = None
            continue
        column = group[metric]
        present = column.notna()
        if not present.any():
            values[metric] = None
            continue
        rule = METRICS[metric].aggregation
        if rule in ("last", "first"):
            rows = group.loc[present, ["date", "channel", "segment", metric]].sort_values("date", kind="stable")
            keys = [rows["channel"].fillna(""), rows["segment"].fillna("")]
            picked = rows.groupby(keys, sort=False)[metric]
            values[metric] = float((picked.last() if rule == "last" else picked.first()).sum())
        else:
            values[metric] = float(column.sum())
            if rule == "unique" and int(present.sum()) > 1:
                upper = True
    return values, upper


def _status(actual: float | None, target: float | None, direction: str) -> str:
    if actual is None:
        return "no data"
    if target is None:
        return "no target"
    met = actual >= target if direction == "up" else actual <= target
    return "met" if met else "missed"


def _sources_of(rows: pd.DataFrame, metric: str) -> list[str]:
    if "source" not in rows or metric not in rows:
        return []
    return sorted(rows.loc[rows[metric].notna(), "source"].dropna().unique().tolist())


def run_check(
    strategy: Strategy, cards: dict[str, Card], tables: Iterable[pd.DataFrame | tuple[str, pd.DataFrame]]
) -> CheckReport:
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    data = combine(tables)
    report = CheckReport()
    if data.empty:
        report.warnings.append(("no_rows", ""))
    straddled: dict[str, int] = {}
    by_period: dict[str, pd.DataFrame] = {}
    for kpi in strategy.kpis:
        card = known.get(kpi.card)
        if card is None:
            report.warnings.append(("unknown_card", kpi.card))
            continue
        period = kpi.period or "month"
        if period not in by_period:
            by_period[period], straddled[period] = _assign_periods(data, period) if not data.empty else (data, 0)
        rows = by_period[period]
        if kpi.channel and not rows.empty:
            rows = rows[rows["channel"] == kpi.channel.strip().lower()]
        formula = parse(card.formula)
        metrics = list(formula.inputs)
        missing = [m for m in metrics if m not in data.columns]
        if missing:
            report.warnings.append(("missing_inputs", f"{card.id}|{', '.join(missing)}"))
        labels = sorted(by_period[period]["_period"].unique()) if "_period" in by_period[period] else []
        labels = labels or [None]  # no data at all: one row that says so
        present = [m for m in metrics if m in rows.columns]
        for metric in present:
            sources = _sources_of(rows, metric)
            if len(sources) > 1:
                report.warnings.append(("several_sources", f"{card.id}|{metric}|{', '.join(sources)}"))
        scopes: list[tuple[str | None, pd.DataFrame]] = [(None, rows)]
        if present and not rows.empty and rows["segment"].notna().any():
            with_inputs = rows[rows["segment"].notna() & rows[present].notna().any(axis=1)]
            for segment, part in with_inputs.groupby("segment", sort=True):
                scopes.append((str(segment), part))
        for segment, scope in scopes:
            grouped = dict(tuple(scope.groupby("_period", sort=True))) if not scope.empty else {}
            previous: float | None = None
            for label in labels if segment is None else sorted(grouped):  # type: ignore[type-var]
                inputs, upper = (
                    _aggregate(grouped[label], metrics) if label in grouped else (dict.fromkeys(metrics), False)
                )
                actual = formula.evaluate(inputs)
                report.results.append(
                    KpiResult(
                        kpi=card.id,
                        kpi_id=kpi.id,
                        stage=kpi.stage,
                        channel=kpi.channel,
                        segment=segment,
                        period=label,
                        actual=actual,
                        target=kpi.target,
                        status=_status(actual, kpi.target, card.direction),
                        inputs=inputs,
                        direction=card.direction,
                        change_previous=None if actual is None or previous is None else actual - previous,
                        change_baseline=None if actual is None or kpi.baseline is None else actual - kpi.baseline,
                        upper_bound=upper,
                    )
                )
                if upper:
                    report.warnings.append(("reach_upper_bound", f"{card.id}|{label}"))
                previous = actual if actual is not None else previous
    for period, count in straddled.items():
        if count:
            report.warnings.append(("span_straddles", f"{count}|{period}"))
    report.warnings = list(dict.fromkeys(report.warnings))
    return report
