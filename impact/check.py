"""The data check: each KPI's actual value per period (and per segment) against its target.

The rules that make the numbers right:
- a KPI is its formula applied to the period's *aggregated inputs* (a ratio of sums,
  never a mean of daily ratios);
- every metric aggregates by its own rule: sums add up, followers take the last
  value of the period (per channel and segment, then added), customers_start the
  first; reach and users are unique people: the export's own figure for the whole
  is used where it has one (a total row), else the parts add up to an upper bound,
  which is said; an average position is weighted by its impressions;
- a row that is a total over a date range (``span_end``) counts for a period that
  contains the whole range; a range longer than the period (a half-year Meta Ads
  report, a monthly KPI) is checked as a result of its own for that range, compared
  with the target only where the KPI is a ratio (which does not grow with time);
- money of different currencies is never added up, and money in another currency
  than the target's is shown but not compared;
- division by zero, or no rows at all, is "no data" — never 0 — with the reason.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from impact import periods
from impact.aggregate import aggregate_by, compact, filled
from impact.channels import channels_label, channels_of
from impact.formulas import Formula, parse
from impact.importers.canonical import categories_of
from impact.importers.vocabulary import currency_code
from impact.metrics import METRICS
from impact.model import Card, KpiChoice, Strategy

DEFAULT_PERIOD = "month"  # a KPI without a period is checked month by month
STATUSES = ("met", "missed", "no data", "no target", "not comparable")
DEFAULT_CURRENCY = "EUR"


@dataclass
class KpiResult:
    kpi: str  # the card id (the JSON contract); kpi_id tells two uses of one card apart
    kpi_id: str
    stage: str
    channel: str | None
    segment: str | None
    period: str | None  # 2026-W43, 2026-10, 2026-Q4, 2026, or a range 2025-02-01/2025-08-04
    actual: float | None
    target: float | None
    status: str  # one of STATUSES
    inputs: dict[str, float | None]
    direction: str = "up"
    change_previous: float | None = None
    change_baseline: float | None = None
    upper_bound: bool = False
    reason: str | None = None  # why there is no data or no comparison: a code with '|'-separated parameters
    currency: str | None = None  # the money the actual is in, where it is money
    spans_periods: bool = False  # a total over a range longer than the KPI's period
    sources: tuple[str, ...] = ()  # the files that held this result's inputs

    def as_json(self) -> dict[str, Any]:
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
            "reason": self.reason,
            "currency": self.currency,
            "spans_periods": self.spans_periods,
            "sources": list(self.sources),
        }


@dataclass
class CheckReport:
    results: list[KpiResult] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _clean_number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return float(round(value, 6))


def period_label(stamp: pd.Timestamp, period: str | None) -> str:
    """The period a day falls in: 2026-W43, 2026-Q4, 2026, else (a month) 2026-10."""
    return periods.label_for(stamp, period)


def period_labels(dates: pd.Series, period: str | None) -> pd.Series:
    """period_label for every row, worked out once per distinct day (a million rows,
    a few hundred days), as categories: the check groups and compares their codes."""
    codes, uniques = pd.factorize(dates)  # a missing day is -1, and stays missing
    labels: list[str | None] = [period_label(pd.Timestamp(u), period) for u in uniques]
    return pd.Series(categories_of(codes, labels), index=dates.index)


_EMPTY = pd.DataFrame(
    {
        "date": pd.Series(dtype="datetime64[ns]"),
        "span_end": pd.Series(dtype="datetime64[ns]"),
        "channel": pd.Series(dtype=object),
        "segment": pd.Series(dtype=object),
        "currency": pd.Series(dtype=object),  # none named: the strategy's
        "source": pd.Series(dtype=object),
    }
)


KEY_TEXTS = ("channel", "segment", "currency", "source")  # the texts the check groups and filters by


def combine(tables: Iterable[pd.DataFrame | tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One table from many imports; ``(source, table)`` pairs keep where each row came from.
    The texts the check groups by are categories: a million rows name a few channels,
    and grouping, filtering and asking for a missing value then work on small codes."""
    frames: list[pd.DataFrame] = []
    texts: dict[str, list[pd.Categorical]] = {key: [] for key in KEY_TEXTS}
    for item in tables:
        source, table = item if isinstance(item, tuple) else (None, item)
        if table.empty:
            continue
        frames.append(table.drop(columns=[key for key in KEY_TEXTS if key in table]))
        for key in KEY_TEXTS[:-1]:
            texts[key].append(_as_categories(table[key]) if key in table else _none(len(table)))
        texts["source"].append(
            _none(len(table)) if source is None else categories_of(np.zeros(len(table), int), [source])
        )
    # each file's rows numbered 0…: one numbering for all
    data = pd.concat([_EMPTY.drop(columns=list(KEY_TEXTS)), *frames], ignore_index=True)
    for key, parts in texts.items():
        data[key] = union_categoricals(parts, sort_categories=True) if parts else _none(0)
    return data[[*_EMPTY.columns, *[c for c in data.columns if c not in _EMPTY.columns]]]


def _none(rows: int) -> pd.Categorical:
    return categories_of(np.full(rows, -1), [])


def _as_categories(values: pd.Series) -> pd.Categorical:
    """A text column as categories of plain text (a reader's are already)."""
    if isinstance(values.dtype, pd.CategoricalDtype) and values.cat.categories.dtype == object:
        return cast(pd.Categorical, values.array)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return categories_of(codes, [str(u) for u in uniques])


def _assign_periods(data: pd.DataFrame, period: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows labelled with their period, and the range totals longer than one period
    (labelled with their own range)."""
    labels = period_labels(data["date"], period)
    spans = data["span_end"].notna()
    straddle = pd.Series(False, index=data.index)
    if spans.any():
        end_labels = period_labels(data.loc[spans, "span_end"], period)
        straddle.loc[spans] = end_labels.to_numpy(dtype=object) != labels[spans].to_numpy(dtype=object)
    inside = data[~straddle].assign(_period=labels[~straddle])
    ranges = data[straddle]
    ranges = ranges.assign(_period=ranges["date"].dt.date.astype(str) + "/" + ranges["span_end"].dt.date.astype(str))
    return compact(inside, ["_period"]), compact(ranges, ["_period"])


def _inputs(row: Mapping[Hashable, Any], metrics: list[str]) -> dict[str, float | None]:
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
    return sorted(rows.loc[rows[metric].notna(), "source"].dropna().unique().tolist())


def _no_data_reason(inputs: dict[str, float | None], has_rows: bool, job: _Kpi) -> str:
    """Why a KPI has no number, with what the reader needs to mend it: the channel the
    KPI asks for and the channels the data has; an input no file holds and the columns
    that were left unused; the input that is zero."""
    if job.channel_reason:
        return job.channel_reason
    if not has_rows:
        return f"no_rows_in_period|{job.channels}"  # only a channel filter leaves a period without rows
    missing = [name for name, value in inputs.items() if value is None]
    nowhere = [name for name in missing if name not in job.columns]
    if nowhere:
        return "input_not_in_files|" + ", ".join(nowhere) + "|" + ", ".join(job.unused)
    if missing:
        return "input_missing|" + ", ".join(missing)
    zero = [name for name, value in inputs.items() if value == 0]
    return "division_by_zero|" + ", ".join(zero)


def is_intensive(formula: Formula) -> bool:
    """A ratio (CTR, cost per click): the same whatever the length of the period, so a
    value over a longer range may be compared with the target. A count grows with the
    period; a formula that is neither is not compared either."""
    return formula.degree == 0


def _per_key(pairs: pd.DataFrame, keys: list[str], column: str) -> Callable[[object], tuple[Any, ...]]:
    """Per key combination, the distinct values of ``column`` in these rows, sorted (a
    few thousand pairs: one pass in Python, not one pandas call per group)."""
    found: dict[object, set[Any]] = {}
    for *key, value in pairs[[*keys, column]].dropna().drop_duplicates().itertuples(index=False, name=None):
        found.setdefault(key[0] if len(keys) == 1 else tuple(key), set()).add(value)
    table = {key: tuple(sorted(values)) for key, values in found.items()}
    return lambda key: table.get(key, ())


def _sources(rows: pd.DataFrame, keys: list[str], present: list[str]) -> Callable[[object], tuple[str, ...]]:
    """Per key combination, the files whose rows hold any of the KPI's inputs."""
    return _per_key(rows.loc[rows[present].notna().any(axis=1)], keys, "source")


def _currencies(
    rows: pd.DataFrame, keys: list[str], money: list[str], default: str
) -> Callable[[object], tuple[Any, ...]]:
    """Per key combination, the currencies of the money rows (a row that names none is
    taken to be in the strategy's currency). Worked out per group only when the rows
    hold more than one currency."""
    if not money:  # no money in this KPI: nothing to look at
        return lambda _key: ()
    has_money = rows[money].notna().any(axis=1)
    named = rows.loc[has_money, "currency"]
    found = set(named.dropna().unique())
    if not found:
        return lambda _key: ()
    if len(found) == 1 and named.notna().all():
        only = (found.pop(),)
        return lambda _key: only
    picked = rows.loc[has_money, [*keys, "currency"]]
    return _per_key(picked.assign(currency=filled(picked["currency"], default)), keys, "currency")


@dataclass
class _Kpi:
    kpi: KpiChoice
    card: Card
    formula: Formula
    money: list[str]
    target_currency: str
    money_unit: bool
    columns: frozenset[str] = frozenset()  # the metrics any file holds
    unused: tuple[str, ...] = ()  # columns no file's import used: a missing input may be one of them
    channels: str = ""  # the channels the KPI counts, as people write them
    channel_reason: str | None = None  # why no row is about those channels, when none is


def _emit(
    report: CheckReport,
    job: _Kpi,
    *,
    segment: str | None,
    label: str | None,
    row: Mapping[Hashable, Any] | None,
    actual: float,
    previous: float | None,
    currencies: tuple[str, ...] = (),
    sources: tuple[str, ...] = (),
    spans: bool = False,
) -> float | None:
    kpi, card = job.kpi, job.card
    metrics = list(job.formula.inputs)
    value = float(actual) if math.isfinite(actual) else None
    upper = row is not None and bool(row["_upper"])  # a period without rows adds up nothing
    inputs = _inputs(row, metrics) if row is not None else dict.fromkeys(metrics)
    reason: str | None = None
    too_large = [m for m, v in inputs.items() if v is not None and not math.isfinite(v)]
    currency = currencies[0] if len(currencies) == 1 else None
    target = kpi.target
    if len(currencies) > 1:
        value, reason = None, "mixed_currencies|" + ", ".join(currencies)
    elif value is None and (too_large or not np.isnan(actual)):  # 1e999, a 400-digit cell, a sum past 1e308
        reason = "not_finite|" + ", ".join(too_large)
    status = _status(value, target, card.direction)
    if value is None and reason is None:
        reason = _no_data_reason(inputs, row is not None, job)
    if value is not None and job.money_unit and currency and currency != job.target_currency and target is not None:
        status, reason = "not comparable", f"other_currency|{currency}|{job.target_currency}"
    if value is not None and spans and target is not None and not is_intensive(job.formula):
        status, reason = "not comparable", "range_longer_than_period|" + (kpi.period or DEFAULT_PERIOD)
    report.results.append(
        KpiResult(
            kpi=card.id,
            kpi_id=kpi.id,
            stage=kpi.stage,
            channel=kpi.channel,
            segment=segment,
            period=label,
            actual=value,
            target=target,
            status=status,
            inputs=inputs,
            direction=card.direction,
            change_previous=None if value is None or previous is None or spans else value - previous,
            change_baseline=None if value is None or kpi.baseline is None or spans else value - kpi.baseline,
            upper_bound=upper,
            reason=reason,
            currency=currency,  # None for a KPI without money: it has no currencies
            spans_periods=spans,
            sources=sources,
        )
    )
    if upper:
        report.warnings.append(("reach_upper_bound", f"{card.id}|{label}"))
    return value if value is not None else previous


def _records(frame: pd.DataFrame) -> list[dict[Hashable, Any]]:
    """One mapping per row of an aggregated table: column → value."""
    return frame.to_dict("records")  # pragma: no mutate - pandas reads the orient in any letter case


def _results_for(report: CheckReport, job: _Kpi, rows: pd.DataFrame, labels: list[str] | None, *, spans: bool) -> None:
    """The whole (after the channel filter) per period, then each segment per period.
    ``labels``: every period to say something about, also those without rows (None:
    just the periods the rows have)."""
    metrics = list(job.formula.inputs)
    present = [m for m in metrics if m in rows.columns]
    money = [m for m in job.money if m in rows]
    whole = aggregate_by(rows, ["_period"], metrics)
    if labels is not None:
        whole = whole.reindex(labels)
    currencies = _currencies(rows, ["_period"], money, job.target_currency)
    sources = _sources(rows, ["_period"], present)
    actuals = job.formula.evaluate_columns(whole)
    present_periods = set(rows["_period"].unique())
    previous: float | None = None
    records = _records(whole)
    for position, label in enumerate(whole.index):
        previous = _emit(
            report,
            job,
            segment=None,
            label=label,
            row=records[position] if label in present_periods else None,
            actual=actuals[position],
            previous=previous,
            currencies=currencies(label),
            sources=sources(label),
            spans=spans,
        )
    with_inputs = rows[rows["segment"].notna() & rows[present].notna().any(axis=1)]
    if with_inputs.empty:  # no segments, or none with a value for this KPI
        return
    parts = aggregate_by(with_inputs, ["segment", "_period"], metrics)
    currencies = _currencies(with_inputs, ["segment", "_period"], money, job.target_currency)
    sources = _sources(with_inputs, ["segment", "_period"], present)
    values = job.formula.evaluate_columns(parts)
    records = _records(parts)
    keys = list(parts.index)
    for segment, positions in itertools.groupby(range(len(keys)), key=lambda position: keys[position][0]):
        previous = None  # each segment's change is against its own previous period
        for position in positions:
            label = keys[position][1]
            previous = _emit(
                report,
                job,
                segment=str(segment),
                label=label,
                row=records[position],
                actual=values[position],
                previous=previous,
                currencies=currencies((segment, label)),
                sources=sources((segment, label)),
                spans=spans,
            )


def target_currency(strategy: Strategy, card: Card) -> str:
    """The currency a money target is in: the strategy's, else the one the card's unit names."""
    return strategy.currency or currency_code(card.unit) or DEFAULT_CURRENCY


def _channel_reason(holding: pd.DataFrame | None, wanted: tuple[str, ...]) -> str | None:
    """Why no row is about the channels a KPI asks for, naming the files that hold its
    inputs: they name no channel at all (a shop's own spreadsheet), or other channels
    only. ``holding``: the rows with any of the KPI's inputs (None without any data)."""
    if holding is None or holding.empty:
        return None  # no file holds the inputs: that is the reason, said elsewhere
    present = sorted(holding["channel"].dropna().unique().tolist())
    if any(channel in wanted for channel in present):
        return None
    asked = channels_label(wanted)
    files = ", ".join(sorted(holding["source"].dropna().unique().tolist()))
    named = f"|{files}" if files else ""  # rows handed over without a file name
    if not present:
        return f"channel_no_column|{asked}{named}"
    return f"channel_not_in_data|{asked}|{channels_label(present)}{named}"


def _holding(inside: pd.DataFrame, ranges: pd.DataFrame, metrics: list[str]) -> pd.DataFrame | None:
    """The rows that hold any of these inputs (their channel and file); None without data."""
    if inside.empty and ranges.empty:
        return None
    held = [
        part.loc[part[[m for m in metrics if m in part]].notna().any(axis=1), ["channel", "source"]]
        for part in (inside, ranges)
    ]
    return pd.concat(held, ignore_index=True)


def run_check(
    strategy: Strategy,
    cards: dict[str, Card],
    tables: Iterable[pd.DataFrame | tuple[str, pd.DataFrame]],
    *,
    unused: Iterable[str] = (),
) -> CheckReport:
    """Every KPI against the data; ``unused`` names the uploaded columns no import used,
    so that an input no file holds can point at them."""
    known = {**cards, **{c.id: c for c in strategy.custom_cards}}
    data = compact(combine(tables), ["date", "span_end"])  # a row per day and kind: periods are made of days
    unused_columns = tuple(dict.fromkeys(unused))
    report = CheckReport()
    if data.empty:
        report.warnings.append(("no_rows", ""))
    by_period: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
    for kpi in strategy.kpis:
        card = known.get(kpi.card)
        if card is None:
            report.warnings.append(("unknown_card", kpi.card))
            continue
        period = kpi.period or DEFAULT_PERIOD
        if period not in by_period:
            by_period[period] = _assign_periods(data, period)
        all_inside, all_ranges = by_period[period]
        inside, ranges = all_inside, all_ranges
        wanted = channels_of(kpi.channel)
        if wanted:
            inside = inside[inside["channel"].isin(wanted)]
            ranges = ranges[ranges["channel"].isin(wanted)]
        formula = parse(card.formula)
        metrics = list(formula.inputs)
        money = [m for m in metrics if METRICS[m].is_money]
        job = _Kpi(
            kpi,
            card,
            formula,
            money,
            target_currency(strategy, card),
            currency_code(card.unit) is not None,
            columns=frozenset(data.columns),
            unused=unused_columns,
            channels=channels_label(wanted),
            channel_reason=_channel_reason(_holding(all_inside, all_ranges, metrics), wanted) if wanted else None,
        )
        missing = [m for m in metrics if m not in data.columns]
        if missing:
            report.warnings.append(("missing_inputs", f"{card.id}|{', '.join(missing)}"))
        labels = sorted(all_inside["_period"].unique())  # every period of any channel: a gap is said
        for metric in [m for m in metrics if m in inside.columns]:
            sources = _sources_of(inside, metric)
            if len(sources) > 1:
                report.warnings.append(("several_sources", f"{card.id}|{metric}|{', '.join(sources)}"))
        if labels or ranges.empty:
            if not labels:
                _emit(report, job, segment=None, label=None, row=None, actual=np.nan, previous=None)
            else:
                _results_for(report, job, inside, labels, spans=False)
        if not ranges.empty:
            _results_for(report, job, ranges, None, spans=True)
    straddling = {p: len(r) for p, (_i, r) in by_period.items() if len(r)}
    for label, count in straddling.items():
        report.warnings.append(("span_straddles", f"{count}|{label}"))
    report.warnings = list(dict.fromkeys(report.warnings))
    return report
