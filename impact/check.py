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
import numpy.typing as npt
import pandas as pd
from pandas.api.types import union_categoricals

from impact import periods
from impact.aggregate import UPPER, aggregate_by, compact
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


class _Level:
    """Rows at one level of detail (per period, or per segment and period) as arrays of
    codes: which group each row is in, which file and currency it names, which inputs it
    holds. What a KPI asks of them (the files behind its inputs, their currencies) is a
    few array operations, not pandas calls repeated for every KPI."""

    def __init__(self, rows: pd.DataFrame, keys: list[str], metrics: list[str]) -> None:
        group, self.keys = _key_codes(rows, keys)
        self.group = group
        self.sources, self.source_names = _text_codes(rows["source"])
        self.currencies, self.currency_names = _text_codes(rows["currency"])
        present = [m for m in metrics if m in rows.columns]
        held = rows[present].notna().to_numpy() if present else np.zeros((len(rows), 0), bool)
        self.held = {m: held[:, i] for i, m in enumerate(present)}
        self.rows = len(rows)

    def holding(self, metrics: Iterable[str]) -> npt.NDArray[np.bool_]:
        """The rows that hold any of these inputs."""
        mask = np.zeros(self.rows, dtype=bool)
        for metric in metrics:
            if metric in self.held:
                mask |= self.held[metric]
        return mask

    def distinct(
        self, mask: npt.NDArray[np.bool_], codes: npt.NDArray[np.int64], names: list[Any]
    ) -> dict[object, tuple[Any, ...]]:
        """Per group, the sorted distinct names these rows point at (rows of no group or no name left out)."""
        keep = mask & (self.group >= 0) & (codes >= 0)
        pairs = np.unique(self.group[keep] * (len(names) + 1) + codes[keep])
        found: dict[object, list[Any]] = {}
        for pair in pairs.tolist():
            found.setdefault(self.keys[pair // (len(names) + 1)], []).append(names[pair % (len(names) + 1)])
        return {key: tuple(sorted(values)) for key, values in found.items()}

    def files_of(self, metric: str) -> list[str]:
        """The files any of whose rows hold this input."""
        codes = self.sources[self.held[metric] & (self.sources >= 0)]
        return sorted(self.source_names[c] for c in np.unique(codes).tolist())

    def files(self, metrics: Iterable[str]) -> Callable[[object], tuple[str, ...]]:
        """Per group, the files whose rows hold any of the KPI's inputs."""
        table = self.distinct(self.holding(metrics), self.sources, self.source_names)
        return lambda key: table.get(key, ())

    def money(self, money: list[str], default: str) -> Callable[[object], tuple[Any, ...]]:
        """Per group, the currencies of the money rows (a row that names none is taken to
        be in the strategy's currency); one currency everywhere is looked at once."""
        if not money:  # no money in this KPI: nothing to look at
            return lambda _key: ()
        mask = self.holding(money)
        named = self.currencies[mask]
        found = {self.currency_names[c] for c in np.unique(named[named >= 0]).tolist()}
        if not found:
            return lambda _key: ()
        if len(found) == 1 and bool((named >= 0).all()):
            only = (found.pop(),)
            return lambda _key: only
        names = self.currency_names if default in self.currency_names else [*self.currency_names, default]
        codes = np.where(self.currencies >= 0, self.currencies, names.index(default))
        table = self.distinct(mask, codes, names)
        return lambda key: table.get(key, ())


def _text_codes(values: pd.Series) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """A text column as codes (-1 for none) and the texts they stand for."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes: npt.NDArray[np.int64] = np.asarray(values.cat.codes, dtype=np.int64)
        return codes, list(values.cat.categories)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), list(uniques)


def _key_codes(rows: pd.DataFrame, keys: list[str]) -> tuple[npt.NDArray[np.int64], list[object]]:
    """A number per row for its key combination (-1 where a key is missing), and the
    combination each number stands for (a value alone for a single key, as pandas
    names a group)."""
    parts = [_text_codes(rows[key]) for key in keys]
    group = np.zeros(len(rows), dtype=np.int64)
    missing = np.zeros(len(rows), dtype=bool)
    for codes, names in parts:
        group = group * (len(names) + 1) + codes
        missing |= codes < 0
    group = np.where(missing, -1, group)
    numbers, first, inverse = np.unique(group, return_index=True, return_inverse=True)
    present = numbers >= 0  # -1 (a missing key), if any, is the first number
    combinations = [tuple(names[codes[row]] for codes, names in parts) for row in first[present].tolist()]
    keys_of = [c[0] if len(keys) == 1 else c for c in combinations]
    return np.where(missing, -1, inverse.reshape(-1) - int((~present).sum())).astype(np.int64), keys_of


class _Rows:
    """The rows of one period kind after one channel filter (whole periods, or ranges
    longer than one period), aggregated once for every KPI that reads them: per period,
    and per segment and period, each input by its own rule. A KPI then takes its own
    inputs' columns; what differs per KPI is read from the levels' code arrays."""

    def __init__(self, rows: pd.DataFrame, metrics: list[str], labels: list[str] | None) -> None:
        whole = aggregate_by(rows, ["_period"], metrics)
        self.whole = whole.reindex(labels) if labels is not None else whole
        self.whole_records = _records(self.whole)
        self.present_periods = set(rows["_period"].unique())
        self.level = _Level(rows, ["_period"], metrics)
        present = [m for m in metrics if m in rows.columns]
        segmented = rows["segment"].notna().to_numpy() & self.level.holding(present)
        parted = rows[segmented]
        self.parts: pd.DataFrame | None = None
        if not parted.empty:
            self.parts = aggregate_by(parted, ["segment", "_period"], metrics)
            self.parts_records = _records(self.parts)
            self.parts_keys = list(self.parts.index)
            # per input, whether a group's rows hold it at all: a KPI speaks of a segment
            # only where its own inputs have a value
            held = parted.groupby(["segment", "_period"], sort=True, observed=True)[present].count()
            self.parts_held = {m: held[m].reindex(self.parts.index, fill_value=0).to_numpy() > 0 for m in present}
            self.parts_level = _Level(parted, ["segment", "_period"], metrics)


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
    # unique people added up from parts (an upper bound), for this KPI's own inputs; a
    # period without rows adds up nothing
    upper = row is not None and any(bool(row.get(UPPER + m, False)) for m in metrics)
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


def _results_for(report: CheckReport, job: _Kpi, shared: _Rows, *, spans: bool) -> None:
    """The whole (after the channel filter) per period, then each segment per period."""
    metrics = list(job.formula.inputs)
    present = [m for m in metrics if m in shared.level.held]
    money = [m for m in job.money if m in shared.level.held]
    currencies = shared.level.money(money, job.target_currency)
    sources = shared.level.files(present)
    actuals = job.formula.evaluate_columns(shared.whole)
    previous: float | None = None
    for position, label in enumerate(shared.whole.index):
        previous = _emit(
            report,
            job,
            segment=None,
            label=label,
            row=shared.whole_records[position] if label in shared.present_periods else None,
            actual=actuals[position],
            previous=previous,
            currencies=currencies(label),
            sources=sources(label),
            spans=spans,
        )
    if shared.parts is None:  # no segments
        return
    mine = np.zeros(len(shared.parts_keys), dtype=bool)
    for metric in present:
        mine |= shared.parts_held[metric]
    if not mine.any():  # no segment with a value for this KPI
        return
    currencies = shared.parts_level.money(money, job.target_currency)
    sources = shared.parts_level.files(present)
    values = job.formula.evaluate_columns(shared.parts)
    keys = shared.parts_keys
    positions = np.flatnonzero(mine).tolist()
    for segment, group in itertools.groupby(positions, key=lambda position: keys[position][0]):
        previous = None  # each segment's change is against its own previous period
        for position in group:
            label = keys[position][1]
            previous = _emit(
                report,
                job,
                segment=str(segment),
                label=label,
                row=shared.parts_records[position],
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
    planned = []
    inputs: dict[tuple[str, tuple[str, ...]], dict[str, None]] = {}  # all inputs read after one period and filter
    for kpi in strategy.kpis:
        card = known.get(kpi.card)
        if card is None:
            report.warnings.append(("unknown_card", kpi.card))
            continue
        formula = parse(card.formula)
        group = (kpi.period or DEFAULT_PERIOD, channels_of(kpi.channel))
        inputs.setdefault(group, {}).update(dict.fromkeys(formula.inputs))
        planned.append((kpi, card, formula, group))
    shared: dict[tuple[str, tuple[str, ...], bool], _Rows] = {}
    for kpi, card, formula, (period, wanted) in planned:
        if period not in by_period:
            by_period[period] = _assign_periods(data, period)
        all_inside, all_ranges = by_period[period]
        labels = sorted(all_inside["_period"].unique())  # every period of any channel: a gap is said
        for spans, rows in ((False, all_inside), (True, all_ranges)):
            if (period, wanted, spans) not in shared:
                chosen = rows[rows["channel"].isin(wanted)] if wanted else rows
                metrics = list(inputs[(period, wanted)])
                shared[(period, wanted, spans)] = _Rows(chosen, metrics, None if spans else labels)
        inside, ranges = shared[(period, wanted, False)], shared[(period, wanted, True)]
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
        for metric in [m for m in metrics if m in inside.level.held]:
            sources = inside.level.files_of(metric)
            if len(sources) > 1:
                report.warnings.append(("several_sources", f"{card.id}|{metric}|{', '.join(sources)}"))
        if labels or not ranges.level.rows:
            if not labels:
                _emit(report, job, segment=None, label=None, row=None, actual=np.nan, previous=None)
            else:
                _results_for(report, job, inside, spans=False)
        if ranges.level.rows:
            _results_for(report, job, ranges, spans=True)
    straddling = {p: len(r) for p, (_i, r) in by_period.items() if len(r)}
    for label, count in straddling.items():
        report.warnings.append(("span_straddles", f"{count}|{label}"))
    report.warnings = list(dict.fromkeys(report.warnings))
    return report
