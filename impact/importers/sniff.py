"""One look at an upload, done once: what container it is (CSV text, a workbook, a
SpreadsheetML ``.xls``, a zip of CSVs), its encoding and dialect, and the tables in
it with the lines around them. Every format reads from this; none sniffs again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from impact.importers.encoding import decode, visible
from impact.importers.errors import MAX_COLUMNS, MAX_UPLOAD_BYTES, ExportError
from impact.importers.layout import Cell, RawTable, split_tables, table_at

_PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DELIMITERS = (",", ";", "\t", "|")
MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 50
HEAD_CHARS = 250_000  # a larger CSV is recognised from its head; its rows are split when needed
csv.field_size_limit(MAX_UPLOAD_BYTES)


@dataclass
class Source:
    """A sheet, a zip member, or the CSV itself: its rows as parsed, before any table was found."""

    name: str
    rows: list[list[Cell]]
    start_line: int = 1


@dataclass
class Sniffed:
    filename: str
    sha256: str
    size: int
    container: str  # csv | xlsx | xls | ods | xml | zip
    tables: list[RawTable]
    encoding: str | None = None
    delimiter: str | None = None
    data: bytes = field(default=b"", repr=False)
    complete: bool = True  # False: ``tables`` were found in the head of a large CSV only
    sources: list[Source] = field(default_factory=list, repr=False)
    shape: list[str] = field(default_factory=list)  # the headers found by the sniff, never changed after
    skipped: list[str] = field(default_factory=list)  # sheets left out as wider than any export

    def __post_init__(self) -> None:
        self.shape = [h for table in self.tables for h in table.header if h]
        if not self.shape:  # no table found: the first rows stand for the file's shape
            for source in self.sources[:1]:
                for row in source.rows[:5]:
                    self.shape += [str(c).strip() for c in row if c is not None and str(c).strip()]

    def all_tables(self) -> list[RawTable]:
        """Every table with every row. A large CSV is first sniffed from its head (enough to
        recognise it, and all a typed fast reader needs); the rest is split on demand."""
        if not self.complete:  # decoded again, not kept: a large file's text is as large as the file
            self.tables, _delimiter, self.sources = sniff_text(decode(self.data)[0])
            self.complete = True
        return self.tables

    def all_sources(self) -> list[Source]:
        self.all_tables()
        return self.sources

    def source_of(self, table: int | None, *, complete: bool = True) -> Source | None:
        """The sheet, member or CSV the chosen table stands in (the first, if none is chosen).
        ``complete=False``: as far as the sniff looked (a large CSV's head), for a preview."""
        sources, tables = (self.all_sources(), self.all_tables()) if complete else (self.sources, self.tables)
        if table is not None and table < len(tables):
            return next((s for s in sources if s.name == tables[table].source), sources[0] if sources else None)
        return sources[0] if sources else None

    def chosen(self, table: int | None, header_row: int | None, *, complete: bool = True) -> list[RawTable]:
        """Every table, or the one a person chose, with its header where they said it is.
        ``complete=False``: as far as the sniff looked (a large CSV's head), for a preview:
        showing a person the first rows must not split a million more."""
        tables = self.all_tables() if complete else self.tables
        if table is not None and table >= len(tables) and header_row is None:
            raise ExportError("no_such_table", str(table + 1))
        if header_row is None:
            return tables if table is None else [tables[table]]
        source = self.source_of(table, complete=complete)
        if source is None or header_row >= len(source.rows):
            raise ExportError("no_such_row", str(header_row + 1))
        return [table_at(source.rows, header_row, source=source.name, start_line=source.start_line)]


def pick_delimiter(text: str) -> str:
    """The delimiter on which the rows agree (most rows of one width ≥ 2), never pandas'
    guess: ``sep=None`` mis-sniffs one-column files."""
    head = text[:65536]
    if len(text) > len(head) and "\n" in head:
        head = head[: head.rindex("\n")]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        widths: dict[int, int] = {}
        try:
            for row in csv.reader(io.StringIO(head), delimiter=delimiter):
                if not row or not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                    continue
                width = len(row)
                while width and not row[width - 1].strip():
                    width -= 1
                widths[width] = widths.get(width, 0) + 1
        except csv.Error:
            continue
        candidates = [(count, width) for width, count in widths.items() if width >= 2]
        if not candidates:
            continue
        score = max(candidates)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(text: str, delimiter: str) -> list[list[Cell]]:
    try:
        # text cells only; the rows are read, never written to, so the wider type is safe
        return cast("list[list[Cell]]", list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=False)))
    except csv.Error as exc:
        raise ExportError("unreadable", str(exc)[:120]) from None


def sniff_text(text: str, *, source: str = "") -> tuple[list[RawTable], str, list[Source]]:
    """Tables of a CSV text, the delimiter they use ('sep=;' lines honoured), and its rows."""
    text = text.lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    if first.strip().strip('"').lower().startswith("sep=") and len(first.strip().strip('"')) in (5, 6):
        delimiter = first.strip().strip('"')[4:5] or ","
        if delimiter == "t":
            delimiter = "\t"
        body, start = rest, 2
    else:
        delimiter, body, start = pick_delimiter(text), text, 1
    records = _records(body, delimiter)
    refuse_wide(records)
    tables = split_tables(records, source=source, delimiter=delimiter, start_line=start)
    return tables, delimiter, [Source(source, records, start)]


def _kind(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise ExportError("broken_workbook", "not a valid XLSX (zip) file") from None
        if "xl/workbook.xml" in names or ("[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)):
            return "xlsx"
        if "mimetype" in names or "content.xml" in names:
            return "ods"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192]:
        return "xml"
    return "csv"


def sniff(data: bytes, filename: str, *, sha256: str | None = None) -> Sniffed:
    """Raises ExportError with a code the reader understands when nothing can be read.
    ``sha256``: the content's hash, where the caller has it already."""
    if not data or not data.strip():
        raise ExportError("empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExportError("too_large", f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    sha = sha256 or hashlib.sha256(data).hexdigest()
    kind = _kind(data)
    if kind in ("xlsx", "xls", "ods", "xml"):
        if kind in ("xlsx", "ods"):
            refuse_zip_bomb(data)
        tables: list[RawTable] = []
        sources: list[Source] = []
        skipped: list[str] = []
        sheets = read_workbook(data, kind)
        for name, raw in sheets:
            try:
                refuse_wide([_trimmed(row) for row in raw])
            except ExportError:
                if len(skipped) + 1 == len(sheets):
                    raise  # every sheet too wide: the file is refused
                skipped.append(name)  # one sheet too wide (a note far to the right): left out, and said
                continue
            rows = _visible_rows(raw)
            tables += split_tables(rows, source=name)
            sources.append(Source(name, rows))
        return Sniffed(filename, sha, len(data), kind, tables, data=data, sources=sources, skipped=skipped)
    if kind == "zip":
        tables, sources = _zip_tables(data)
        return Sniffed(filename, sha, len(data), "zip", tables, data=data, sources=sources)
    text, encoding = decode(data)
    if len(text) > HEAD_CHARS:
        end = text.find("\n")
        first = text[: end if end >= 0 else len(text)]
        refuse_wide([[None] * (max(first.count(d) for d in DELIMITERS) + 1)])  # a header too long for the head
        head = text[:HEAD_CHARS]
        tables, delimiter, sources = sniff_text(head[: head.rindex("\n")] if "\n" in head else head)
        return Sniffed(
            filename,
            sha,
            len(data),
            "csv",
            tables,
            encoding,
            delimiter,
            data=data,
            complete=False,
            sources=sources,
        )
    tables, delimiter, sources = sniff_text(text)
    return Sniffed(filename, sha, len(data), "csv", tables, encoding, delimiter, data=data, sources=sources)


def refuse_wide(rows: list[list[object]]) -> None:
    """Refuse a table wider than any export, before anything works column by column."""
    widest = max(map(len, rows), default=0)
    if widest > MAX_COLUMNS:
        raise ExportError("too_wide", f"{widest}|{MAX_COLUMNS}")


def _trimmed(row: list[object]) -> list[object]:
    """A sheet's row without the empty cells a reader pads it with on the right."""
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not str(row[end - 1]).strip())):
        end -= 1
    return row[:end]


def _visible_rows(rows: list[list[object]]) -> list[list[Cell]]:
    """A sheet's text cells without invisible characters (a CSV's text is cleaned when decoded)."""
    return [[visible(c) if isinstance(c, str) else c for c in row] for row in rows]


def _zip_tables(data: bytes) -> tuple[list[RawTable], list[Source]]:
    """A zip of CSVs (YouTube Studio, Search Console): every member's tables, named by member.
    Unpacked, its CSVs may be no larger than one CSV upload (they are parsed in this process)."""
    refuse_zip_bomb(data, limit=MAX_UPLOAD_BYTES)
    tables: list[RawTable] = []
    sources: list[Source] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and not info.filename.startswith("__MACOSX")
            and not Path(info.filename).name.startswith(".")
        ]
        if len(members) > MAX_MEMBERS:
            raise ExportError("too_large", f"{len(members)} files in the zip")
        for info in members:
            if Path(info.filename).suffix.lower() not in (".csv", ".txt", ".tsv"):
                continue
            try:
                text, _encoding = decode(archive.read(info))
            except (ExportError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error):
                continue  # a damaged, encrypted or oddly packed member: the others are still read
            found, _delimiter, member = sniff_text(text, source=Path(info.filename).name)
            tables += found
            sources += member
    if not sources:
        raise ExportError("no_table_in_zip")
    return tables, sources


def refuse_zip_bomb(data: bytes, limit: int = MAX_UNPACKED) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ExportError("broken_workbook", "not a valid XLSX (zip) file") from None
    if total > limit:
        raise ExportError("too_large", f"unpacks to {total // (1024 * 1024)} MB")


def read_workbook(data: bytes, kind: str) -> list[tuple[str, list[list[object]]]]:
    """Sheets as rows of cells, parsed in a child process with a memory and time ceiling
    (see workbook_worker): a crafted file costs a refused upload, never the server."""
    try:
        finished = subprocess.run(  # noqa: S603 - our own interpreter and module, input on stdin
            # -P: the worker's folder is not put on sys.path (its numbers.py would shadow the
            # standard library); run as a script, it imports no pandas and starts fast
            [sys.executable, "-P", str(Path(__file__).with_name("workbook_worker.py")), kind],
            input=data,
            capture_output=True,
            timeout=120,
            check=False,
            cwd=str(_PROJECT_ROOT),
        )
    except subprocess.TimeoutExpired:
        raise ExportError("too_large", "took longer than 2 minutes to open") from None
    try:
        answer = json.loads(finished.stdout.decode("utf-8") or "{}")
    except ValueError:
        answer = {}
    if "sheets" in answer:
        return [(name, rows) for name, rows in answer["sheets"]]
    if "too_large" in answer or (not answer and finished.returncode != 0):  # killed at its memory ceiling
        raise ExportError("too_large", answer.get("too_large", "memory"))
    raise ExportError("broken_workbook", answer.get("error", f"exit {finished.returncode}"))
