"""Reading one export: sniffed once, its format recognised from the content, read by
that format with the person's choices (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from impact.importers.canonical import ImportResult
from impact.importers.choices import Choices
from impact.importers.dates import labelled_day, range_in
from impact.importers.errors import HOLDS_NOTHING, ExportError
from impact.importers.registry import detect, importer
from impact.importers.sniff import Sniffed, sniff
from impact.importers.spec import Context


def read_export(
    data: bytes | Sniffed,
    filename: str = "",
    *,
    format: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    choices: Choices | None = None,
    today: date | None = None,
) -> ImportResult:
    """Raises ExportError (with a code for the message) when nothing usable is in it.
    ``choices`` are what a person decided about the file (see choices.py); ``format``
    and ``mapping`` are the short form of the two most common ones."""
    sniffed = data if isinstance(data, Sniffed) else sniff(data, filename)
    choices = choices or Choices()
    mapping = {**choices.columns, **(mapping or {})}
    chosen = format or choices.format
    if chosen is None:
        try:
            chosen = detect(sniffed)
        except ExportError as unknown:
            if not mapping and choices.header_row is None:
                _say_what_it_holds(sniffed, today)
                raise unknown from None
            chosen = "generic"  # columns named by hand: read as a plain table
    reader = importer(chosen)
    context = Context(
        sniffed.filename,
        today or date.today(),
        mapping,
        sniffed.delimiter,
        period=choices.period,
        channel=choices.channel,
        table=choices.table,
        header_row=choices.header_row,
        date_order=choices.date_order,
    )
    try:
        return reader.read(sniffed, context)
    except ExportError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a file does to a reader, the upload is refused with a reason
        raise ExportError("unreadable", f"{type(exc).__name__}: {str(exc)[:120]}") from None


def _say_what_it_holds(sniffed: Sniffed, today: date | None) -> None:
    """A file no format knows may still say what it is: shares by age or country, only
    its column names, 'No data available.'. Then that is the message, not 'unknown'."""
    if not sniffed.tables:
        lines = [
            " ".join(str(c).strip() for c in r if str(c or "").strip()) for s in sniffed.sources for r in s.rows[:12]
        ]
        lines = [line for line in lines if line]
        if lines and any(labelled_day(line) or range_in(line) for line in lines):
            raise ExportError("banner_only", lines[0][:120])  # a report's title and dates, no table under them
    context = Context(sniffed.filename, today or date.today(), {}, sniffed.delimiter)
    try:
        importer("generic").read(sniffed, context)
    except ExportError as error:
        if error.code in (*HOLDS_NOTHING, "ambiguous_column"):
            raise
    except Exception:  # noqa: BLE001 - only a telling refusal is worth passing on
        return
