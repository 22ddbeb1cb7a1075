"""Google Analytics 4 CSV exports: ``#`` comment lines (account, property, start and
end date as 20261001), then one or more tables separated by blank lines.

Rows without a date dimension are totals over the report's range (``span_end``).
Only the first table is read: further tables repeat the same sessions by another
dimension and would count them twice. "Key events" (formerly "Conversions") are
conversions; the "Grand total" row is never counted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from impact.importers.base import Document, ExportError, pick_separator, read_csv_rows
from impact.importers.table import TableRead, TableSpec, read_table

FORMAT = "ga4"

_START = re.compile(r"^#\s*(start date|startdatum)\s*:\s*(\d{8})", re.I)
_END = re.compile(r"^#\s*(end date|enddatum)\s*:\s*(\d{8})", re.I)

ROLES: dict[str, str | None] = {
    "Key events": "conversions",
    "Schlüsselereignisse": "conversions",
    "Conversions": "conversions",
    "Total revenue": "revenue",
    "Gesamtumsatz": "revenue",
    "Sessions": "sessions",
    "Sitzungen": "sessions",
    "Engaged sessions": None,
    "Sitzungen mit Interaktionen": None,
    "Event count": None,
    "Ereignisanzahl": None,
    "Active users": None,
    "Aktive Nutzer": None,
    "New users": None,
    "Neue Nutzer": None,
    "Date": "date",
    "Datum": "date",
}


def detect(doc: Document) -> float:
    comments = [line for line in doc.head_lines(40) if line.startswith("#")]
    return 0.95 if any(_START.match(line) for line in comments) else 0.0


def _range(lines: list[str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    start = end = None
    for line in lines:
        if match := _START.match(line):
            start = pd.Timestamp(match.group(2))
        elif match := _END.match(line):
            end = pd.Timestamp(match.group(2))
    return (start, end) if start is not None and end is not None else None


def read(doc: Document, mapping: Mapping[str, str | None]) -> TableRead:
    lines = doc.lines
    span = _range([line for line in lines if line.startswith("#")])
    body = [line for line in lines if not line.startswith("#")]
    tables: list[list[str]] = []
    for line in body:
        if not line.strip():
            if tables and tables[-1]:
                tables.append([])
            continue
        if not tables:
            tables.append([])
        tables[-1].append(line)
    tables = [t for t in tables if len(t) >= 2]
    if not tables:
        raise ExportError("no_rows")
    first = tables[0]
    rows = read_csv_rows("\n".join(first), pick_separator(first[:5]))
    dimension = str(rows.iloc[0, 0]).strip()
    roles = dict(ROLES)
    lowered = dimension.lower()
    if "date" in lowered or "datum" in lowered:
        roles[dimension] = "date"
        spec = TableSpec(header_row=0, roles=roles, channel="website", date_parser=None)
    else:
        roles[dimension] = (
            "channel"
            if ("channel" in lowered or "source" in lowered or "quelle" in lowered or "kanal" in lowered)
            else "segment"
        )
        spec = TableSpec(header_row=0, roles=roles, channel="website", span=span)
        if span is None:
            raise ExportError("no_date")
    result = read_table(rows, spec, mapping)
    if len(tables) > 1:
        result.warnings.append(("ga4_tables_skipped", str(len(tables) - 1)))
    return result
