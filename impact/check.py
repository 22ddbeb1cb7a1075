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
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from impact.formulas import Formula, parse
from impact.metrics import METRICS
from impact.model import Card, KpiChoice, Strategy

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
        return {
            "kpi": self.kpi,
            "kpi_id": self.kpi_id,
            "stage": self.stage,
            "channel": self.channel,
            "segment": self.segment,
            "period": self.period,
            "actual": _clean_number(self.actual),
            "target": _clean_number(self.target),
            "status": self.status,
            "inputs": {k: _clean_number(v) for k, v in self.inputs.items()},
            "direction": self.direction,
            "change_previous": _clean_number(self.change_previous),
            "change_baseline": _clean_number(self.change_baseline),
            "upper_bound": self.upper_bound,
        }


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
    """period_label for every row, worked out once per distinct day (a million rows,
    a few hundred days)."""
    codes, uniques = pd.factorize(dates, use_na_sentinel=True)
    labels = np.array([period_label(pd.Timestamp(u), period) for u in uniques] + [None], dtype=object)
    return pd.Series(labels[codes], index=dates.index, dtype=object)


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


def _aggregate_by(rows: pd.DataFrame, keys: list[str], metrics: list[str]) -> pd.DataFrame:
    """One row per key combination, each input aggregated by its own rule; ``_upper``
    marks reach that was added up over several rows (an upper bound)."""
    present = [m for m in metrics if m in rows.columns]
    grouped = rows.groupby(keys, sort=True)
    sums = [m for m in present if METRICS[m].aggregation in ("sum", "unique")]
    out = grouped[sums].sum(min_count=1) if sums else pd.DataFrame(index=grouped.size().index)
    out["_upper"] = False
    for metric in present:
        rule = METRICS[metric].aggregation
        if rule in ("last", "first"):
            columns = list(dict.fromkeys([*keys, "date", "channel", "segment", metric]))
            known = rows.loc[rows[metric].notna(), columns].sort_values("date", kind="stable")
            known = known.assign(_c=known["channel"].fillna(""), _s=known["segment"].fillna(""))
            per_series = known.groupby([*keys, "_c", "_s"], sort=False)[metric]
            picked = per_series.last() if rule == "last" else per_series.first()
            out[metric] = picked.groupby(level=list(range(len(keys)))).sum(min_count=1)
        elif rule == "unique":
            out["_upper"] = out["_upper"] | (grouped[metric].count() > 1).reindex(out.index, fill_value=False)
    for metric in metrics:
        if metric not in out:
            out[metric] = np.nan
    return out


def _inputs(row: dict, metrics: list[str]) -> dict[str, float | None]:
    values = {}
    for metric in metrics:
        value = row[metric]
        values[metric] = None if value is None or value != value else float(value)
    return values


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


def _kpi_results(
    report: CheckReport, kpi: KpiChoice, card: Card, formula: Formula, rows: pd.DataFrame, labels: list[str | None]
) -> None:
    """All result rows of one KPI: the whole (after its channel filter) per period, then
    each segment per period, with the change against the previous period."""
    metrics = list(formula.inputs)
    present = [m for m in metrics if m in rows.columns]

    def emit(segment: str | None, label: str | None, row: dict | None, actual: float, previous: float | None):
        value = None if np.isnan(actual) else float(actual)
        flag = row.get("_upper") if row is not None else None
        upper = bool(flag) if flag is not None and flag == flag else False  # NaN (a period without rows) is not True
        report.results.append(
            KpiResult(
                kpi=card.id,
                kpi_id=kpi.id,
                stage=kpi.stage,
                channel=kpi.channel,
                segment=segment,
                period=label,
                actual=value,
                target=kpi.target,
                status=_status(value, kpi.target, card.direction),
                inputs=_inputs(row, metrics) if row is not None else dict.fromkeys(metrics),
                direction=card.direction,
                change_previous=None if value is None or previous is None else value - previous,
                change_baseline=None if value is None or kpi.baseline is None else value - kpi.baseline,
                upper_bound=upper,
            )
        )
        if upper:
            report.warnings.append(("reach_upper_bound", f"{card.id}|{label}"))
        return value if value is not None else previous

    whole = _aggregate_by(rows, ["_period"], metrics) if not rows.empty else pd.DataFrame(columns=metrics)
    whole = whole.reindex([label for label in labels if label is not None])
    actuals = formula.evaluate_columns(whole) if len(whole) else np.array([])
    previous: float | None = None
    if labels == [None]:
        emit(None, None, None, np.nan, None)
    for position, (label, row) in enumerate(zip(whole.index, whole.to_dict("records"), strict=True)):
        previous = emit(None, label, row, actuals[position], previous)

    if present and not rows.empty and rows["segment"].notna().any():
        with_inputs = rows[rows["segment"].notna() & rows[present].notna().any(axis=1)]
        if not with_inputs.empty:
            parts = _aggregate_by(with_inputs, ["segment", "_period"], metrics)
            values = formula.evaluate_columns(parts)
            last_segment, previous = None, None
            records = parts.to_dict("records")
            for position, (segment, label) in enumerate(parts.index):
                if segment != last_segment:
                    last_segment, previous = segment, None
                previous = emit(str(segment), label, records[position], values[position], previous)


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
        _kpi_results(report, kpi, card, formula, rows, labels)
    for period, count in straddled.items():
        if count:
            report.warnings.append(("span_straddles", f"{count}|{period}"))
    report.warnings = list(dict.fromkeys(report.warnings))
    return report
