"""What the Data check page shows a person who reads a file by hand: the tables in it,
the rows that could hold the column names, the table as it would be read, and what
a reading gave (rows, period, totals) or which choice is still missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from impact.importers.canonical import ImportResult
from impact.importers.errors import ExportError
from impact.importers.layout import RawTable, table_at
from impact.importers.sniff import Sniffed, Source

PREVIEW_ROWS = 8
HEADER_CANDIDATES = 30
# which choice answers which refusal
MISSING_CHOICE = {
    "unknown_format": "columns",
    "no_metric": "metric",
    "no_date": "date_or_period",
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
    found = sniffed.all_tables()
    options = []
    for index, table in enumerate(found):
        names = ", ".join(h for h in table.header[:4] if h)
        where = f"{table.source}: " if table.source else ""
        options.append(TableOption(index, f"{index + 1}. {where}{names}"[:120]))
    return options


def source_of(sniffed: Sniffed, table: int | None) -> Source | None:
    sources = sniffed.all_sources()
    found = sniffed.all_tables()
    if table is not None and table < len(found):
        return next((s for s in sources if s.name == found[table].source), sources[0] if sources else None)
    return sources[0] if sources else None


def header_rows(sniffed: Sniffed, table: int | None) -> list[tuple[int, str]]:
    """(row index, what the row says) for the first rows of the chosen table's sheet or block."""
    source = source_of(sniffed, table)
    if source is None:
        return []
    out = []
    for index, row in enumerate(source.rows[:HEADER_CANDIDATES]):
        cells = [_cell(c) for c in row if _cell(c)]
        if cells:
            out.append((index, " · ".join(cells)[:100]))
    return out


def detected_header(sniffed: Sniffed, table: int | None) -> int | None:
    found = sniffed.all_tables()
    if not found:
        return None
    return found[table if table is not None and table < len(found) else 0].header_index


def as_read(sniffed: Sniffed, table: int | None, header_row: int | None) -> RawTable | None:
    """The table the choices point at, before any column is interpreted."""
    found = sniffed.all_tables()
    if header_row is None:
        if not found:
            return None
        return found[table if table is not None and table < len(found) else 0]
    source = source_of(sniffed, table)
    if source is None or header_row >= len(source.rows):
        return None
    return table_at(source.rows, header_row, source=source.name, start_line=source.start_line)


def first_rows(table: RawTable, limit: int = PREVIEW_ROWS) -> list[list[str]]:
    return [[_cell(c) for c in row[: table.width]] for row in table.rows[:limit]]


@dataclass(frozen=True)
class Outcome:
    rows: int
    period: tuple[date, date] | None
    totals: dict[str, float]  # metric → its sum over the file (unique people: the export's own figure if any)


def outcome(result: ImportResult) -> Outcome:
    table = result.table
    parts = table[~table["whole"]] if "whole" in table else table
    totals = {metric: float(parts[metric].sum()) for metric in result.metrics if metric in parts}
    return Outcome(result.rows_read, result.period, totals)


def missing_choice(error: ExportError) -> str | None:
    return MISSING_CHOICE.get(error.code)
