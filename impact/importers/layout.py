"""Rows → tables: where the header is, what stands above it, where a table ends.

Exports put things around their table: banner lines (a title, a date range, the
notice LinkedIn writes above its header), ``#`` comment blocks (GA4), a row of column
descriptions under the header (Facebook's legacy exports), one-cell messages ("No
data available."), and sometimes several tables one after another, each under its
own banner. This module finds them all, the same way for a CSV, a sheet of a
workbook, or a member of a zip.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from impact.importers.dates import read_cell
from impact.importers.numbers import looks_numeric
from impact.importers.vocabulary import is_missing, role_of

Cell = object  # str, float, int or None


@dataclass(eq=False)
class RawTable:
    """One table as the file holds it: every cell as written (text, or a number or an
    ISO date from a workbook), the header, and the lines around it."""

    source: str  # the sheet or zip member ('' for a plain CSV)
    header: list[str]
    rows: list[list[Cell]]
    lines: list[int]  # the 1-based line (sheet row) of each row, for messages
    header_line: int
    notes: list[str] = field(default_factory=list)  # banner and comment lines above it
    header_index: int = 0  # the header's position among its source's rows (0-based)
    messages: list[str] = field(default_factory=list)  # one-cell rows inside it
    descriptions: list[str] = field(default_factory=list)  # a row of column descriptions under the header
    above: list[list[Cell]] = field(default_factory=list)  # the raw rows above the header (banner rows)

    @property
    def width(self) -> int:
        return len(self.header)

    @property
    def name(self) -> str:
        return self.source


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _filled(row: list[Cell]) -> list[int]:
    return [i for i, cell in enumerate(row) if not _blank(cell)]


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip()) or (isinstance(cell, float) and cell != cell)


def _is_comment(row: list[Cell], table: RawTable | None = None) -> bool:
    """A '#' line (GA4's banner). Inside a table, a row that starts with '#' and carries
    figures in its other cells is data: a search query '#michelinpower', a hashtag."""
    first = row[0] if row else None
    if not (isinstance(first, str) and first.lstrip().startswith("#")):
        return False
    if table is None or len(row) < 2:
        return True
    filled = _filled(row)
    if len(row) == table.width >= 3 and len(filled) >= 2:
        return False  # a full row of the table: '#promo,--,--'
    return not any(looks_numeric(cell) for cell in row[1:])


def _line_text(row: list[Cell], delimiter: str) -> str:
    cells = [_text(c) for c in row]
    while cells and not cells[-1]:
        cells.pop()
    return delimiter.join(cells) if len([c for c in cells if c]) > 1 else " ".join(c for c in cells if c)


def _headerish(row: list[Cell]) -> bool:
    """A header names columns: at least two cells, most of them words, not numbers."""
    filled = _filled(row)
    if len(filled) < 2:
        return False
    numeric = sum(1 for i in filled if _data_like(row[i]))
    known = sum(1 for i in filled if role_of(_text(row[i])) is not None)
    return numeric * 3 <= len(filled) or known >= 2


def _names_only(row: list[Cell]) -> bool:
    """A row of names and nothing else: after a blank line, the header of a new table
    (a row of data after a blank line stays in its table)."""
    filled = _filled(row)
    return len(filled) >= 2 and not any(_data_like(row[i]) for i in filled)


def _data_like(cell: Cell) -> bool:
    if looks_numeric(cell):
        return True
    text = _text(cell)
    return any(ch.isdigit() for ch in text) and read_cell(text) is not None


def _key_value(row: list[Cell]) -> bool:
    """'Report Start: …' or '"Title:","…"' lines: banner facts, not a header."""
    filled = _filled(row)
    if not filled or len(filled) > 2:
        return False
    first = _text(row[filled[0]])
    return first.endswith(":") or (len(filled) == 1 and ":" in first and not first.startswith("http"))


def _plain_data_row(row: list[Cell], table: RawTable) -> bool:
    """A row of data in a table: it starts with a value, has a second one, is no comment
    and does not repeat the header."""
    if len(row) < 2 or _blank(row[0]):
        return False
    first = row[0]
    if isinstance(first, str):
        if _is_comment(row, table) or first.strip() == (table.header[0] if table.header else None):
            return False
    return any(not _blank(cell) for cell in row[1:])


def split_tables(
    rows: list[list[Cell]], *, source: str = "", delimiter: str = ",", start_line: int = 1
) -> list[RawTable]:
    """Every table in a list of rows (a CSV's records or a sheet's rows)."""
    tables: list[RawTable] = []
    notes: list[str] = []
    above: list[list[Cell]] = []
    current: RawTable | None = None
    after_blank = False
    for offset, row in enumerate(rows):
        line = start_line + offset
        if current is not None and not after_blank and _plain_data_row(row, current):
            current.rows.append(row)  # the common case, decided without looking at every cell
            current.lines.append(line)
            continue
        filled = _filled(row)
        if not filled:
            after_blank = True
            continue
        if _is_comment(row, current):
            current = None
            text = _line_text(row, delimiter).lstrip()[1:].strip()
            if text.strip("- "):
                notes.append(text)
            above.append(row)
            after_blank = False
            continue
        if current is not None and after_blank and (_names_only(row) or len(filled) == 1 or _key_value(row)):
            if not (len(row) >= current.width and [_text(c) for c in row[: current.width]] == current.header):
                current = None  # a new block starts after the blank line
        after_blank = False
        if current is None:
            if _key_value(row) or len(filled) == 1 or not _headerish(row):
                notes.append(_line_text(row, delimiter))
                above.append(row)
                continue
            header = [_text(c) for c in row]
            while header and not header[-1]:
                header.pop()
            current = RawTable(source, header, [], [], line, notes, above=above, header_index=offset)
            tables.append(current)
            notes, above = [], []
            continue
        if len(filled) == 1 and filled[0] == 0 and _message(row[0], current.width):
            current.messages.append(_text(row[0]))
            continue
        if [_text(c) for c in row[: current.width]] == current.header:
            continue  # the header repeated (files glued together)
        current.rows.append(row)
        current.lines.append(line)
    for table in tables:
        _drop_description_rows(table)
    return tables


def _message(cell: Cell, width: int) -> bool:
    """A one-cell row that is a sentence, not a value: 'No data available.', 'Die 500
    besten Ergebnisse werden angezeigt', 'Data starting from … is an estimate'. In a
    table of two columns only a sentence counts (a date alone is a row)."""
    if looks_numeric(cell):
        return False
    if width > 2:
        return True
    text = _text(cell)
    return len(text.split()) >= 4 and read_cell(text) is None


def _drop_description_rows(table: RawTable) -> None:
    """Facebook's legacy exports put a sentence per column under the header ('Lifetime:
    The number of people …'): where the columns below hold numbers, that row is a
    description, not data."""
    if len(table.rows) < 2:
        return
    sample = table.rows[1:40]
    numeric_columns = [
        i
        for i in range(table.width)
        if sum(1 for r in sample if i < len(r) and looks_numeric(r[i])) >= max(1, len(sample) // 2)
    ]
    if not numeric_columns:
        return
    while table.rows:
        first = table.rows[0]
        texts = [_text(first[i]) if i < len(first) else "" for i in numeric_columns]
        wordy = [t for t in texts if t and not looks_numeric(t) and not is_missing(t)]
        if len(wordy) * 2 < len(numeric_columns) or not any(len(t) > 15 for t in wordy):
            return
        table.descriptions = [_text(c) for c in first]
        table.rows.pop(0)
        table.lines.pop(0)


def table_at(rows: list[list[Cell]], header_index: int, *, source: str = "", start_line: int = 1) -> RawTable:
    """The table a person points at: the named row holds the column names, the rows below
    it (blank and comment lines left out) are its data, the rows above its notes."""
    if not 0 <= header_index < len(rows):
        raise IndexError(header_index)
    header = [_text(c) for c in rows[header_index]]
    while header and not header[-1]:
        header.pop()
    above = rows[:header_index]
    notes = [_line_text(r, ",") for r in above if _filled(r)]
    table = RawTable(source, header, [], [], start_line + header_index, notes, above=above, header_index=header_index)
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 1):
        if not _filled(row) or _is_comment(row, table):
            continue
        filled = _filled(row)
        if len(filled) == 1 and filled[0] == 0 and _message(row[0], table.width):
            table.messages.append(_text(row[0]))
            continue
        table.rows.append(row)
        table.lines.append(start_line + offset)
    _drop_description_rows(table)
    return table
