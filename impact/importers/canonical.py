"""The canonical table every import becomes, and the account of how it was made.

An import yields a *wide* table: ``date``, ``span_end``, ``channel``, ``segment``,
``currency`` and one column per canonical metric. ``span_end`` is set where a row is
a total over a date range (a report without a day column) rather than one day;
``currency`` where the row holds money (spend, revenue) and the export says in what;
``whole`` marks a row that holds an export's own figure for unique people (its
total row's reach), which the check prefers to the parts' upper bound.
(The long form ``date, channel, segment, metric, value`` is this table melted; the
wide form is kept because the check aggregates whole columns at once.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from impact.metrics import METRICS

KEY_COLUMNS = ("date", "span_end", "channel", "segment", "currency", "whole")
Warning_ = tuple[str, str]  # (code, '|'-separated parameters), translated when shown


UNUSED_REASONS = ("unknown", "by_user", "ambiguous")


@dataclass
class Ignored:
    column: str
    reason: str  # ratio | text | unknown | ambiguous | by_user | total | duplicate | empty | not_needed | repeated
    readings: tuple[str, ...] = ()  # for 'ambiguous': the metrics the column's name can mean


@dataclass(eq=False)
class TableRead:
    """One table of a file, read."""

    table: pd.DataFrame
    mapping: dict[str, str]
    ignored: list[Ignored]
    rows_read: int
    warnings: list[Warning_]
    columns: list[str]
    source: str = ""
    span: float = 1.0  # days one row covers (1 = daily): the most specific table wins a metric
    segmented: bool = False


@dataclass(eq=False)
class ImportResult:
    filename: str
    format: str
    sha256: str
    table: pd.DataFrame
    rows_read: int
    mapping: dict[str, str]
    ignored: list[Ignored] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # the tables read, for a file with several

    @property
    def metrics(self) -> list[str]:
        return [c for c in self.table.columns if c not in KEY_COLUMNS]

    @property
    def unused_columns(self) -> list[str]:
        """Columns with numbers that nothing read (not recognised, or set aside by the
        person): where an input the KPIs miss may be hiding, so they are named on the
        page and in a missing input's reason."""
        return [i.column for i in self.ignored if i.reason in UNUSED_REASONS]

    @property
    def period(self) -> tuple[date, date] | None:
        if self.table.empty:
            return None
        start = self.table["date"].min()
        ends = self.table["span_end"].fillna(self.table["date"])
        return start.date(), ends.max().date()


def empty_table() -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "span_end": pd.Series(dtype="datetime64[ns]")})
    for column in ("channel", "segment", "currency"):
        frame[column] = pd.Series(dtype=object)
    frame["whole"] = pd.Series(dtype=bool)
    return frame


def _text_column(value: pd.Series | str | None, index: pd.Index, *, lower: bool) -> pd.Series:
    """A channel, segment or currency column as categories: a million rows name a few
    dozen channels, each cleaned once, and the check groups by their codes."""
    if isinstance(value, pd.Series):
        codes, uniques = pd.factorize(value, use_na_sentinel=True)
        cleaned = [_clean_text(u, lower) for u in uniques]
        return pd.Series(categories_of(codes, cleaned), index=index)
    if value is None:
        return pd.Series(categories_of(np.full(len(index), -1), []), index=index)
    return pd.Series(
        categories_of(np.zeros(len(index), dtype=np.int64), [value.lower() if lower else value]), index=index
    )


def categories_of(codes: np.ndarray, texts: list[str | None]) -> pd.Categorical:
    """Rows that point (by code, -1 for none) into texts, as categories in sorted order;
    texts that are the same after cleaning become one, and a None is a missing value."""
    names = sorted({text for text in texts if text is not None})
    position = {name: number for number, name in enumerate(names)}
    mapped = np.array([position[text] if text is not None else -1 for text in texts] + [-1], dtype=np.int64)
    return pd.Categorical.from_codes(mapped[codes], categories=pd.Index(names, dtype=object))


def _clean_text(value: object, lower: bool) -> str | None:
    from impact.importers.vocabulary import is_missing

    if value is None or is_missing(value):
        return None
    text = " ".join(str(value).split())
    return text.lower() if lower else text


def wide_table(
    dates: pd.Series,
    metrics: dict[str, pd.Series],
    *,
    channel: pd.Series | str | None,
    segment: pd.Series | str | None = None,
    span_end: pd.Series | None = None,
    currency: pd.Series | str | None = None,
) -> pd.DataFrame:
    """Assemble the wide table; rows without a date or without any metric are dropped."""
    index = dates.index
    frame = pd.DataFrame({"date": dates.astype("datetime64[ns]")}, index=index)
    if span_end is None:
        frame["span_end"] = pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    else:
        frame["span_end"] = span_end.reindex(index).astype("datetime64[ns]")
    frame["channel"] = _text_column(channel, index, lower=True)
    frame["segment"] = _text_column(segment, index, lower=False)
    frame["currency"] = _text_column(currency, index, lower=False)
    frame["whole"] = False
    for metric, series in metrics.items():
        frame[metric] = series.astype(float)
    frame = frame[frame["date"].notna()]
    metric_cols = [m for m in frame.columns if m in METRICS]
    if metric_cols:
        frame = frame[frame[metric_cols].notna().any(axis=1)]
    return frame.reset_index(drop=True)


ENGAGEMENT_PARTS = ("reactions", "comments", "shares", "saves")


def derive_engagements(table: pd.DataFrame, warnings: list[Warning_]) -> pd.DataFrame:
    """Platforms that export no "engagements" column (LinkedIn, TikTok, YouTube) still
    report its parts; engagements = reactions + comments + shares (+ saves), and the
    file says so."""
    if "engagements" in table or table.empty:
        return table
    parts = [p for p in ENGAGEMENT_PARTS if p in table]
    if len(parts) < 2:
        return table
    table = table.copy()
    table["engagements"] = table[parts].sum(axis=1, min_count=1)
    warnings.append(("engagements_derived", " + ".join(parts)))
    return table
