"""Exports people upload, turned into the canonical table.

``read_export`` detects the format from the content (never from the file name
alone), reads it, applies the user's column mapping, and says what it did: the
format, the period, the rows read, which column became which metric and which
columns were ignored and why.
"""

from __future__ import annotations

import csv
import inspect
from collections.abc import Mapping
from datetime import date
from types import ModuleType

from impact.importers import ga4, generic, google_ads, linkedin, meta_ads, meta_chart, meta_posts, tiktok
from impact.importers.base import ExportError, ImportResult, load_document

FORMATS: dict[str, ModuleType] = {
    module.FORMAT: module for module in (meta_posts, meta_chart, meta_ads, linkedin, ga4, google_ads, tiktok, generic)
}


def _score(module: ModuleType, doc) -> float:  # type: ignore[no-untyped-def]
    """A detector that cannot make sense of a file is saying: not my format."""
    try:
        return float(module.detect(doc))
    except Exception:  # noqa: BLE001 - detection is a guess; any failure scores zero
        return 0.0


def detect_format(doc) -> str:  # type: ignore[no-untyped-def]
    scores = {name: _score(module, doc) for name, module in FORMATS.items()}
    best = max(scores, key=lambda name: scores[name])
    if scores[best] <= 0.1:
        raise ExportError("unknown_format")
    return best


def read_export(
    data: bytes,
    filename: str,
    *,
    format: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    today: date | None = None,
) -> ImportResult:
    """Raises ExportError (with a code for the message) when nothing usable is in it."""
    doc = load_document(data, filename)
    chosen = format or detect_format(doc)
    if chosen not in FORMATS:
        raise ExportError("unknown_format", chosen)
    module = FORMATS[chosen]
    kwargs = {"today": today} if "today" in inspect.signature(module.read).parameters else {}
    try:
        read = module.read(doc, mapping or {}, **kwargs)
    except ExportError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, OverflowError, AttributeError, csv.Error) as exc:
        raise ExportError("unreadable", f"{type(exc).__name__}: {str(exc)[:120]}") from None
    return ImportResult(
        filename=filename,
        format=chosen,
        sha256=doc.sha256,
        table=read.table,
        rows_read=read.rows_read,
        mapping=read.mapping,
        ignored=read.ignored,
        warnings=read.warnings,
        columns=read.columns,
    )


__all__ = ["FORMATS", "ExportError", "ImportResult", "detect_format", "read_export"]
