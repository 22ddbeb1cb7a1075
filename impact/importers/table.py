"""Reading a table with a header row into the wide canonical table.

Most formats are "a header row somewhere, then one row per day, post or campaign";
they differ in where the header is, which columns mean what, and which rows are
totals. Each importer states those differences and lets this module do the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from impact.importers.base import (
    MISSING,
    ExportError,
    Ignored,
    date_share,
    is_missing,
    number_column,
    parse_dates,
    share_numeric,
    wide_table,
)
from impact.importers.columns import role_of
from impact.metrics import METRICS

TOTAL_ROW = re.compile(r"^\s*(grand total|total|gesamt|gesamtsumme|summe|insgesamt)\b", re.IGNORECASE)


@dataclass
class TableSpec:
    header_row: int = 0
    roles: Mapping[str, str | None] = field(default_factory=dict)  # header → role, before aliases
    channel: str | None = None  # used when no channel column
    decimal: str = "."
    span: tuple[pd.Timestamp, pd.Timestamp] | None = None  # the whole table is a total over this range
    end_column: str | None = None  # a column with each row's own range end (Meta Ads "Reporting ends")
    date_parser: Callable[[pd.Series], pd.Series] | None = None


@dataclass
class TableRead:
    table: pd.DataFrame
    mapping: dict[str, str]
    ignored: list[Ignored]
    rows_read: int
    warnings: list[tuple[str, str]]
    columns: list[str]


def header_index(rows: pd.DataFrame, limit: int = 30) -> int:
    """The first row that names at least two known columns (banner rows come before it)."""
    for index in range(min(limit, len(rows))):
        roles = [role_of(v) for v in rows.iloc[index].tolist()]
        if sum(1 for r in roles if r and r != "ratio") >= 2:
            return index
    return 0


def read_table(
    rows: pd.DataFrame,
    spec: TableSpec,
    user_mapping: Mapping[str, str | None] | None = None,
    *,
    typed: bool = False,
) -> TableRead:
    """``rows`` is text cells with the header at ``spec.header_row``, or (``typed``) a frame
    whose columns are the headers and whose values a reader already typed (pyarrow)."""
    user_mapping = user_mapping or {}
    if typed:
        headers = [str(h).strip() for h in rows.columns]
        data = rows.set_axis(range(len(headers)), axis=1)
    else:
        if len(rows) <= spec.header_row:
            raise ExportError("empty")
        headers = [str(h).strip() for h in rows.iloc[spec.header_row].tolist()]
        data = rows.iloc[spec.header_row + 1 :].copy()
        data.columns = range(len(headers))
    if data.empty:
        raise ExportError("no_rows")
    if not typed:
        blank = data.astype(str).apply(lambda column: column.str.strip().isin(MISSING)).all(axis=1)
        data = data[~blank]
    is_total = pd.Series(False, index=data.index)
    # Totals stand at the top or the bottom of an export; a typed table is only searched there.
    edges = data.index if not typed else data.index[:5].append(data.index[-5:]).unique()
    for position in range(min(2, len(headers))):
        if data[position].dtype.kind not in "iufM":
            is_total.loc[edges] |= data.loc[edges, position].astype(str).str.match(TOTAL_ROW)
    warnings: list[tuple[str, str]] = []
    if is_total.any():
        warnings.append(("total_rows", str(int(is_total.sum()))))
    data = data[~is_total]
    rows_read = len(data)
    if rows_read == 0:
        raise ExportError("no_rows")

    mapping: dict[str, str] = {}
    ignored: list[Ignored] = []
    date_col: int | None = None
    channel_col: int | None = None
    segment_cols: list[int] = []
    metrics: dict[str, pd.Series] = {}

    for position, header in enumerate(headers):
        if not header:
            continue
        if header in user_mapping:
            role = user_mapping[header]
            if role is None:
                ignored.append(Ignored(header, "by_user"))
                continue
        elif header in spec.roles:
            role = spec.roles[header]
            if role is None:
                ignored.append(Ignored(header, "not_needed"))
                continue
        else:
            role = role_of(header)
        values = data[position]
        if role == "date" and date_col is None:
            date_col = position
            mapping[header] = "date"
        elif role == "channel" and channel_col is None:
            channel_col = position
            mapping[header] = "channel"
        elif role == "segment":
            segment_cols.append(position)
            mapping[header] = "segment"
        elif role in METRICS:
            if values.dtype.kind in "iuf":  # already numbers (a typed reader)
                present, numbers = values.notna(), values.astype(float)
            else:
                present = ~is_missing(values)
                numbers = number_column(values, spec.decimal)
            if not present.any():
                ignored.append(Ignored(header, "empty"))
                continue
            if numbers[present].notna().mean() < 0.5:
                ignored.append(Ignored(header, "text"))
                continue
            metrics[role] = metrics[role].add(numbers, fill_value=0) if role in metrics else numbers
            mapping[header] = role
        elif role == "ratio":
            ignored.append(Ignored(header, "ratio"))
        else:
            kind = "unknown" if share_numeric(values, spec.decimal) >= 0.8 else "text"
            ignored.append(Ignored(header, kind))

    if spec.span is None and date_col is None:
        for position, header in enumerate(headers):
            if header and header not in mapping and date_share(data[position]) >= 0.9:
                date_col = position
                mapping[header] = "date"
                ignored[:] = [i for i in ignored if i.column != header]
                break
    if not metrics:
        raise ExportError("no_metric")

    if spec.span is not None and date_col is None:
        dates = pd.Series(spec.span[0], index=data.index, dtype="datetime64[ns]")
        span_end: pd.Series | None = pd.Series(spec.span[1], index=data.index, dtype="datetime64[ns]")
    else:
        if date_col is None:
            raise ExportError("no_date")
        parser = spec.date_parser or parse_dates
        column = data[date_col]
        dates = column.dt.normalize() if column.dtype.kind == "M" else parser(column)
        span_end = None
        if spec.end_column and spec.end_column in headers:
            ends = parser(data[headers.index(spec.end_column)])
            span_end = ends.where(ends > dates)
            mapping[spec.end_column] = "span_end"
            ignored[:] = [i for i in ignored if i.column != spec.end_column]
        bad = dates.isna() & ~is_missing(column)
        if dates.notna().sum() == 0:
            raise ExportError("bad_dates", headers[date_col])
        if bad.any():
            first = int(bad.idxmax()) + 1  # 1-based line in the file's rows
            warnings.append(("some_bad_dates", f"{int(bad.sum())}|{first}|{headers[date_col]}"))

    channel = data[channel_col] if channel_col is not None else spec.channel
    segment = None
    if segment_cols:
        parts = [data[c].astype(str).str.strip() for c in segment_cols]
        segment = parts[0].where(~parts[0].isin(MISSING), "")
        for part in parts[1:]:
            usable = ~part.isin(MISSING)
            joined = segment.where(segment == "", segment + " / ") + part
            segment = segment.where(~usable, joined)
        segment = segment.where(segment != "", None)
    table = wide_table(dates, metrics, channel=channel, segment=segment, span_end=span_end)
    return TableRead(table, mapping, ignored, rows_read, warnings, [h for h in headers if h])
