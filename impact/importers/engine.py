"""The shared reader: a sniffed table and a format's declarations → the canonical table.

Every capability lives here once, for all formats: column roles from the format and
the shared vocabulary, the user's own mapping, the most specific date (a day column
beats a month column beats a reporting range beats the banner beats the file name),
dates without a year, total rows wherever they stand, numbers in either convention,
the currency of money columns, segments, and columns repeated per segment.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from impact.importers import dates as dates_
from impact.importers.canonical import (
    Ignored,
    ImportResult,
    TableRead,
    derive_engagements,
    empty_table,
    wide_table,
)
from impact.importers.errors import MAX_COLUMNS, ExportError
from impact.importers.layout import RawTable
from impact.importers.numbers import distinct_texts, guess_decimal, looks_numeric, parse_numbers, placeholders
from impact.importers.shares import shares_by
from impact.importers.sniff import Sniffed
from impact.importers.spec import Context, FormatSpec, TableRule
from impact.importers.totals import (
    labelled_totals,
    rest_row,
    stated_beyond_rows,
    unlabelled_totals,
    unplaced,
    whole_row,
)
from impact.importers.vocabulary import (
    AMBIGUOUS,
    COMPARISON,
    Role,
    currency_code,
    fold,
    header_key,
    is_missing,
    role_of,
    says_all_time,
    split_currency,
    vocabulary,
)
from impact.metrics import METRICS

_OFFSET = re.compile(r"^(?:nth|n-?te[rn]?|n\.)\s*(day|week|month|tag|woche|monat|día|semana|mes|jour|semaine|mois)$")
_OFFSET_UNITS = {  # a period's unit in the words a header uses for it ('N-ter Tag', 'Month', 'Semaine')
    "day": "day",
    "tag": "day",
    "día": "day",
    "jour": "day",
    "week": "week",
    "woche": "week",
    "semana": "week",
    "semaine": "week",
    "settimana": "week",
    "month": "month",
    "monat": "month",
    "mes": "month",
    "mês": "month",
    "mois": "month",
    "mese": "month",
    "maand": "month",
}
_START_WORDS = ("start", "beginn", "inicio", "début", "debut", "inizio", "início", "begin", "from", "von", "desde")
_END_WORDS = ("end", "ende", "fin", "fine", "término", "fim", "eind", "until", "bis", "hasta")
ERRORS_BY_WEIGHT = (
    "ambiguous_dates",
    "bad_dates",
    "ambiguous_column",
    "all_time",
    "no_date",
    "no_data_in_file",
    "no_rows",
    "breakdown_only",
    "no_metric",
    "unreadable",
)


@dataclass
class Columns:
    """Which column of a table holds what."""

    dates: list[int] = field(default_factory=list)
    offsets: list[tuple[int, str]] = field(default_factory=list)
    range_start: int | None = None
    range_end: int | None = None
    channel: int | None = None
    segments: list[int] = field(default_factory=list)
    currency: int | None = None
    reference: int | None = None
    metrics: list[tuple[int, str, float, str | None]] = field(default_factory=list)  # position, metric, factor, variant
    mapping: dict[str, str] = field(default_factory=dict)
    ignored: list[Ignored] = field(default_factory=list)
    unknown: list[int] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # header, its readings


KEY_ROLES = ("date", "range_start", "range_end", "channel", "segment", "currency", "reference")


def _role_in_spec(header: str, spec: FormatSpec, lookup: dict[str, Role | None]) -> tuple[bool, Role | None]:
    """(named by the format, its role): the format's own spellings and patterns first."""
    key = header_key(header)
    if key in lookup:
        return True, lookup[key]
    for pattern, role in spec.patterns():
        if pattern.search(key):
            return True, None if role == "ignore" else Role(role)
    return False, None


def _resolve(
    headers: list[str],
    spec: FormatSpec,
    rule: TableRule | None,
    mapping: Mapping[str, str | None],
    title: str | None = None,
) -> Columns:
    """Which column holds what: the user's mapping, then the format's own words (and
    its per-segment variants), then the shared vocabulary."""
    lookup = spec.lookup(rule)
    cols = Columns()
    taken: set[tuple[str, str | None]] = set()
    chosen_metrics = {role for name, role in mapping.items() if role in METRICS and name in headers}
    for position, header in enumerate(headers):
        if not header:
            continue
        key = header_key(header)
        variant: str | None = None
        if header in mapping:
            chosen = mapping[header]
            if chosen is None:
                cols.ignored.append(Ignored(header, "by_user"))
                continue
            role: Role | None = Role(chosen)
        else:
            named, role = _role_in_spec(header, spec, lookup)
            if named and role is None:
                cols.ignored.append(Ignored(header, "not_needed"))
                continue
            if not named:
                found = next(((v, b) for v in spec.variants if (b := v.match(header)) is not None), None)
                if found is not None:
                    candidate, base = found
                    if candidate.segment is None:
                        cols.ignored.append(Ignored(header, "total"))
                        continue
                    variant = candidate.segment
                    role = _role_in_spec(base, spec, lookup)[1] or role_of(base)
                elif not spec.only_named_columns:
                    role = role_of(header)
                    if spec.metric_from_title and (role is None or role.name == AMBIGUOUS):
                        # a section's title names its metric; the old chart export's header is its title
                        decided = spec.title_metric(title or "") or spec.title_metric(header)
                        role = Role(decided) if decided else role
            if role is not None and role.name == AMBIGUOUS:
                cols.ignored.append(Ignored(header, "ambiguous", role.readings))
                cols.ambiguous.append((header, role.readings))
                continue
            if role is not None and role.name in chosen_metrics and variant is None:
                cols.ignored.append(Ignored(header, "duplicate"))  # the person chose another column for it
                continue
            if role is not None and role.name == "value":
                metric = spec.title_metric(title or "") or spec.title_metric(header)
                if metric is None:
                    raise ExportError("chart_title", (title or header)[:80])
                role = Role(metric)
        offset = _OFFSET.match(key)
        if offset and (role is None or role.name in ("date", "ratio")):
            cols.offsets.append((position, _OFFSET_UNITS[offset.group(1)]))
            cols.mapping[header] = "date"
            continue
        if role is None:
            if spec.dimension_segment and not cols.segments and all(p in cols.dates for p in range(position)):
                cols.segments.append(position)
                cols.mapping[header] = "segment"
            else:
                cols.unknown.append(position)
            continue
        name = role.name
        if name == "date":
            cols.dates.append(position)
            cols.mapping[header] = "date"
        elif name in ("range_start", "range_end"):
            if getattr(cols, name) is None:
                setattr(cols, name, position)
                cols.mapping[header] = name
        elif name == "channel" and cols.channel is None:
            cols.channel = position
            cols.mapping[header] = "channel"
        elif name == "segment":
            cols.segments.append(position)
            cols.mapping[header] = "segment"
        elif name == "currency" and cols.currency is None:
            cols.currency = position
            cols.mapping[header] = "currency"
        elif name == "reference" and cols.reference is None:
            cols.reference = position
        elif name in METRICS:
            if (name, variant) in taken:
                cols.ignored.append(Ignored(header, "duplicate"))
                continue
            taken.add((name, variant))
            cols.metrics.append((position, name, role.factor, variant))
            cols.mapping[header] = name
        elif name == "ratio":
            cols.ignored.append(Ignored(header, "ratio"))
        elif name == COMPARISON:
            cols.ignored.append(Ignored(header, "comparison"))
        elif name in KEY_ROLES:
            cols.ignored.append(Ignored(header, "duplicate"))
        else:  # a role the format uses to recognise itself (post ids, video ids): not read
            cols.ignored.append(Ignored(header, "not_needed"))
    return cols


def _frame(table: RawTable) -> tuple[pd.DataFrame, pd.Series | None]:
    """The body as cells (columns 0..width-1) and the text of any cell beyond the header."""
    width = table.width
    longest = max((len(r) for r in table.rows), default=width)
    rows = [r if len(r) == longest else [*r, *([None] * (longest - len(r)))] for r in table.rows]
    frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(columns=range(width), dtype=object)
    for position in range(frame.shape[1], width):
        frame[position] = None
    frame.index = pd.Index(table.lines)
    overflow = None
    if frame.shape[1] > width:
        spill = frame.iloc[:, width:].astype(object)
        cells = spill.to_numpy().tolist()
        overflow = pd.Series(
            [next((str(v) for v in row if v is not None and str(v).strip()), None) for row in cells],
            index=frame.index,
            dtype=object,
        )
    return frame.iloc[:, :width], overflow


def _notes_range(notes: list[str]) -> tuple[date, date] | None:
    """'Start date: 20261001' + 'End date: 20261031' (in any language), or a range on one line."""
    start = end = None
    for note in notes:
        labelled = dates_.labelled_day(note)
        if labelled is not None:
            label, day = labelled
            role = role_of(label)
            words = label.split()
            if (role and role.name == "range_start") or any(w.startswith(_START_WORDS) for w in words):
                start = day
            elif (role and role.name == "range_end") or any(w.startswith(_END_WORDS) for w in words):
                end = day
            continue
        found = dates_.range_in(note)
        if found is not None and start is None and end is None:
            start, end = found
    if start is not None and end is not None and start <= end:
        return start, end
    return None


@dataclass
class Dated:
    start: pd.Series
    end: pd.Series | None
    span: float
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _date_rows(
    data: pd.DataFrame,
    headers: list[str],
    cols: Columns,
    spec: FormatSpec,
    context: Context,
    table: RawTable,
    fallback: tuple[date, date] | None,
) -> Dated:
    """The most specific dates this table offers (see the module docstring)."""
    index = data.index
    reference = context.today
    if cols.reference is not None:
        ref = dates_.parse_dates(data[cols.reference], reference=context.today).start.max()
        if ref == ref:
            reference = ref.date()
    candidates: list[tuple[float, int, Dated]] = []
    ambiguous: tuple[str, str] | None = None
    unreadable: tuple[str, str] | None = None
    positions = list(cols.dates)
    if not positions and not cols.offsets and cols.range_start is None:
        positions = list(cols.unknown)  # an unnamed column may still hold the dates
    for order, position in enumerate(positions):
        parsed = dates_.parse_dates(
            data[position], order=spec.date_order, force=context.date_order, reference=reference
        )
        if parsed.ambiguous:
            ambiguous = (headers[position], parsed.ambiguous)
            continue
        share = parsed.share
        if position not in cols.dates and share < 0.9:
            continue  # an unnamed column is a date only when nearly all of it reads as one
        if share == 0:
            present = data[position][data[position].map(lambda v: not is_missing(v))]
            if len(present) and present.map(lambda v: fold(v).rstrip(".") in vocabulary().weekdays).mean() > 0.8:
                raise ExportError("nothing_to_check", "by_weekday")  # Monday … Sunday: no day of a calendar
            if len(present):
                unreadable = ("bad_dates", headers[position])
            continue
        if position not in cols.dates:
            cols.mapping[headers[position]] = "date"
            cols.unknown.remove(position)
        parsed = _spans_by_header(parsed, headers[position])
        end = parsed.end.where(parsed.end.notna(), None)
        warnings = []
        bad = parsed.unreadable
        if bad.any():
            first = int(bad[bad].index[0])
            warnings.append(("some_bad_dates", f"{int(bad.sum())}|{first}|{headers[position]}"))
        if parsed.without_year and parsed.start.notna().any():
            first_day, last_day = parsed.start.min().date(), parsed.start.max().date()
            warnings.append(("years_inferred", f"{headers[position]}|{first_day.isoformat()}|{last_day.isoformat()}"))
        dated = Dated(
            parsed.start,
            end if parsed.end.notna().any() else None,
            dates_.span_days(parsed.start, parsed.end),
            warnings,
        )
        candidates.append((dated.span, order, dated))
    notes_range = _notes_range(table.notes)
    for position, unit in cols.offsets:
        base = notes_range[0] if notes_range else None
        if base is None:
            continue
        offset_start = dates_.offset_dates(data[position], base, unit)
        span = {"day": 1.0, "week": 7.0, "month": 30.0}[unit]
        offset_end: pd.Series | None = None
        if unit != "day":
            step = pd.DateOffset(weeks=1) if unit == "week" else pd.DateOffset(months=1)
            offset_end = (offset_start + step - pd.Timedelta(days=1)).astype("datetime64[ns]")
        candidates.append((span, -1, Dated(offset_start, offset_end, span)))
    if cols.range_start is not None and cols.range_end is not None:
        starts = dates_.parse_dates(
            data[cols.range_start], order=spec.date_order, force=context.date_order, reference=reference
        )
        ends = dates_.parse_dates(
            data[cols.range_end], order=spec.date_order, force=context.date_order, reference=reference
        )
        if starts.share > 0 and not starts.ambiguous and not ends.ambiguous:
            span_end = ends.start.where(ends.start > starts.start)
            length = dates_.span_days(starts.start, span_end)
            candidates.append((length, 99, Dated(starts.start, span_end, length)))
    if candidates:
        best = min(candidates, key=lambda c: (c[0], c[1]))[2]
        if spec.date_is_range_start and notes_range and notes_range[1] > notes_range[0]:
            period_start = pd.Timestamp(notes_range[0])
            if best.end is None and bool((best.start.dropna() == period_start).all()):
                whole = pd.Series(pd.Timestamp(notes_range[1]), index=index, dtype="datetime64[ns]")
                return Dated(best.start, whole, float((notes_range[1] - notes_range[0]).days + 1), best.warnings)
        return best
    if ambiguous is not None:
        raise ExportError("ambiguous_dates", f"{ambiguous[0]}|{ambiguous[1]}")
    if unreadable is not None:
        raise ExportError(*unreadable)
    for found, code in (
        (context.period, None),
        (notes_range, None),
        (_notes_range(context.file_notes), None),
        (context.companion, "range_from_companion"),
        (fallback, "range_from_other_tables"),
        (dates_.range_in_name(context.filename) if context.name_range else None, "range_from_file_name"),
    ):
        if found is None:
            continue
        start = pd.Series(pd.Timestamp(found[0]), index=index, dtype="datetime64[ns]")
        end = pd.Series(pd.Timestamp(found[1]), index=index, dtype="datetime64[ns]")
        span = float((found[1] - found[0]).days + 1)
        warnings = [(code, f"{found[0].isoformat()}|{found[1].isoformat()}")] if code else []
        return Dated(start, end.where(end > start), span, warnings)
    said = next((n for n in [*table.notes, *context.file_notes] if says_all_time(n) and len(n) <= 120), None)
    if said is not None:
        raise ExportError("all_time", said)  # 'All time' names no first day: asked, with its words
    raise ExportError("no_date")


_MONTH_HEADERS = frozenset(word for word, unit in _OFFSET_UNITS.items() if unit == "month")
_WEEK_HEADERS = frozenset(word for word, unit in _OFFSET_UNITS.items() if unit == "week")


def _spans_by_header(parsed: dates_.DateColumn, header: str) -> dates_.DateColumn:
    """A column named 'Month' whose dates are all first days ('2025-01-01', Shopify) holds
    months; one named 'Week' holds the week starting on each date (Google Ads)."""
    key = header_key(header)
    starts = parsed.start.dropna()
    if starts.empty or parsed.end.notna().any():
        return parsed
    if key in _MONTH_HEADERS and bool((starts.dt.day == 1).all()):
        ends = parsed.start + pd.offsets.MonthEnd(0)
    elif key in _WEEK_HEADERS:
        ends = parsed.start + pd.Timedelta(days=6)
    else:
        return parsed
    return replace(parsed, end=ends.where(parsed.start.notna()).astype("datetime64[ns]"))


def _decimal_default(data: pd.DataFrame, positions: list[int], context: Context) -> str:
    texts: list[str] = []
    for position in positions:
        texts += distinct_texts(data[position], limit=300)
    found = guess_decimal(texts)
    if found:
        return found
    return "," if context.delimiter == ";" else "."


def missing_mask(values: pd.Series) -> pd.Series:
    """Placeholders and empty cells, decided once per distinct value."""
    if values.dtype.kind in "iufMb":
        return values.isna()
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    flags = np.append(placeholders(np.asarray(uniques, dtype=object)), True)
    return pd.Series(flags[codes], index=values.index)


def _blank_rows(data: pd.DataFrame) -> pd.Series:
    """Rows whose every cell is empty or a placeholder. Column by column (each distinct
    value judged once), and done as soon as no row can still be blank: a wide table's
    first column usually settles it, a long one's typed columns are checked in bulk."""
    blank = pd.Series(True, index=data.index)
    for key in data.columns:
        if not blank.any():
            break
        blank &= missing_mask(data[key])
    return blank


def read_table(
    table: RawTable,
    spec: FormatSpec,
    context: Context,
    *,
    rule: TableRule | None = None,
    fallback: tuple[date, date] | None = None,
    body: pd.DataFrame | None = None,
) -> TableRead:
    """One table read by a format. ``body`` is the table already typed by a fast reader
    (columns 0..n-1); without it the cells come from the sniffed rows."""
    headers = [h.replace("\ufeff", "").strip() for h in table.header]
    if spec.nothing_to_check:
        raise ExportError("nothing_to_check", spec.nothing_to_check)
    title = table.notes[-1] if table.notes else None
    cols = _resolve(headers, spec, rule, context.mapping, title)
    if not table.rows and body is None:
        if table.messages:
            raise ExportError("no_data_in_file", table.messages[0][:200])
        raise ExportError("no_rows", ", ".join(h for h in headers[:4] if h))
    data, overflow = (body, None) if body is not None else _frame(table)
    wider_rows = 0
    if overflow is not None:
        wider = overflow.notna() & ~labelled_totals(data.index, [], overflow)
        if wider.any():
            # more cells than the header names: an unquoted '12,50' would shift every value after it
            wider_rows = int(wider.sum())
            first_wide = int(wider[wider].index[0])
            data, overflow = data[~wider], overflow[~wider]
    if not cols.metrics and cols.ambiguous:
        header, readings = cols.ambiguous[0]
        raise ExportError("ambiguous_column", f"{header}|{','.join(readings)}")
    if not cols.metrics:
        dimension = shares_by(data, headers, bool(cols.dates or cols.offsets), title)
        if dimension is not None:
            raise ExportError("breakdown_only", dimension)
        raise ExportError("no_metric")
    blank = _blank_rows(data)
    data = data[~blank]
    if overflow is not None:
        overflow = overflow[~blank]
    warnings: list[tuple[str, str]] = []
    if wider_rows:
        warnings.append(("wider_rows", f"{wider_rows}|{first_wide}"))
    warnings += [("ambiguous_column", f"{header}|{','.join(readings)}") for header, readings in cols.ambiguous]
    metric_positions = [m[0] for m in cols.metrics]
    identity = sorted(
        {
            *cols.segments,
            *([cols.channel] if cols.channel is not None else []),
            *[p for p in (0, 1) if p < len(headers) and p not in metric_positions and p not in cols.dates],
        }
    )
    labels = [data[p] for p in identity]
    # any text cell may say 'Total' (Google Ads writes it in the third column of a keyword report)
    label_columns = [
        data[p] for p in range(min(data.shape[1], 24)) if p not in metric_positions and _short_labels(data[p])
    ]  # labels stand in the first columns; a wide table's far columns are never asked
    labelled = labelled_totals(data.index, label_columns, overflow)

    default_decimal = _decimal_default(data, metric_positions, context)
    values: dict[tuple[str, str | None], pd.Series] = {}
    censored = 0
    cell_currencies: set[str] = set()
    header_currencies: dict[str, str] = {}
    row_currency: pd.Series | None = None
    for position, metric, factor, variant in cols.metrics:
        column = data[position]
        texts = distinct_texts(column)
        decimal = guess_decimal(texts) or _grouping_only(texts, metric) or default_decimal
        numbers = parse_numbers(column, decimal)
        header = headers[position]
        if not numbers.present.any():
            cols.ignored.append(Ignored(header, "empty"))
            cols.mapping.pop(header, None)
            continue
        if numbers.readable_share < 0.5:
            cols.ignored.append(Ignored(header, "text"))
            cols.mapping.pop(header, None)
            continue
        censored += numbers.censored
        values[(metric, variant)] = numbers.values * factor
        if METRICS[metric].is_money:
            code = split_currency(header)[1]
            if code:
                header_currencies[header] = code
            if numbers.currency:
                cell_currencies.add(numbers.currency)
            if numbers.cell_currency is not None:
                cell_currencies |= set(numbers.cell_currency.dropna())
                row_currency = (
                    numbers.cell_currency if row_currency is None else row_currency.fillna(numbers.cell_currency)
                )
    if not values:
        raise ExportError("no_metric")

    additive = {f"{m}|{v}": s for (m, v), s in values.items() if METRICS[m].aggregation == "sum"}
    unlabelled = unlabelled_totals(labels, additive, labelled)
    totals = labelled | unlabelled
    if totals.any():
        warnings.append(("total_rows", str(int(totals.sum()))))
    keep = ~totals
    # a single total row holds the export's own figure for unique people (reach, users),
    # which the parts can only add up to an upper bound: kept apart as the whole's figure
    own = {
        m: float(s[totals].iloc[0])
        for (m, v), s in values.items()
        if v is None and METRICS[m].aggregation == "unique" and int(totals.sum()) == 1 and s[totals].notna().all()
    }
    named = {(metric, variant): (headers[position], factor) for position, metric, factor, variant in cols.metrics}
    beyond = stated_beyond_rows(values, totals, named, warnings)
    data = data[keep]
    if data.empty:
        raise ExportError("no_rows")
    values = {key: series[keep] for key, series in values.items()}
    if spec.rows_are and (spec.rows_are, None) not in values:
        values[(spec.rows_are, None)] = pd.Series(1.0, index=data.index)  # a post export: each row one post
    if row_currency is not None:
        row_currency = row_currency[keep]

    dated = _date_rows(data, headers, cols, spec, context, table, fallback)
    warnings += dated.warnings
    ends = dated.end if dated.end is not None else dated.start
    if beyond and (dated.start.nunique(dropna=True) > 1 or ends.nunique(dropna=True) > 1):
        beyond = unplaced(beyond, warnings)  # rows on different days: the difference belongs to none of them

    channel: pd.Series | str | None = (
        data[cols.channel] if cols.channel is not None else context.channel or _channel(spec, headers, table)
    )
    segment = _segments(data, cols.segments)
    currency = _currency(data, cols, header_currencies, cell_currencies, row_currency, warnings)
    if censored:
        warnings.append(("censored_values", str(censored)))

    groups: dict[str | None, dict[str, pd.Series]] = {}
    for (metric, variant), series in values.items():
        groups.setdefault(variant, {})[metric] = series
    parts = []
    for variant, metrics in groups.items():
        variant_label = variant if variant is not None else spec.plain_segment
        if variant_label is None:
            part_segment: pd.Series | str | None = segment
        elif segment is None:
            part_segment = variant_label
        else:
            part_segment = segment.where(segment.isna(), segment.astype(str) + " / " + variant_label).fillna(
                variant_label
            )
        parts.append(
            wide_table(
                dated.start, metrics, channel=channel, segment=part_segment, span_end=dated.end, currency=currency
            )
        )
    if own and not parts[0].empty:
        parts.append(whole_row(parts[0], own, channel if isinstance(channel, str) else None))
    if beyond and not parts[0].empty:
        parts.append(rest_row(parts[0], beyond, channel if isinstance(channel, str) else None))
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    if spec.engagements_from_parts:
        frame = derive_engagements(frame, warnings)
    return TableRead(
        table=frame,
        mapping=cols.mapping,
        ignored=cols.ignored + [Ignored(headers[p], _unknown_reason(data[p])) for p in cols.unknown],
        rows_read=len(data),
        warnings=warnings,
        columns=[h for h in headers if h],
        source=table.source,
        span=dated.span,
        segmented=segment is not None or len(groups) > 1,
    )


def _short_labels(values: pd.Series) -> bool:
    """A column of labels, not of texts: a post's caption may start with 'Total:'."""
    sample = [str(v) for v in values.head(200) if not is_missing(v)]
    if not sample:
        return False
    lengths = sorted(len(v) for v in sample)
    return lengths[len(lengths) // 2] <= 40


def _unknown_reason(values: pd.Series) -> str:
    """Why a column no one named was not read: empty, text, or figures of unknown meaning
    (decided from its first 200 values, in plain Python: a wide table has many)."""
    present = [v for v in values.head(200).tolist() if v is not None and v == v and not is_missing(v)]
    if not present:
        return "empty"
    numeric = sum(1 for v in present if looks_numeric(v)) / len(present)
    return "unknown" if numeric >= 0.8 else "text"


def _channel(spec: FormatSpec, headers: list[str], table: RawTable) -> str | None:
    """The format's channel, unless a title above the table or a header tells another."""
    texts = [fold(text) for text in [*table.notes, *headers]]
    for channel, pattern in spec.channel_by.items():
        if any(re.search(pattern, text) for text in texts):
            return channel
    return spec.channel


def _cleaned(values: pd.Series) -> pd.Series:
    """Text with its spaces tidied, None for placeholders; once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([*(None if is_missing(u) else " ".join(str(u).split()) for u in uniques), None], dtype=object)
    return pd.Series(table[codes], index=values.index, dtype=object)


def _segments(data: pd.DataFrame, positions: list[int]) -> pd.Series | None:
    if not positions:
        return None
    parts = [_cleaned(data[p]) for p in positions]
    segment = parts[0]
    for part in parts[1:]:
        joined = segment.where(segment.isna(), segment + " / ") + part
        segment = segment.where(part.isna(), joined.where(segment.notna(), part))
    return segment


def _currency_of(value: object) -> str | None:
    """An ISO code for a currency cell; a name no table knows stays itself (upper case), so
    it is never mistaken for the strategy's currency."""
    if is_missing(value):
        return None
    text = " ".join(str(value).split())
    return currency_code(text) or text.upper()[:24]


def _currency(
    data: pd.DataFrame,
    cols: Columns,
    from_headers: dict[str, str],
    from_cells: set[str],
    per_row: pd.Series | None,
    warnings: list[Any],
) -> pd.Series | str | None:
    """The currency of each money row: a currency column, else the headers, else the cells."""
    money = [m for _p, m, _f, _v in cols.metrics if METRICS[m].is_money]
    if not money:
        return None
    if cols.currency is not None:
        codes, uniques = pd.factorize(data[cols.currency], use_na_sentinel=True)
        table = np.array([*(_currency_of(u) for u in uniques), None], dtype=object)
        return pd.Series(table[codes], index=data.index, dtype=object)
    found = set(from_headers.values())
    if len(found) > 1:
        warnings.append(("currencies_in_headers", ", ".join(sorted(found))))
    if found:
        return sorted(found)[0]
    if per_row is not None and len(from_cells) > 1:
        return per_row  # '€ 5' and '$ 7' in one column: each row keeps its own
    return next(iter(from_cells)) if from_cells else None


_GROUPED = {".": re.compile(r"^[-+]?\d{1,3}(\.\d{3})+$"), ",": re.compile(r"^[-+]?\d{1,3}(,\d{3})+$")}


def _grouping_only(texts: list[str], metric: str) -> str | None:
    """A count cannot be 1.234 of something: where every value of a count column is
    written like '1.234' (or '1,234'), the mark groups thousands and the other one is
    the decimal sign."""
    if METRICS[metric].unit not in ("count", "people") or not texts:
        return None
    plain = [t.strip().replace("\u00a0", "").replace(" ", "") for t in texts]
    plain = [t for t in plain if not t.lstrip("+-").isdigit()]
    for mark, decimal in ((".", ","), (",", ".")):
        if plain and all(_GROUPED[mark].match(t) for t in plain):
            return decimal
    return None


# --- a whole file --------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """The days and channels a table's rows are about."""

    start: pd.Timestamp | None
    end: pd.Timestamp | None
    channels: frozenset[str]

    def overlaps(self, other: Coverage) -> bool:
        if self.start is None or other.start is None or self.end is None or other.end is None:
            return True
        if self.end < other.start or other.end < self.start:
            return False  # other days (one sheet per month): not a repeat
        return not self.channels or not other.channels or bool(self.channels & other.channels)


def _coverage(table: pd.DataFrame) -> Coverage:
    if table.empty:
        return Coverage(None, None, frozenset())
    ends = table["span_end"].fillna(table["date"])
    return Coverage(table["date"].min(), ends.max(), frozenset(table["channel"].dropna().unique()))


def _table_name(read: TableRead) -> str:
    return read.source or ", ".join(read.columns[:3])


def _weight(error: ExportError) -> int:
    return ERRORS_BY_WEIGHT.index(error.code) if error.code in ERRORS_BY_WEIGHT else len(ERRORS_BY_WEIGHT)


def read_file(sniffed: Sniffed, spec: FormatSpec, context: Context) -> ImportResult:
    """Every table of the file that the format reads; where several tables carry the
    same metric (a report repeated by another dimension), the most specific one counts
    (daily before ranges, whole before split by a segment, first before later) and the
    others are left out with a warning, so nothing is counted twice."""
    tables = sniffed.chosen(context.table, context.header_row)
    reads: list[TableRead] = []
    failed: list[tuple[RawTable, TableRule | None, ExportError]] = []
    warnings: list[tuple[str, str]] = [("sheet_too_wide", f"{name}|{MAX_COLUMNS}") for name in sniffed.skipped]
    notes_so_far: list[str] = []
    several = len(tables) > 1  # the dates of the file's other tables before its name's range
    for table in tables:
        rule = spec.rule_for(table)
        local = replace(context, delimiter=sniffed.delimiter, file_notes=list(notes_so_far), name_range=not several)
        notes_so_far += table.notes
        if rule is not None and rule.skip:
            continue
        try:
            reads.append(read_table(table, spec, local, rule=rule))
        except ExportError as refused:
            failed.append((table, rule, refused))
    dated = [r.table for r in reads if not r.table.empty]
    span: tuple[date, date] | None = None
    if dated:
        whole = pd.concat(dated)
        span = (whole["date"].min().date(), whole["span_end"].fillna(whole["date"]).max().date())
    for table, rule, dateless in list(failed):
        if dateless.code != "no_date" or (span is None and not several):
            continue
        local = replace(context, delimiter=sniffed.delimiter, file_notes=[], name_range=span is None)
        try:
            reads.append(read_table(table, spec, local, rule=rule, fallback=span))
            failed.remove((table, rule, dateless))
        except ExportError:
            pass
    if not reads:
        if not failed:
            raise ExportError("no_metric")
        raise min((why for _t, _r, why in failed), key=_weight)
    for table, _rule, why in failed:
        if why.code in ("ambiguous_dates", "bad_dates", "no_date"):
            warnings.append(("table_unreadable", f"{table.source or ', '.join(table.header[:3])}|{why.code}"))
    ordered = sorted(range(len(reads)), key=lambda i: (reads[i].span, reads[i].segmented, i))
    taken: dict[str, list[tuple[Coverage, str]]] = {}
    kept: list[TableRead] = []
    for position in ordered:
        read = reads[position]
        metrics = [c for c in read.table.columns if c in METRICS]
        cover = _coverage(read.table)
        repeated, other = [], ""
        for metric in metrics:
            earlier = next((name for c, name in taken.get(metric, []) if cover.overlaps(c)), None)
            if earlier is not None:
                repeated.append(metric)
                other = other or earlier
        fresh = [m for m in metrics if m not in repeated]
        name = _table_name(read)
        if not fresh:
            warnings.append(("table_repeats", f"{name}|{other}"))
            continue
        if repeated:
            read.table = read.table.drop(columns=repeated)
            read.table = read.table[read.table[fresh].notna().any(axis=1)]
            for header, role in list(read.mapping.items()):
                if role in repeated:
                    read.mapping.pop(header)
                    read.ignored.append(Ignored(header, "repeated"))
                    # what this table's total row said of a figure another table gives is moot
                    read.warnings = [
                        (code, detail)
                        for code, detail in read.warnings
                        if not (code in ("total_above_rows", "total_below_rows") and detail.startswith(f"{header}|"))
                    ]
        for metric in fresh:
            taken.setdefault(metric, []).append((cover, name))
        kept.append(read)
    kept.sort(key=lambda r: reads.index(r))
    return assemble(sniffed, spec, kept, warnings)


def assemble(
    sniffed: Sniffed, spec: FormatSpec, kept: list[TableRead], warnings: list[tuple[str, str]]
) -> ImportResult:
    """One result from the tables read: their rows, mappings, ignored columns and warnings."""
    mapping: dict[str, str] = {}
    ignored: list[Ignored] = []
    warnings = list(warnings)
    for read in kept:
        mapping.update(read.mapping)
        ignored += [i for i in read.ignored if i.column not in mapping]
        warnings += read.warnings
    frames = [r.table for r in kept if not r.table.empty]
    table = pd.concat(frames, ignore_index=True, sort=False) if frames else empty_table()
    columns: list[str] = []
    for read in kept:
        columns += [c for c in read.columns if c not in columns]
    seen_ignored: dict[str, Ignored] = {}
    for item in ignored:
        seen_ignored.setdefault(item.column, item)
    return ImportResult(
        filename=sniffed.filename,
        format=spec.name,
        sha256=sniffed.sha256,
        table=table,
        rows_read=sum(r.rows_read for r in kept),
        mapping=mapping,
        ignored=list(seen_ignored.values()),
        warnings=list(dict.fromkeys(warnings)),
        columns=columns,
        tables=[r.source for r in kept],
    )


# --- recognising a format ---------------------------------------------------------------------


def score(spec: FormatSpec, sniffed: Sniffed) -> float:
    """How sure this format is that the file is its own (0 = not at all)."""
    if spec.containers and sniffed.container not in spec.containers:
        return 0.0
    tables = sniffed.tables
    notes = [fold(n) for t in sniffed.tables for n in t.notes]
    if spec.notes and not any(re.search(p, n) for p in spec.notes for n in notes):
        return 0.0
    if spec.matcher is not None and not spec.matcher(sniffed):
        return 0.0
    best = 0.0
    for table in tables:
        rule = spec.rule_for(table)
        lookup = spec.lookup(rule)
        named = [_role_in_spec(h, spec, lookup) for h in table.header if h]
        found = {role.name if role else "ignore" for is_named, role in named if is_named}
        if not set(spec.requires) <= found:
            continue
        if spec.any_of and not found & set(spec.any_of):
            continue
        known = sum(1 for is_named, _role in named if is_named) / max(1, len(named))
        best = max(best, spec.strength + 0.04 * known)
    return best
