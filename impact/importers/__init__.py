"""Exports people upload, turned into the canonical table.

``read_export`` sniffs the file once (container, encoding, dialect, banner lines,
header, tables; ``sniff.py``), recognises the format from the content (never from the
file name; ``registry.py`` over ``formats/``), reads it with the shared engine
(``engine.py``) and the user's column mapping, and says what it did: the format,
the period, the rows read, which column became which metric and which columns were
ignored and why, and every warning as a code with parameters.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import date

from impact.importers.canonical import KEY_COLUMNS, Ignored, ImportResult
from impact.importers.errors import MAX_UPLOAD_BYTES, ExportError
from impact.importers.registry import detect, formats, importer
from impact.importers.sniff import Sniffed, sniff
from impact.importers.spec import Context


def read_export(
    data: bytes | Sniffed,
    filename: str = "",
    *,
    format: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    today: date | None = None,
) -> ImportResult:
    """Raises ExportError (with a code for the message) when nothing usable is in it."""
    sniffed = data if isinstance(data, Sniffed) else sniff(data, filename)
    chosen = format or detect(sniffed)
    reader = importer(chosen)
    context = Context(sniffed.filename, today or date.today(), mapping or {}, sniffed.delimiter)
    try:
        return reader.read(sniffed, context)
    except ExportError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, OverflowError, AttributeError, csv.Error) as exc:
        raise ExportError("unreadable", f"{type(exc).__name__}: {str(exc)[:120]}") from None


def __getattr__(name: str):
    if name == "FORMATS":
        return formats()
    raise AttributeError(name)


__all__ = [
    "FORMATS",
    "KEY_COLUMNS",
    "MAX_UPLOAD_BYTES",
    "ExportError",
    "Ignored",
    "ImportResult",
    "Sniffed",
    "detect",
    "read_export",
    "sniff",
]
