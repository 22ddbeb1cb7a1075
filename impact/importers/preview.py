"""What the Data check page shows a person who reads a file by hand: the tables in it,
the rows that could hold the column names, the table as it would be read, and what
a reading gave (rows, period, totals) or which choice is still missing."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from datetime import date

from impact.aggregate import aggregate_whole
from impact.importers.canonical import ImportResult
from impact.importers.errors import ExportError
from impact.importers.layout import RawTable
from impact.importers.sniff import Sniffed

PREVIEW_ROWS = 8
HEADER_CANDIDATES = 30
# which choice answers which refusal
MISSING_CHOICE = {
    "unknown_format": "columns",
    "no_metric": "metric",
    "ambiguous_column": "metric",
    "no_date": "date_or_period",
    "all_time": "date_or_period",
    "relative_range": "date_or_period",
    "bad_dates": "date_column",
    "ambiguous_dates": "date_order",
    "no_rows": "header_row",
    "no_such_table": "table",
    "no_such_row": "header_row",
}


@dataclass(frozen=True)
class TableOption:
    index: int
    label: str  # the sheet or member, and its first column names


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def tables(sniffed: Sniffed) -> list[TableOption]:
    """The tables a person can choose from: as far as the sniff looked (all of a workbook;
    the head of a large CSV, whose rows are split only when it is read)."""
    found = sniffed.tables
    options = []
    for index, table in enumerate(found):
        names = ", ".join(h for h in table.header[:4] if h)
        where = f"{table.source}: " if table.source else ""
        options.append(TableOption(index, f"{index + 1}. {where}{names}"[:120]))
    return options


def header_rows(sniffed: Sniffed, table: int | None) -> list[tuple[int, str]]:
    """(row index, what the row says) for the first rows of the chosen table's sheet or block."""
    source = sniffed.source_of(table, complete=False)
    if source is None:
        return []
    out = []
    for index, row in enumerate(source.rows[:HEADER_CANDIDATES]):
        cells = [_cell(c) for c in row if _cell(c)]
        if cells:
            out.append((index, " · ".join(cells)[:100]))
    return out


def detected_header(sniffed: Sniffed, table: int | None) -> int | None:
    found = sniffed.tables
    if not found:
        return None
    return found[table if table is not None and table < len(found) else 0].header_index


def as_read(sniffed: Sniffed, table: int | None, header_row: int | None) -> RawTable | None:
    """The table the choices point at, before any column is interpreted."""
    try:
        chosen = sniffed.chosen(
            table if table is not None else (0 if header_row is None else None), header_row, complete=False
        )
    except ExportError:
        return None
    return chosen[0] if chosen else None


def first_rows(table: RawTable, limit: int = PREVIEW_ROWS) -> list[list[str]]:
    return [[_cell(c) for c in row[: table.width]] for row in table.rows[:limit]]


@dataclass(frozen=True)
class Outcome:
    rows: int
    period: tuple[date, date] | None
    totals: dict[str, float]  # metric → the file's figure, aggregated as the check does
    upper_bounds: frozenset[str]  # unique people added up from parts: at most this many


_OUTCOMES: weakref.WeakKeyDictionary[ImportResult, Outcome] = weakref.WeakKeyDictionary()


def outcome(result: ImportResult) -> Outcome:
    """The file's figures over its whole period, by each metric's own rule (followers:
    the last value; reach: the export's own figure, else an upper bound). Worked out once
    per read (a read is never changed), not on every rerun of the page that shows it."""
    found = _OUTCOMES.get(result)
    if found is None:
        figures, upper = aggregate_whole(result.table, result.metrics)
        found = _OUTCOMES[result] = Outcome(result.rows_read, result.period, figures, upper)
    return found


def missing_choice(error: ExportError) -> str | None:
    return MISSING_CHOICE.get(error.code)
